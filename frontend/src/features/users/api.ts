import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapVersioned } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { StaffRole, UserCreate, UserRead, UserUpdate } from "../../api/types";

export const userKeys = {
  all: ["users"] as const,
  list: (filters: UserFilters) => [...userKeys.all, "list", filters] as const,
};

export interface UserFilters {
  q?: string;
  role?: StaffRole;
}

export function useUserList(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: userKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/users", {
          params: {
            query: {
              limit: 50,
              cursor: pageParam,
              ...(filters.q ? { q: filters.q } : {}),
              ...(filters.role ? { role: filters.role } : {}),
            },
          },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: UserCreate; idempotencyKey: string }) =>
      unwrap(api.POST("/api/v1/users", { body, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}

/**
 * Change a user the admin sees in the list. The change is conditional on the
 * version shown: if someone changed the user since, the API answers 412 and
 * nothing is written.
 */
export function useUpdateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ user, body }: { user: UserRead; body: UserUpdate }) => {
      const path = { params: { path: { user_id: user.id } } };
      const current = await unwrapVersioned(api.GET("/api/v1/users/{user_id}", path));
      if (current.data.version !== user.version || !current.etag) {
        throw new ApiError(412, {
          type: "/api/v1/problems/precondition-failed",
          title: "Precondition failed",
          status: 412,
          detail: "This user was changed by someone else — the list has been reloaded.",
        });
      }
      return unwrap(api.PATCH("/api/v1/users/{user_id}", { ...path, body, headers: { "If-Match": current.etag } }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: userKeys.all }),
  });
}
