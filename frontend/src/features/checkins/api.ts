import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, etagOf, unwrap } from "../../api/client";
import type { CheckInCreate, ScheduleCreate, ScheduleRead, ScheduleUpdate } from "../../api/types";

export const HISTORY_PAGE_SIZE = 25;
/** How many of the client's check-ins the trend charts show (about half a year of weekly ones). */
export const TREND_POINTS = 26;

export const checkInKeys = {
  all: ["check-ins"] as const,
  schedules: (caseId: string) => [...checkInKeys.all, "schedules", caseId] as const,
  history: (caseId: string) => [...checkInKeys.all, "history", caseId] as const,
  trend: (caseId: string) => [...checkInKeys.all, "trend", caseId] as const,
  adherence: (caseId: string, weeks: number) => [...checkInKeys.all, "adherence", caseId, weeks] as const,
};

export function schedulesQueryOptions(caseId: string) {
  return queryOptions({
    queryKey: checkInKeys.schedules(caseId),
    queryFn: async ({ signal }) =>
      (
        await unwrap(
          api.GET("/api/v1/cases/{case_id}/check-in-schedules", { params: { path: { case_id: caseId } }, signal }),
        )
      ).items,
  });
}

export function useSchedules(caseId: string) {
  return useQuery(schedulesQueryOptions(caseId));
}

export function useCheckInHistory(caseId: string) {
  return useInfiniteQuery({
    queryKey: checkInKeys.history(caseId),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/cases/{case_id}/check-ins", {
          params: { path: { case_id: caseId }, query: { limit: HISTORY_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** The client's most recent check-ins (newest first, as the API gives them). */
export function useClientTrend(caseId: string) {
  return useQuery({
    queryKey: checkInKeys.trend(caseId),
    queryFn: async ({ signal }) =>
      (
        await unwrap(
          api.GET("/api/v1/cases/{case_id}/check-ins", {
            params: { path: { case_id: caseId }, query: { respondent: "client", limit: TREND_POINTS } },
            signal,
          }),
        )
      ).items,
  });
}

export function useAdherence(caseId: string, weeks = 12) {
  return useQuery({
    queryKey: checkInKeys.adherence(caseId, weeks),
    queryFn: ({ signal }) =>
      unwrap(
        api.GET("/api/v1/cases/{case_id}/check-in-adherence", {
          params: { path: { case_id: caseId }, query: { weeks } },
          signal,
        }),
      ),
  });
}

function useRefreshCheckIns() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: checkInKeys.all });
}

export function useCreateSchedule(caseId: string) {
  const refresh = useRefreshCheckIns();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ScheduleCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/check-in-schedules", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: refresh,
  });
}

/** Change a schedule, conditional on the version the user saw (412 when stale). */
export function useUpdateSchedule(caseId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshCheckIns();
  return useMutation({
    mutationFn: ({ schedule, body }: { schedule: ScheduleRead; body: ScheduleUpdate }) =>
      unwrap(
        api.PATCH("/api/v1/check-in-schedules/{schedule_id}", {
          params: { path: { schedule_id: schedule.id } },
          body,
          headers: { "If-Match": etagOf(schedule) },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData<ScheduleRead[]>(checkInKeys.schedules(caseId), (list) =>
        list?.map((s) => (s.id === updated.id ? updated : s)),
      );
      void refresh();
    },
  });
}

/** Staff entering a check-in for the respondent (e.g. taken over the phone). */
export function useCreateStaffCheckIn(caseId: string) {
  const refresh = useRefreshCheckIns();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CheckInCreate; idempotencyKey: string }) =>
      unwrap(
        api.POST("/api/v1/cases/{case_id}/check-ins", {
          params: { path: { case_id: caseId } },
          body,
          headers: { "Idempotency-Key": idempotencyKey },
        }),
      ),
    onSuccess: () => {
      void refresh();
      void queryClient.invalidateQueries({ queryKey: ["goals"] });
      void queryClient.invalidateQueries({ queryKey: ["alerts"] });
    },
  });
}
