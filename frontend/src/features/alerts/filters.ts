// The alert inbox filters live in the URL, like the caseload's. With no status
// in the URL the inbox shows open alerts: what still needs someone.
import type { AlertKind, AlertSeverity, AlertStatus } from "../../api/types";

export type StatusFilter = AlertStatus | "all";

export interface AlertFilters {
  status?: StatusFilter;
  severity?: AlertSeverity;
  kind?: AlertKind;
}

export const SEVERITIES: readonly AlertSeverity[] = ["critical", "high", "moderate", "low"];
export const KINDS: readonly AlertKind[] = ["safety", "relapse_reported", "missed_check_in", "referral_declined", "consent_expiring"];
const STATUSES: readonly StatusFilter[] = ["open", "acknowledged", "all"];

export function parseAlertFilters(search: Record<string, unknown>): AlertFilters {
  const filters: AlertFilters = {};
  if (typeof search.status === "string" && (STATUSES as readonly string[]).includes(search.status) && search.status !== "open")
    filters.status = search.status as StatusFilter;
  if (typeof search.severity === "string" && (SEVERITIES as readonly string[]).includes(search.severity))
    filters.severity = search.severity as AlertSeverity;
  if (typeof search.kind === "string" && (KINDS as readonly string[]).includes(search.kind)) filters.kind = search.kind as AlertKind;
  return filters;
}

/** Merge a change, dropping defaults and empty values so URLs stay short. */
export function updateAlertFilters(current: AlertFilters, change: Partial<Record<keyof AlertFilters, string | null | undefined>>): AlertFilters {
  const merged: Record<string, unknown> = { ...current, ...change };
  for (const key of Object.keys(merged)) if (merged[key] === null || merged[key] === undefined || merged[key] === "") delete merged[key];
  return parseAlertFilters(merged);
}

export function effectiveStatus(filters: AlertFilters): StatusFilter {
  return filters.status ?? "open";
}

/** The GET /alerts query for these filters. */
export function alertsQueryParams(filters: AlertFilters) {
  const status = effectiveStatus(filters);
  return {
    ...(status !== "all" ? { status } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
  };
}

export function hasAlertFilters(filters: AlertFilters): boolean {
  return Boolean(filters.status || filters.severity || filters.kind);
}

/** "1 critical alert needs attention" / "3 critical alerts need attention". */
export function criticalBannerText(count: number): string {
  return count === 1 ? "1 critical alert needs attention" : `${count} critical alerts need attention`;
}
