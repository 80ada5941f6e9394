import { zonedInputToIso } from "../../lib/format";
import { isCalendarDay, isUuid } from "../../lib/searchParams";
import type { components } from "../../api/schema";

export type AuditAction = components["schemas"]["AuditEventRead"]["action"];

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

/**
 * The audit log's filters, as the URL carries them (`/audit?case=C-2026-0027&from=2026-03-02`):
 * a case (its reference or its id), an actor (a user id), an action, and days (YYYY-MM-DD)
 * on the practice's calendar, `to` included.
 */
export interface AuditSearch {
  case?: string;
  actor?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

/** A case reference as the practice writes it: C-2026-0027 (C-H-0001 for imported history). */
const REFERENCE = /^[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+$/;
const REFERENCE_MAX = 20;

/** What the Case field holds: a case id, a reference (upper-cased, as references are written), or nothing usable. */
export type CaseFilter = { case_id: string } | { case_reference: string };

export function parseCaseFilter(text: string): CaseFilter | null {
  const value = text.trim();
  if (isUuid(text.trim())) return { case_id: value.toLowerCase() };
  const reference = value.toUpperCase();
  if (reference.length <= REFERENCE_MAX && REFERENCE.test(reference)) return { case_reference: reference };
  return null;
}

/** A real calendar day the API takes: "2026-02-30" is not one, nor the year 0001. */
export function isDay(value: unknown): value is string {
  if (!isCalendarDay(value)) return false;
  const year = Number(value.slice(0, 4));
  return year >= 1900 && year <= 2200;
}

/**
 * The filters from the URL. Untrusted: a case that is neither an id nor a reference, an
 * actor that is not an id, an unknown action or a day that does not exist is dropped, and
 * a range that ends before it starts is dropped whole.
 */
export function parseAuditSearch(search: Record<string, unknown>): AuditSearch {
  const caseFilter = typeof search.case === "string" ? parseCaseFilter(search.case) : null;
  const actor = isUuid(search.actor) ? search.actor.toLowerCase() : null;
  const action = AUDIT_ACTIONS.find((known) => known === search.action) ?? null;
  let from = isDay(search.from) ? search.from : null;
  let to = isDay(search.to) ? search.to : null;
  if (from && to && to < from) from = to = null;
  return {
    ...(caseFilter ? { case: "case_id" in caseFilter ? caseFilter.case_id : caseFilter.case_reference } : {}),
    ...(actor ? { actor } : {}),
    ...(action ? { action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
  };
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The instant a day starts on the clock of `zone` (default: the practice's), in UTC. */
export function startOfDay(day: string, zone?: string): string | null {
  return zonedInputToIso(`${day} 00:00:00`, zone);
}

/**
 * The query the API takes. Days are whole days on the practice's calendar: `since` is the
 * midnight that starts the first, `until` the midnight that ends the last (both as UTC
 * instants), so "March 2" in Chicago is 06:00Z on the 2nd to 06:00Z on the 3rd.
 */
export function auditQuery(search: AuditSearch, zone?: string) {
  const caseFilter = search.case ? parseCaseFilter(search.case) : null;
  const since = search.from ? startOfDay(search.from, zone) : null;
  const until = search.to ? startOfDay(nextDay(search.to), zone) : null;
  return {
    ...(caseFilter ?? {}),
    ...(search.actor ? { actor_id: search.actor } : {}),
    ...(search.action ? { action: search.action } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
  };
}

export function hasAuditFilters(search: AuditSearch): boolean {
  return Boolean(search.case || search.actor || search.action || search.from || search.to);
}
