// The portal's outbox: check-ins typed on a phone are kept on the device until
// the API has them. Each keeps the Idempotency-Key made when the person pressed
// Send, so however often it is retried (a lost response, a reload, the
// connection coming back) the API records it once.
//
// Pure functions over a Storage-like object, so the rules are unit-tested.
import { ApiError, describeError } from "../../api/problem";
import type { PortalCheckIn } from "../../api/types";

export const OUTBOX_KEY = "cairn.portal.outbox";

export interface OutboxItem {
  /** The Idempotency-Key, made once when the person pressed Send. */
  key: string;
  /** The portal account that wrote it: a shared phone never sends someone else's check-in. */
  accountId: string;
  body: PortalCheckIn;
  createdAt: string;
  attempts: number;
  lastError: string | null;
}

export type OutboxStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export function readOutbox(storage: OutboxStorage | null): OutboxItem[] {
  if (!storage) return [];
  try {
    const raw = storage.getItem(OUTBOX_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter(isItem) : [];
  } catch {
    return [];
  }
}

function isItem(value: unknown): value is OutboxItem {
  const item = value as Partial<OutboxItem> | null;
  return Boolean(item && typeof item.key === "string" && typeof item.accountId === "string" && item.body && typeof item.body === "object");
}

function writeOutbox(storage: OutboxStorage | null, items: OutboxItem[]): void {
  if (!storage) return;
  try {
    if (items.length) storage.setItem(OUTBOX_KEY, JSON.stringify(items));
    else storage.removeItem(OUTBOX_KEY);
  } catch {
    // A full or unavailable storage: the check-in is then only as safe as this page.
  }
}

export function newOutboxItem(accountId: string, body: PortalCheckIn, key: string, now: Date = new Date()): OutboxItem {
  return { key, accountId, body, createdAt: now.toISOString(), attempts: 0, lastError: null };
}

/** Add an item (once: the same key is never queued twice). */
export function enqueue(storage: OutboxStorage | null, item: OutboxItem): OutboxItem[] {
  const items = readOutbox(storage);
  if (items.some((existing) => existing.key === item.key)) return items;
  const next = [...items, item];
  writeOutbox(storage, next);
  return next;
}

export function dequeue(storage: OutboxStorage | null, key: string): OutboxItem[] {
  const next = readOutbox(storage).filter((item) => item.key !== key);
  writeOutbox(storage, next);
  return next;
}

function update(storage: OutboxStorage | null, key: string, change: Partial<OutboxItem>): void {
  writeOutbox(
    storage,
    readOutbox(storage).map((item) => (item.key === key ? { ...item, ...change } : item)),
  );
}

/**
 * What to do with an item whose send failed.
 * keep: a network error, 5xx, 409 (the same key still in flight), 401 (the
 * session must be renewed first), 408 and 429 — all pass, so try again later.
 * drop: any other 4xx — the API refused this check-in and would refuse it again.
 */
export function disposition(error: unknown): "keep" | "drop" {
  if (error instanceof ApiError) {
    if (error.status >= 500) return "keep";
    if ([401, 408, 409, 429].includes(error.status)) return "keep";
    return "drop";
  }
  return "keep";
}

export interface FlushReport<R> {
  sent: { item: OutboxItem; receipt: R }[];
  dropped: { item: OutboxItem; message: string }[];
  kept: OutboxItem[];
}

/**
 * Send the account's queued check-ins, oldest first. A network error stops the
 * round (the rest would fail the same way) and keeps everything not yet sent.
 */
export async function flushOutbox<R>(
  storage: OutboxStorage | null,
  accountId: string,
  send: (body: PortalCheckIn, key: string) => Promise<R>,
): Promise<FlushReport<R>> {
  const report: FlushReport<R> = { sent: [], dropped: [], kept: [] };
  const mine = readOutbox(storage).filter((item) => item.accountId === accountId);
  for (let i = 0; i < mine.length; i++) {
    const item = mine[i]!;
    try {
      const receipt = await send(item.body, item.key);
      dequeue(storage, item.key);
      report.sent.push({ item, receipt });
    } catch (error) {
      const message = describeError(error);
      if (disposition(error) === "drop") {
        dequeue(storage, item.key);
        report.dropped.push({ item, message });
        continue;
      }
      const kept = { ...item, attempts: item.attempts + 1, lastError: message };
      update(storage, item.key, { attempts: kept.attempts, lastError: message });
      report.kept.push(kept);
      if (!(error instanceof ApiError)) {
        report.kept.push(...mine.slice(i + 1));
        break;
      }
    }
  }
  return report;
}
