// The directory's filters live in the URL so a filtered list ("3.7 with beds")
// can be bookmarked, shared, and restored with the back button.
import type { CareService, LevelOfCare } from "../../api/types";
import { LEVELS_OF_CARE } from "../plans/labels";
import { parseNearFilters } from "../directory/NearField";
import { SERVICES } from "./labels";

export interface CenterFilters {
  q?: string;
  level_of_care?: LevelOfCare;
  service?: CareService;
  has_beds?: boolean;
  /** "lat,lon": nearest first, each with its distance (GET /treatment-centers?near=). */
  near?: string;
  within_km?: number;
}

/**
 * Validate raw search params (untrusted: typed by hand or stale bookmarks).
 * The router parses `?level_of_care=3.5` to the number 3.5 and `=4` to 4, so
 * numbers are read back as the level's text.
 */
export function parseCenterFilters(search: Record<string, unknown>): CenterFilters {
  const filters: CenterFilters = {};
  const q = search.q;
  if ((typeof q === "string" || typeof q === "number") && String(q).trim() !== "") {
    filters.q = String(q).trim().slice(0, 200);
  }
  const level = search.level_of_care;
  if (typeof level === "string" || typeof level === "number") {
    const text = String(level);
    if ((LEVELS_OF_CARE as readonly string[]).includes(text)) filters.level_of_care = text as LevelOfCare;
  }
  if (typeof search.service === "string" && (SERVICES as readonly string[]).includes(search.service)) {
    filters.service = search.service as CareService;
  }
  if (search.has_beds === true || search.has_beds === "true" || search.has_beds === 1 || search.has_beds === "1") {
    filters.has_beds = true;
  }
  return { ...filters, ...parseNearFilters(search) };
}

/** Merge a change into the filters, dropping empty values so URLs stay short. */
export function updateCenterFilters(current: CenterFilters, change: Partial<CenterFilters>): CenterFilters {
  const merged: Record<string, unknown> = { ...current, ...change };
  for (const key of Object.keys(merged)) {
    const value = merged[key];
    if (value === undefined || value === null || value === "" || value === false) delete merged[key];
  }
  return parseCenterFilters(merged);
}

export function hasCenterFilters(filters: CenterFilters): boolean {
  return Boolean(filters.q || filters.level_of_care || filters.service || filters.has_beds || filters.near);
}

/** The GET /treatment-centers query for these filters (only what is set). */
export function centersQueryParams(filters: CenterFilters) {
  return {
    ...(filters.q ? { q: filters.q } : {}),
    ...(filters.level_of_care ? { level_of_care: filters.level_of_care } : {}),
    ...(filters.service ? { service: filters.service } : {}),
    ...(filters.has_beds ? { has_beds: true } : {}),
    ...(filters.near ? { near: filters.near } : {}),
    ...(filters.near && filters.within_km ? { within_km: filters.within_km } : {}),
  };
}
