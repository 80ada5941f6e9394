// The one outbox of this tab: sends in order, one round at a time, and tells
// listeners what happened (the check-in page waits for its own key; the layout
// announces check-ins sent in the background).
import type { PortalCheckInReceipt } from "../../api/types";
import { sendPortalCheckIn } from "./api";
import { enqueue, flushOutbox, readOutbox, type FlushReport, type OutboxItem, type OutboxStorage } from "./outbox";

export type Report = FlushReport<PortalCheckInReceipt>;

function localStorageOrNull(): OutboxStorage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

class Sender {
  private readonly listeners = new Set<() => void>();
  private readonly reportListeners = new Set<(report: Report) => void>();
  private chain: Promise<unknown> = Promise.resolve();
  private items: OutboxItem[];

  constructor(private readonly storage: OutboxStorage | null) {
    this.items = readOutbox(storage);
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  getSnapshot = () => this.items;

  onReport(listener: (report: Report) => void) {
    this.reportListeners.add(listener);
    return () => void this.reportListeners.delete(listener);
  }

  private changed() {
    this.items = readOutbox(this.storage);
    for (const listener of [...this.listeners]) listener();
  }

  add(item: OutboxItem) {
    enqueue(this.storage, item);
    this.changed();
  }

  /** Send what is queued for this account; rounds never overlap. */
  flush(accountId: string): Promise<Report> {
    const run = this.chain.then(() => flushOutbox(this.storage, accountId, sendPortalCheckIn));
    this.chain = run.catch(() => undefined);
    return run.then((report) => {
      this.changed();
      for (const listener of [...this.reportListeners]) listener(report);
      return report;
    });
  }
}

export const sender = new Sender(localStorageOrNull());
