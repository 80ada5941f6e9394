import { describe, expect, it } from "vitest";
import { allItems, allPages, type CursorPage } from "./pages";

/** A fake list endpoint over `total` numbers, `size` a page, remembering the cursors it was asked for. */
function endpoint(total: number, size: number) {
  const asked: (string | undefined)[] = [];
  const fetchPage = async (cursor: string | undefined): Promise<CursorPage<number>> => {
    asked.push(cursor);
    const start = cursor ? Number(cursor) : 0;
    const end = Math.min(start + size, total);
    return { items: Array.from({ length: end - start }, (_, i) => start + i), next_cursor: end < total ? String(end) : null };
  };
  return { asked, fetchPage };
}

describe("allPages", () => {
  it("follows each next_cursor until the last page", async () => {
    const { asked, fetchPage } = endpoint(5, 2);
    expect(await allPages(fetchPage)).toEqual({ items: [0, 1, 2, 3, 4], truncated: false });
    expect(asked).toEqual([undefined, "2", "4"]);
  });

  it("stops after maxPages and says the list was cut", async () => {
    const { asked, fetchPage } = endpoint(10, 3);
    expect(await allPages(fetchPage, 2)).toEqual({ items: [0, 1, 2, 3, 4, 5], truncated: true });
    expect(asked).toHaveLength(2);
  });

  it("is not truncated when the last page is exactly the limit", async () => {
    const { fetchPage } = endpoint(4, 2);
    expect(await allPages(fetchPage, 2)).toEqual({ items: [0, 1, 2, 3], truncated: false });
  });
});

describe("allItems", () => {
  it("returns an empty list as empty, after one request", async () => {
    const { asked, fetchPage } = endpoint(0, 200);
    expect(await allItems(fetchPage)).toEqual([]);
    expect(asked).toEqual([undefined]);
  });
});
