import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrapVersioned } from "../../api/client";
import type { OrganizationUpdate } from "../../api/types";
import { meQueryOptions } from "../auth/api";

export const organizationQueryOptions = queryOptions({
  queryKey: ["organization"] as const,
  queryFn: ({ signal }) => unwrapVersioned(api.GET("/api/v1/organization", { signal })),
});

/** The practice as last read, with the ETag a change must send back. */
export function useOrganization() {
  return useQuery(organizationQueryOptions);
}

/**
 * Change the practice, conditional on the version shown: if another admin changed it
 * since, the API answers 412 and nothing is written. On success the signed-in user's
 * `/auth/me` is reloaded, so the whole dashboard shows times in the new zone.
 */
export function useUpdateOrganization() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: OrganizationUpdate; etag: string | null }) =>
      unwrapVersioned(
        api.PATCH("/api/v1/organization", { body, headers: etag ? { "If-Match": etag } : {} }),
      ),
    onSuccess: async (saved) => {
      queryClient.setQueryData(organizationQueryOptions.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey });
    },
  });
}
