import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, etagOf, unwrap } from "../../api/client";
import { allItems } from "../../api/pages";
import type { GoalCreate, GoalRead, GoalUpdate, MeasurementCreate } from "../../api/types";

export const goalKeys = {
  all: ["goals"] as const,
  list: (caseId: string) => [...goalKeys.all, "list", caseId] as const,
  progress: (goalId: string) => [...goalKeys.all, "progress", goalId] as const,
};

/** Every goal of a case (a case has a handful; pages are followed to the end). */
export function goalsQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: goalKeys.list(caseId),
    queryFn: ({ signal }) =>
      allItems((cursor) =>
        unwrap(api.GET("/api/v1/cases/{case_id}/goals", { params: { path: { case_id: caseId }, query: { limit: 200, cursor } }, signal })),
      ),
  });
}

export function useGoals(caseId: string) {
  return useQuery(goalsQueryOptions(caseId));
}

export function useGoalProgress(goalId: string) {
  return useQuery({
    queryKey: goalKeys.progress(goalId),
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/goals/{goal_id}/progress", { params: { path: { goal_id: goalId } }, signal })),
  });
}

/** After any change: the goal itself, its series, and the list it sits in. */
function useStoreGoal(caseId: string) {
  const queryClient = useQueryClient();
  return (goal: GoalRead) => {
    queryClient.setQueryData<GoalRead[]>(goalKeys.list(caseId), (list) =>
      list ? (list.some((g) => g.id === goal.id) ? list.map((g) => (g.id === goal.id ? goal : g)) : [...list, goal]) : list,
    );
    void queryClient.invalidateQueries({ queryKey: goalKeys.list(caseId) });
    void queryClient.invalidateQueries({ queryKey: goalKeys.progress(goal.id) });
  };
}

export function useCreateGoal(caseId: string) {
  const store = useStoreGoal(caseId);
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: GoalCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/goals", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: store,
  });
}

/** Change a goal, conditional on the version the user saw (412 when someone else changed it). */
export function useUpdateGoal(caseId: string) {
  const store = useStoreGoal(caseId);
  return useMutation({
    mutationFn: ({ goal, body }: { goal: GoalRead; body: GoalUpdate }) =>
      unwrap(
        api.PATCH("/api/v1/goals/{goal_id}", {
          params: { path: { goal_id: goal.id } },
          body,
          headers: { "If-Match": etagOf(goal) },
        }),
      ),
    onSuccess: store,
  });
}

export function useRecordMeasurement(caseId: string) {
  const store = useStoreGoal(caseId);
  return useMutation({
    mutationFn: ({ goalId, body, idempotencyKey }: { goalId: string; body: MeasurementCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/goals/{goal_id}/measurements", {
          params: { path: { goal_id: goalId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: store,
  });
}
