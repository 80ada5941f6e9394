import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";

export type AuditEvent = components["schemas"]["AuditEventRead"];
export type AuditAction = AuditEvent["action"];

export const AUDIT_ACTIONS: AuditAction[] = [
  "read",
  "create",
  "update",
  "delete",
  "login",
  "login_failed",
  "disclose",
  "export",
];

export interface AuditFilters {
  case_id?: string;
  actor_id?: string;
  action?: AuditAction;
  /** Days (YYYY-MM-DD); `until` is inclusive. */
  since?: string;
  until?: string;
}

const PAGE = 50;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The query the API takes: whole days become instants (`until` the start of the next day). */
export function auditQuery(filters: AuditFilters) {
  const nextDay = (day: string) => {
    const date = new Date(`${day}T00:00:00Z`);
    date.setUTCDate(date.getUTCDate() + 1);
    return date.toISOString().slice(0, 10);
  };
  return {
    ...(filters.case_id && UUID.test(filters.case_id) ? { case_id: filters.case_id } : {}),
    ...(filters.actor_id ? { actor_id: filters.actor_id } : {}),
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.since ? { since: `${filters.since}T00:00:00Z` } : {}),
    ...(filters.until ? { until: `${nextDay(filters.until)}T00:00:00Z` } : {}),
  };
}

export function useAuditEvents(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ["audit-events", filters],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/audit-events", {
          params: { query: { ...auditQuery(filters), limit: PAGE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useCaseAccessLog(caseId: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: ["cases", caseId, "access-log"],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/cases/{case_id}/access-log", {
          params: { path: { case_id: caseId }, query: { limit: PAGE, cursor: pageParam } },
          signal,
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}
