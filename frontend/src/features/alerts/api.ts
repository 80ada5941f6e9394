import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { alertsQueryParams, type AlertFilters } from "./filters";

export const ALERTS_PAGE_SIZE = 25;
export const SUMMARY_INTERVAL_MS = 30_000;

export const alertKeys = {
  all: ["alerts"] as const,
  summary: () => [...alertKeys.all, "summary"] as const,
  lists: () => [...alertKeys.all, "list"] as const,
  list: (filters: AlertFilters) => [...alertKeys.lists(), filters] as const,
};

/** Open and open-critical counts for the badge and banner; polled every 30 s. */
export function useAlertSummary() {
  return useQuery({
    queryKey: alertKeys.summary(),
    queryFn: ({ signal }) => unwrap(api.GET("/api/v1/alerts/summary", { signal })),
    refetchInterval: SUMMARY_INTERVAL_MS,
    staleTime: 10_000,
  });
}

export function useAlerts(filters: AlertFilters) {
  return useInfiniteQuery({
    queryKey: alertKeys.list(filters),
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/alerts", {
          params: { query: { ...alertsQueryParams(filters), limit: ALERTS_PAGE_SIZE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useAcknowledgeAlert() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ alertId, note }: { alertId: string; note: string | null }) =>
      unwrap(
        api.POST("/api/v1/alerts/{alert_id}/acknowledge", {
          params: { path: { alert_id: alertId } },
          body: note ? { note } : {},
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertKeys.all }),
  });
}
