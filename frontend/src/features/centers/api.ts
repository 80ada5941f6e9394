import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, etagOf, unwrap } from "../../api/client";
import type { TreatmentCenterCreate, TreatmentCenterRead, TreatmentCenterUpdate } from "../../api/types";
import { centersQueryParams, type CenterFilters } from "./filters";

export type { CenterFilters } from "./filters";

export const CENTERS_PAGE_SIZE = 50;

export const centerKeys = {
  all: ["treatment-centers"] as const,
  lists: () => [...centerKeys.all, "list"] as const,
  list: (filters: CenterFilters) => [...centerKeys.lists(), filters] as const,
  picker: () => [...centerKeys.all, "picker"] as const,
  detail: (centerId: string) => [...centerKeys.all, "detail", centerId] as const,
};

/** The organisation's treatment-center directory, filtered, a page at a time. */
export function useCenterList(filters: CenterFilters) {
  return useInfiniteQuery({
    queryKey: centerKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/treatment-centers", {
          params: { query: { ...centersQueryParams(filters), limit: CENTERS_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** Every center, for pickers (consent recipient, referral destination). Directories are small. */
export function useAllCenters() {
  return useQuery({
    queryKey: centerKeys.picker(),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/treatment-centers", { params: { query: { limit: 200 } }, signal })),
    select: (page) => page.items,
  });
}

/** One center, e.g. the destination of a referral, with its current beds; with no id nothing is fetched. */
export function useCenter(centerId: string | null) {
  return useQuery({
    queryKey: centerKeys.detail(centerId ?? ""),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/treatment-centers/{center_id}", { params: { path: { center_id: centerId ?? "" } }, signal })),
    enabled: Boolean(centerId),
  });
}

/** One center as it is now (to reload an edit form after a 412). */
export function fetchCenter(centerId: string) {
  return unwrap(api.GET("/api/v1/treatment-centers/{center_id}", { params: { path: { center_id: centerId } } }));
}

export function useCreateCenter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TreatmentCenterCreate; idempotencyKey: string }) =>
      unwrap(api.POST("/api/v1/treatment-centers", { body, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: centerKeys.all }),
  });
}

/**
 * Change a center, conditional on the version the admin had in front of them:
 * if someone (or the center's own system, for beds) changed it since, the API
 * answers 412 and nothing is written.
 */
export function useUpdateCenter() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ center, body }: { center: Pick<TreatmentCenterRead, "id" | "version">; body: TreatmentCenterUpdate }) =>
      unwrap(
        api.PATCH("/api/v1/treatment-centers/{center_id}", {
          params: { path: { center_id: center.id } },
          body,
          headers: { "If-Match": etagOf(center) },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: centerKeys.all }),
  });
}
