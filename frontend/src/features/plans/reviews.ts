import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { Me } from "../../api/types";
import { staffRole } from "../auth/api";

/** Plans waiting for a supervisor's review (GET /plan-reviews): the queue and its count. */
export const reviewKeys = {
  all: ["plan-reviews"] as const,
  list: () => [...reviewKeys.all, "list"] as const,
  count: () => [...reviewKeys.all, "count"] as const,
};

/** Supervisors and admins review plans; an interventionist has no queue. */
export function reviewsPlans(me: Me): boolean {
  const role = staffRole(me);
  return role === "supervisor" || role === "admin";
}

export function usePlanReviews() {
  return useInfiniteQuery({
    queryKey: reviewKeys.list(),
    queryFn: ({ pageParam, signal }) =>
      unwrap(api.GET("/api/v1/plan-reviews", { params: { query: { limit: 50, cursor: pageParam } }, signal })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

/** How many plans wait, for the navigation; refreshed every minute while the app is open. */
export function usePlanReviewCount(enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.count(),
    queryFn: async ({ signal }) =>
      // The count alone: asking the queue for a row would record a read of that plan.
      (await unwrap(api.GET("/api/v1/plan-reviews/count", { signal }))).total,
    enabled,
    refetchInterval: 60_000,
  });
}
