// The partner-access page keeps the chosen center in the URL (?center=…) so it can be linked to.

export interface PartnerAccessSearch {
  /** A treatment center id. */
  center?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Validate raw search params (untrusted: typed by hand or stale bookmarks). For the route's validateSearch. */
export function parsePartnerAccessSearch(search: Record<string, unknown>): PartnerAccessSearch {
  return typeof search.center === "string" && UUID.test(search.center) ? { center: search.center.toLowerCase() } : {};
}
