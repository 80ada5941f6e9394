import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap, unwrapVersioned, type Versioned } from "../../api/client";
import type { PlanCreate, PlanDelivery, PlanRead, PlanUpdate } from "../../api/types";
import { caseKeys } from "../cases/api";
import { taskKeys } from "../tasks/api";
import { reviewKeys } from "./reviews";

export const planKeys = {
  all: ["plans"] as const,
  detail: (caseId: string) => [...planKeys.all, "detail", caseId] as const,
  revisions: (caseId: string) => [...planKeys.all, "revisions", caseId] as const,
  templates: () => [...planKeys.all, "templates"] as const,
};

/** The case's plan with its ETag, or null while the case has none (the API answers 200 null). */
export function planQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: planKeys.detail(caseId),
    queryFn: async ({ signal }): Promise<Versioned<PlanRead> | null> => {
      const found = await unwrapVersioned(
        api.GET("/api/v1/cases/{case_id}/plan", { params: { path: { case_id: caseId } }, signal }),
      );
      return found.data ? { data: found.data, etag: found.etag } : null;
    },
  });
}

export function usePlan(caseId: string) {
  return useQuery(planQueryOptions(caseId));
}

export function usePlanTemplates() {
  return useQuery({
    queryKey: planKeys.templates(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/plan-templates", { signal })),
    staleTime: 60 * 60_000,
  });
}

export function usePlanRevisions(caseId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: planKeys.revisions(caseId),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/cases/{case_id}/plan/revisions", {
          params: { path: { case_id: caseId }, query: { limit: 50, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}

/** Store a fresh plan and refresh what a plan change can move: the case, its timeline, revisions. */
function useStorePlan(caseId: string) {
  const queryClient = useQueryClient();
  return (result: Versioned<PlanRead>) => {
    if (result.etag) queryClient.setQueryData(planKeys.detail(caseId), result);
    else void queryClient.invalidateQueries({ queryKey: planKeys.detail(caseId) });
    void queryClient.invalidateQueries({ queryKey: planKeys.revisions(caseId) });
    void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
    void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
    void queryClient.invalidateQueries({ queryKey: caseKeys.lists() });
    // Review steps change the queue, and raise tasks; a new date moves the template tasks.
    void queryClient.invalidateQueries({ queryKey: reviewKeys.all });
    void queryClient.invalidateQueries({ queryKey: taskKeys.all });
  };
}

export function useCreatePlan(caseId: string) {
  const store = useStorePlan(caseId);
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: PlanCreate; idempotencyKey: string }) =>
      unwrapVersioned(
        api.POST("/api/v1/cases/{case_id}/plan", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: (result) => {
      store(result);
      // A template turns its action items into tasks.
      void queryClient.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

export function useUpdatePlan(caseId: string) {
  const store = useStorePlan(caseId);
  return useMutation({
    mutationFn: ({ body, etag }: { body: PlanUpdate; etag: string }) =>
      unwrapVersioned(
        api.PATCH("/api/v1/cases/{case_id}/plan", {
          params: { path: { case_id: caseId }, header: { "If-Match": etag } },
          body,
        }),
      ),
    onSuccess: store,
  });
}

export type PlanStep = "submit" | "approve";

export function usePlanStep(caseId: string) {
  const store = useStorePlan(caseId);
  return useMutation({
    mutationFn: ({ step, etag }: { step: PlanStep; etag: string | null }) => {
      const init = { params: { path: { case_id: caseId } }, ...(etag ? { headers: { "If-Match": etag } } : {}) };
      return unwrapVersioned(
        step === "submit"
          ? api.POST("/api/v1/cases/{case_id}/plan/submit", init)
          : api.POST("/api/v1/cases/{case_id}/plan/approve", init),
      );
    },
    onSuccess: store,
  });
}

/** Return the plan in review for changes, with the reviewer's comment (supervisor or admin). */
export function useReturnPlan(caseId: string) {
  const store = useStorePlan(caseId);
  return useMutation({
    mutationFn: ({ comment, etag }: { comment: string; etag: string | null }) =>
      unwrapVersioned(
        api.POST("/api/v1/cases/{case_id}/plan/return", {
          params: { path: { case_id: caseId } },
          body: { comment },
          ...(etag ? { headers: { "If-Match": etag } } : {}),
        }),
      ),
    onSuccess: store,
  });
}

export function useDeliverPlan(caseId: string) {
  const store = useStorePlan(caseId);
  return useMutation({
    mutationFn: ({ body, etag }: { body: PlanDelivery; etag: string | null }) =>
      unwrapVersioned(
        api.POST("/api/v1/cases/{case_id}/plan/deliver", {
          params: { path: { case_id: caseId } },
          body,
          ...(etag ? { headers: { "If-Match": etag } } : {}),
        }),
      ),
    onSuccess: store,
  });
}
