import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { api, etagOf, unwrap } from "../../api/client";
import type { ResourceCreate, ResourceRead, ResourceUpdate } from "../../api/types";
import { resourcesQueryParams, type ResourceFilters } from "./filters";

export const RESOURCES_PAGE_SIZE = 50;

export const resourceKeys = {
  all: ["resources"] as const,
  lists: () => [...resourceKeys.all, "list"] as const,
  list: (filters: ResourceFilters) => [...resourceKeys.lists(), filters] as const,
};

/** The practice's directory of continued support, filtered, a page at a time. */
export function useResourceList(filters: ResourceFilters) {
  return useInfiniteQuery({
    queryKey: resourceKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/resources", {
          params: { query: { ...resourcesQueryParams(filters), limit: RESOURCES_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** One resource as it is now (to reload an edit form after a 412). */
export function fetchResource(resourceId: string) {
  return unwrap(api.GET("/api/v1/resources/{resource_id}", { params: { path: { resource_id: resourceId } } }));
}

export function useCreateResource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ResourceCreate; idempotencyKey: string }) =>
      unwrap(api.POST("/api/v1/resources", { body, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all }),
  });
}

/** Change a resource, conditional on the version the editor had in front of them (412 otherwise). */
export function useUpdateResource() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ resource, body }: { resource: Pick<ResourceRead, "id" | "version">; body: ResourceUpdate }) =>
      unwrap(
        api.PATCH("/api/v1/resources/{resource_id}", {
          params: { path: { resource_id: resource.id } },
          body,
          headers: { "If-Match": etagOf(resource) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: resourceKeys.all }),
  });
}
