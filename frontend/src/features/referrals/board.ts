// The referral board: filters from the URL, and referrals grouped by status in lifecycle order.
import type { ReferralRead, ReferralStatus } from "../../api/types";
import { REFERRAL_STATUS_ORDER } from "./labels";
import { isUuid } from "../../lib/searchParams";

export interface BoardFilters {
  status?: ReferralStatus;
  /** A treatment center id. */
  center?: string;
}


/** Validate raw search params (untrusted: typed by hand or stale bookmarks). For the route's validateSearch. */
export function parseBoardSearch(search: Record<string, unknown>): BoardFilters {
  const filters: BoardFilters = {};
  if (typeof search.status === "string" && (REFERRAL_STATUS_ORDER as readonly string[]).includes(search.status)) {
    filters.status = search.status as ReferralStatus;
  }
  if (isUuid(search.center)) filters.center = search.center.toLowerCase();
  return filters;
}

/** Merge a change, dropping empty values so URLs stay short. */
export function updateBoardFilters(current: BoardFilters, change: Partial<Record<keyof BoardFilters, string | null | undefined>>): BoardFilters {
  const merged: Record<string, unknown> = { ...current, ...change };
  for (const key of Object.keys(merged)) if (merged[key] === null || merged[key] === undefined || merged[key] === "") delete merged[key];
  return parseBoardSearch(merged);
}

export interface BoardColumn {
  status: ReferralStatus;
  referrals: ReferralRead[];
}

/**
 * One column per status in lifecycle order (only the chosen one when filtered by status),
 * each with the most recently updated referral first. The API does the filtering
 * (GET /referrals?status=&treatment_center_id=), so every page it returns belongs here.
 */
export function groupByStatus(referrals: readonly ReferralRead[], status?: ReferralStatus): BoardColumn[] {
  const statuses = status ? [status] : REFERRAL_STATUS_ORDER;
  return statuses.map((column) => ({
    status: column,
    referrals: referrals.filter((r) => r.status === column).sort((a, b) => b.updated_at.localeCompare(a.updated_at)),
  }));
}

/** The GET /referrals query for these filters (only what is set). */
export function boardQueryParams(filters: BoardFilters) {
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.center ? { treatment_center_id: filters.center } : {}),
  };
}

export function boardCount(columns: readonly BoardColumn[]): number {
  return columns.reduce((sum, column) => sum + column.referrals.length, 0);
}
