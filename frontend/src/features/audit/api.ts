import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import type { components } from "../../api/schema";
import { practiceTimeZone } from "../../lib/format";
import { auditQuery, type AuditSearch } from "./filters";

export type AuditEvent = components["schemas"]["AuditEventRead"];
export { AUDIT_ACTIONS, type AuditAction } from "./filters";

const PAGE = 50;

export function useAuditEvents(search: AuditSearch) {
  const zone = practiceTimeZone();
  return useInfiniteQuery({
    queryKey: ["audit-events", search, zone],
    queryFn: ({ pageParam, signal }) =>
      unwrap(
        api.GET("/api/v1/audit-events", {
          params: { query: { ...auditQuery(search, zone), limit: PAGE, cursor: pageParam } },
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
