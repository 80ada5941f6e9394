// The partner-access page keeps the chosen center in the URL (?center=…) so it can be linked to.
import { isUuid } from "../../lib/searchParams";

export interface PartnerAccessSearch {
  /** A treatment center id. */
  center?: string;
}


/** Validate raw search params (untrusted: typed by hand or stale bookmarks). For the route's validateSearch. */
export function parsePartnerAccessSearch(search: Record<string, unknown>): PartnerAccessSearch {
  return isUuid(search.center) ? { center: search.center.toLowerCase() } : {};
}
