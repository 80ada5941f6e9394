// The directory's filters live in the URL, like the centers' (bookmarkable, back button).
import type { DayOfWeek, ResourceAudience, ResourceFormat, ResourceKind } from "../../api/types";
import { parseNearFilters } from "../directory/NearField";
import { AUDIENCES, DAYS, FORMATS, KINDS } from "./labels";

export interface ResourceFilters {
  q?: string;
  kind?: ResourceKind;
  audience?: ResourceAudience;
  format?: ResourceFormat;
  day_of_week?: DayOfWeek;
  /** Show deactivated resources too (hidden by default). */
  inactive?: boolean;
  /** "lat,lon": nearest first, each with its distance (GET /resources?near=). */
  near?: string;
  within_km?: number;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return typeof value === "string" && (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

/** Validate raw search params (untrusted: typed by hand or stale bookmarks). */
export function parseResourceFilters(search: Record<string, unknown>): ResourceFilters {
  const filters: ResourceFilters = {};
  const q = search.q;
  if ((typeof q === "string" || typeof q === "number") && String(q).trim() !== "") {
    filters.q = String(q).trim().slice(0, 200);
  }
  const kind = oneOf(search.kind, KINDS);
  if (kind) filters.kind = kind;
  const audience = oneOf(search.audience, AUDIENCES);
  if (audience) filters.audience = audience;
  const format = oneOf(search.format, FORMATS);
  if (format) filters.format = format;
  const day = oneOf(search.day_of_week, DAYS);
  if (day) filters.day_of_week = day;
  if (search.inactive === true || search.inactive === "true" || search.inactive === 1 || search.inactive === "1") {
    filters.inactive = true;
  }
  return { ...filters, ...parseNearFilters(search) };
}

/** Merge a change into the filters, dropping empty values so URLs stay short. */
export function updateResourceFilters(current: ResourceFilters, change: Partial<ResourceFilters>): ResourceFilters {
  const merged: Record<string, unknown> = { ...current, ...change };
  for (const key of Object.keys(merged)) {
    const value = merged[key];
    if (value === undefined || value === null || value === "" || value === false) delete merged[key];
  }
  return parseResourceFilters(merged);
}

export function hasResourceFilters(filters: ResourceFilters): boolean {
  return Boolean(
    filters.q || filters.kind || filters.audience || filters.format || filters.day_of_week || filters.near,
  );
}

/** The GET /resources query for these filters (only what is set; active ones unless asked). */
export function resourcesQueryParams(filters: ResourceFilters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.audience ? { audience: filters.audience } : {}),
    ...(filters.format ? { format: filters.format } : {}),
    ...(filters.day_of_week ? { day_of_week: filters.day_of_week } : {}),
    ...(filters.inactive ? {} : { is_active: true }),
    ...(filters.near ? { near: filters.near } : {}),
    ...(filters.near && filters.within_km ? { within_km: filters.within_km } : {}),
  };
}
