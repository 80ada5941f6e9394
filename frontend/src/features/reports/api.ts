import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { api, unwrap } from "../../api/client";
import { toApiError } from "../../api/problem";
import type { components } from "../../api/schema";

export type ReportSummary = components["schemas"]["ReportSummary"];
export type Ratio = components["schemas"]["Ratio"];
export type CsvKind = "cases" | "check-ins" | "referrals";

/** The dashboard's filters; dates are days (YYYY-MM-DD) in the practice's zone. */
export interface ReportFilters {
  from?: string;
  to?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The range from the URL (`/reports?from=2026-01-01&to=2026-06-30`), so a report can be
 * bookmarked, shared and reloaded. Untrusted: a half range or a malformed day is dropped
 * (the page then shows the default, the last 12 months).
 */
export function parseReportSearch(search: Record<string, unknown>): ReportFilters {
  const day = (value: unknown) => (typeof value === "string" && DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : null);
  const from = day(search.from);
  const to = day(search.to);
  return from && to ? { from, to } : {};
}

export function reportQuery(filters: ReportFilters): { from?: string; to?: string } {
  return {
    ...(filters.from ? { from: filters.from } : {}),
    ...(filters.to ? { to: filters.to } : {}),
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
