import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { toApiError } from "../../api/problem";
import type { components } from "../../api/schema";
import { isCalendarDay, isUuid } from "../../lib/searchParams";

export type ReportSummary = components["schemas"]["ReportSummary"];
export type Ratio = components["schemas"]["Ratio"];
export type CsvKind = "cases" | "check-ins" | "referrals";

type InterventionModel = components["schemas"]["InterventionModel"];

/** The dashboard's filters: days (YYYY-MM-DD) in the practice's zone, a lead, a model. */
export interface ReportFilters {
  from?: string;
  to?: string;
  lead_id?: string;
  model?: InterventionModel;
}

const MODELS: readonly InterventionModel[] = ["johnson", "love_first", "arise", "craft", "systemic_family", "other"];

/**
 * The filters from the URL (`/reports?from=2026-01-01&to=2026-06-30&model=craft`), so a
 * report can be bookmarked, shared and reloaded. Untrusted: a half range, a day that does
 * not exist, a malformed lead or an unknown model is dropped (the page then shows the
 * default: the last 12 months, every lead, every model).
 */
export function parseReportSearch(search: Record<string, unknown>): ReportFilters {
  const from = isCalendarDay(search.from) ? search.from : null;
  const to = isCalendarDay(search.to) ? search.to : null;
  const lead = isUuid(search.lead_id) ? search.lead_id : null;
  const model = MODELS.find((m) => m === search.model) ?? null;
  return {
    ...(from && to ? { from, to } : {}),
    ...(lead ? { lead_id: lead } : {}),
    ...(model ? { model } : {}),
  };
}

export function reportQuery(filters: ReportFilters): ReportFilters {
  return {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
    ...(filters.lead_id ? { lead_id: filters.lead_id } : {}),
    ...(filters.model ? { model: filters.model } : {}),
  };
}

export function useReportSummary(filters: ReportFilters) {
  return useQuery({
    queryKey: ["reports", "summary", filters],
    queryFn: ({ signal }) =>
      unwrap(api.GET("/api/v1/reports/summary", { params: { query: reportQuery(filters) }, signal })),
    placeholderData: keepPreviousData,
  });
}

const CSV_PATHS = {
  cases: "/api/v1/reports/cases.csv",
  "check-ins": "/api/v1/reports/check-ins.csv",
  referrals: "/api/v1/reports/referrals.csv",
} as const;

/** Fetches a CSV export with the current filters (the token travels in a header, so a
 * plain link cannot do it) and hands it to the browser as a download. */
export async function downloadCsv(kind: CsvKind, filters: ReportFilters): Promise<void> {
  const { data, error, response } = await api.GET(CSV_PATHS[kind], {
    params: { query: reportQuery(filters) },
    parseAs: "blob",
  });
  if (!data) throw toApiError(response, error);
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `cairn-${kind}.csv`;
  const url = URL.createObjectURL(data as Blob);
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "42%" or "—" when there is nothing to divide by. */
export function percent(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "—" : `${Math.round(rate * 100)}%`;
}

export function ratioText(ratio: Ratio): string {
  return `${ratio.numerator} of ${ratio.denominator}`;
}
