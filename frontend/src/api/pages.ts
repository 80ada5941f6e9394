// Following the API's cursor pagination to the end, for the short lists a screen shows whole.

/** One page of a list endpoint (docs/api.md: `items`, and `next_cursor` while more follow). */
export interface CursorPage<T> {
  items: T[];
  next_cursor?: string | null;
}

/**
 * The items of a cursor-paged list, page after page, stopping after `maxPages`;
 * `truncated` says pages were left.
 */
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>,
  maxPages = Infinity,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await fetchPage(cursor);
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
    pages += 1;
  } while (cursor && pages < maxPages);
  return { items, truncated: Boolean(cursor) };
}

/** Every item of a list a case holds a handful of (consents, goals, participants, tasks). */
export async function allItems<T>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): Promise<T[]> {
  return (await allPages(fetchPage)).items;
}
