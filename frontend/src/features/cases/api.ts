import {
  keepPreviousData,
  queryOptions,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import { api, unwrap, unwrapVersioned, type Versioned } from "../../api/client";
import type { CaseCreate, CaseRead, CaseUpdate, StatusChange } from "../../api/types";
import { casesQueryParams, type CaseFilters } from "./filters";

export const PAGE_SIZE = 25;

export const caseKeys = {
  all: ["cases"] as const,
  lists: () => [...caseKeys.all, "list"] as const,
  list: (filters: CaseFilters) => [...caseKeys.lists(), filters] as const,
  detail: (id: string) => [...caseKeys.all, "detail", id] as const,
  timeline: (id: string) => [...caseKeys.all, "timeline", id] as const,
};

export function useCaseList(filters: CaseFilters) {
  return useInfiniteQuery({
    queryKey: caseKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/cases", {
          params: { query: { ...casesQueryParams(filters), limit: PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function caseQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: caseKeys.detail(caseId),
    queryFn: ({ signal }) =>
      unwrapVersioned(api.GET("/api/v1/cases/{case_id}", { params: { path: { case_id: caseId } }, signal })),
  });
}

export function useCaseTimeline(caseId: string) {
  return useInfiniteQuery({
    queryKey: caseKeys.timeline(caseId),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/cases/{case_id}/timeline", {
          params: { path: { case_id: caseId }, query: { limit: 50, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useCreateCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CaseCreate; idempotencyKey: string }) =>
      unwrap(api.POST("/api/v1/cases", { body, headers: { "Idempotency-Key": idempotencyKey } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.lists() }),
  });
}

/** Store a fresh representation, or refetch when the response had no ETag. */
function useStoreCase(caseId: string) {
  const queryClient = useQueryClient();
  return (result: Versioned<CaseRead>) => {
    if (result.etag) queryClient.setQueryData(caseKeys.detail(caseId), result);
    else void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
    void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
  };
}

export function useUpdateCase(caseId: string) {
  const store = useStoreCase(caseId);
  return useMutation({
    mutationFn: ({ body, etag }: { body: CaseUpdate; etag: string }) =>
      unwrapVersioned(
        api.PATCH("/api/v1/cases/{case_id}", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "If-Match": etag },
        }),
      ),
    onSuccess: store,
  });
}

export function useChangeStatus(caseId: string) {
  const store = useStoreCase(caseId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, etag }: { body: StatusChange; etag: string | null }) =>
      unwrapVersioned(
        api.POST("/api/v1/cases/{case_id}/status", {
          params: { path: { case_id: caseId } },
          body,
          ...(etag ? { headers: { "If-Match": etag } } : {}),
        }),
      ),
    onSuccess: (result) => {
      store(result);
      // A move opens the aftercare plan (aftercare) or cancels its follow-ups and their
      // tasks (closed): what those screens show changed too. Keys by prefix, as the
      // aftercare and task features build on cases.
      void queryClient.invalidateQueries({ queryKey: ["aftercare"] });
      void queryClient.invalidateQueries({ queryKey: ["tasks"] });
    },
  });
}
