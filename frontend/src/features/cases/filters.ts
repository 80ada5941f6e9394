// The caseload filters live in the URL so a filtered list can be bookmarked,
// shared and restored with the back button.
import type { CaseStatus, PlanStatus, RiskFlag } from "../../api/types";
import { PLAN_STATUS_LABEL } from "../plans/labels";
import { RISK_FLAGS, STATUS_ORDER } from "./labels";

export interface CaseFilters {
  q?: string;
  status?: CaseStatus;
  mine?: boolean;
  risk?: RiskFlag;
  /** The plan's status (`in_review`: plans waiting for a supervisor). */
  plan_status?: PlanStatus;
}

/** Validate raw search params (untrusted: typed by hand or stale bookmarks). */
export function parseCaseFilters(search: Record<string, unknown>): CaseFilters {
  const filters: CaseFilters = {};
  const q = search.q;
  if ((typeof q === "string" || typeof q === "number") && String(q).trim() !== "") {
    filters.q = String(q).trim().slice(0, 200);
  }
  if (typeof search.status === "string" && (STATUS_ORDER as readonly string[]).includes(search.status)) {
    filters.status = search.status as CaseStatus;
  }
  if (search.mine === true || search.mine === "true" || search.mine === 1 || search.mine === "1") {
    filters.mine = true;
  }
  if (typeof search.risk === "string" && (RISK_FLAGS as readonly string[]).includes(search.risk)) {
    filters.risk = search.risk as RiskFlag;
  }
  if (typeof search.plan_status === "string" && Object.hasOwn(PLAN_STATUS_LABEL, search.plan_status)) {
    filters.plan_status = search.plan_status as PlanStatus;
  }
  return filters;
}

/** Merge a change into the filters, dropping empty values so URLs stay short. */
export function updateFilters(current: CaseFilters, change: Partial<CaseFilters>): CaseFilters {
  const merged: Record<string, unknown> = { ...current, ...change };
  for (const key of Object.keys(merged)) {
    const value = merged[key];
    if (value === undefined || value === null || value === "" || value === false) delete merged[key];
  }
  return parseCaseFilters(merged);
}

export function hasFilters(filters: CaseFilters): boolean {
  return Boolean(filters.q || filters.status || filters.mine || filters.risk || filters.plan_status);
}

/** The GET /cases query for these filters. */
export function casesQueryParams(filters: CaseFilters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.status ? { status: [filters.status] } : {}),
    ...(filters.mine ? { assigned_to: "me" } : {}),
    ...(filters.risk ? { risk_flag: filters.risk } : {}),
    ...(filters.plan_status ? { plan_status: filters.plan_status } : {}),
  };
}
