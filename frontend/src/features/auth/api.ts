import { queryOptions, useMutation, useSuspenseQuery } from "@tanstack/react-query";
import { api, session, unwrap } from "../../api/client";
import type { Me, StaffRole } from "../../api/types";

export const meQueryOptions = queryOptions({
  queryKey: ["auth", "me"] as const,
  queryFn: ({ signal }) => unwrap(api.GET("/api/v1/auth/me", { signal })),
  staleTime: 5 * 60_000,
});

/** The signed-in staff member; only used below the authenticated layout. */
export function useMe(): Me {
  return useSuspenseQuery(meQueryOptions).data;
}

export function isAdmin(me: Me): boolean {
  return me.role === "admin";
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: { current_password: string; new_password: string }) => {
      const tokens = await unwrap(api.POST("/api/v1/auth/password", { body }));
      session.adopt(tokens);
    },
  });
}

/** The API types `Me.role` as a plain string; narrow it to the staff roles. */
export function staffRole(me: Me): StaffRole | null {
  return me.role === "admin" || me.role === "supervisor" || me.role === "interventionist" ? me.role : null;
}
