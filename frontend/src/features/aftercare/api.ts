import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, newIdempotencyKey, unwrap, unwrapVersioned, type Versioned } from "../../api/client";
import type { AftercareRead, AftercareUpdate, FollowUpUpdate } from "../../api/types";
import { caseKeys } from "../cases/api";
import { taskKeys } from "../tasks/api";

export const aftercareKeys = {
  all: ["aftercare"] as const,
  detail: (caseId: string) => [...aftercareKeys.all, "detail", caseId] as const,
  portal: () => [...aftercareKeys.all, "portal"] as const,
  revisions: (caseId: string) => [...aftercareKeys.all, "revisions", caseId] as const,
};

/** The case's aftercare plan with its ETag, or null while it has none (the API's 200 null). */
export function aftercareQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: aftercareKeys.detail(caseId),
    queryFn: async ({ signal }): Promise<Versioned<AftercareRead> | null> => {
      const found = await unwrapVersioned(
        api.GET("/api/v1/cases/{case_id}/aftercare", { params: { path: { case_id: caseId } }, signal }),
      );
      return found.data ? { data: found.data, etag: found.etag } : null;
    },
  });
}

export function useAftercare(caseId: string) {
  return useQuery(aftercareQueryOptions(caseId));
}

/** Every saved version of the plan, newest first (who, when, a snapshot). */
export function useAftercareRevisions(caseId: string) {
  return useInfiniteQuery({
    queryKey: aftercareKeys.revisions(caseId),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/cases/{case_id}/aftercare/revisions", {
          params: { path: { case_id: caseId }, query: { limit: 50, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

function useRefresh(caseId: string) {
  const queryClient = useQueryClient();
  return (result?: Versioned<AftercareRead>) => {
    if (result?.etag) queryClient.setQueryData(aftercareKeys.detail(caseId), result);
    else void queryClient.invalidateQueries({ queryKey: aftercareKeys.detail(caseId) });
    void queryClient.invalidateQueries({ queryKey: aftercareKeys.revisions(caseId) });
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  };
}

/** PUT the whole plan: without an ETag it creates the plan (428 if one exists meanwhile). */
export function useSaveAftercare(caseId: string) {
  const refresh = useRefresh(caseId);
  return useMutation({
    mutationFn: ({ body, etag }: { body: AftercareUpdate; etag: string | null }) =>
      unwrapVersioned(
        api.PUT("/api/v1/cases/{case_id}/aftercare", {
          params: { path: { case_id: caseId } },
          body,
          ...(etag ? { headers: { "If-Match": etag } } : {}),
        }),
      ),
    onSuccess: refresh,
  });
}

export function useUpdateFollowUp(caseId: string) {
  const refresh = useRefresh(caseId);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: FollowUpUpdate }) =>
      unwrap(api.PATCH("/api/v1/follow-ups/{follow_up_id}", { params: { path: { follow_up_id: id } }, body })),
    onSuccess: () => refresh(),
  });
}

export function useEscalate(caseId: string) {
  const refresh = useRefresh(caseId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ reason }: { reason: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/aftercare/escalate", {
          params: { path: { case_id: caseId } },
          body: { reason },
          headers: { "Idempotency-Key": newIdempotencyKey() },
        }),
      ),
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: caseKeys.all });
      void queryClient.invalidateQueries({ queryKey: ["referrals"] });
    },
  });
}

/** My own part of the plan in the portal; null until the plan exists. */
export function usePortalAftercare() {
  return useQuery({
    queryKey: aftercareKeys.portal(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/portal/aftercare", { signal })),
  });
}
