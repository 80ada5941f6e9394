import { describe, expect, it, vi } from "vitest";
import { ApiError } from "../../api/problem";
import type { PortalCheckIn } from "../../api/types";
import { dequeue, disposition, enqueue, flushOutbox, newOutboxItem, OUTBOX_KEY, readOutbox, type OutboxStorage } from "./outbox";

function memoryStorage(): OutboxStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const body = (note: string): PortalCheckIn => ({
  period_days: 7,
  days_used: 0,
  substances_used: [],
  goal_updates: [],
  safety: { overdose: false, self_harm_thoughts: false, violence: false },
  note,
});

const problem = (status: number, slug = "x") =>
  new ApiError(status, { type: `/api/v1/problems/${slug}`, title: slug, status, detail: `refused ${status}` });

describe("outbox queue", () => {
  it("queues and dequeues, never holding the same key twice", () => {
    const storage = memoryStorage();
    enqueue(storage, newOutboxItem("acc", body("a"), "k1"));
    enqueue(storage, newOutboxItem("acc", body("a"), "k1"));
    enqueue(storage, newOutboxItem("acc", body("b"), "k2"));
    expect(readOutbox(storage).map((i) => i.key)).toEqual(["k1", "k2"]);
    dequeue(storage, "k1");
    expect(readOutbox(storage).map((i) => i.key)).toEqual(["k2"]);
    dequeue(storage, "k2");
    expect(storage.data.has(OUTBOX_KEY)).toBe(false);
  });

  it("survives garbage in storage", () => {
    const storage = memoryStorage();
    storage.setItem(OUTBOX_KEY, "{not json");
    expect(readOutbox(storage)).toEqual([]);
    storage.setItem(OUTBOX_KEY, JSON.stringify([{ nope: 1 }, newOutboxItem("acc", body("ok"), "k")]));
    expect(readOutbox(storage).map((i) => i.key)).toEqual(["k"]);
  });
});

describe("disposition", () => {
  it("keeps what may pass and drops what the API refused", () => {
    expect(disposition(new TypeError("Failed to fetch"))).toBe("keep");
    expect(disposition(problem(500))).toBe("keep");
    expect(disposition(problem(503))).toBe("keep");
    expect(disposition(problem(409, "idempotency-in-flight"))).toBe("keep");
    expect(disposition(problem(401))).toBe("keep");
    expect(disposition(problem(422))).toBe("drop");
    expect(disposition(problem(403))).toBe("drop");
    expect(disposition(problem(400))).toBe("drop");
  });
});

describe("flushOutbox", () => {
  it("sends with the key made at Send, again with the same key after a network error", async () => {
    const storage = memoryStorage();
    enqueue(storage, newOutboxItem("acc", body("a"), "key-made-on-send"));
    const send = vi.fn().mockRejectedValueOnce(new TypeError("Failed to fetch")).mockResolvedValueOnce({ id: "c1" });

    const offline = await flushOutbox(storage, "acc", send);
    expect(offline.kept.map((i) => i.key)).toEqual(["key-made-on-send"]);
    expect(readOutbox(storage)[0]).toMatchObject({ attempts: 1, lastError: expect.stringContaining("connection") });

    const online = await flushOutbox(storage, "acc", send);
    expect(online.sent.map((s) => s.receipt)).toEqual([{ id: "c1" }]);
    expect(send.mock.calls.map((call) => call[1])).toEqual(["key-made-on-send", "key-made-on-send"]);
    expect(readOutbox(storage)).toEqual([]);
  });

  it("drops a check-in the API refuses with a 4xx, with its message", async () => {
    const storage = memoryStorage();
    enqueue(storage, newOutboxItem("acc", body("bad"), "k1"));
    enqueue(storage, newOutboxItem("acc", body("good"), "k2"));
    const send = vi.fn().mockRejectedValueOnce(problem(422)).mockResolvedValueOnce({ id: "c2" });
    const report = await flushOutbox(storage, "acc", send);
    expect(report.dropped).toEqual([{ item: expect.objectContaining({ key: "k1" }), message: "refused 422" }]);
    expect(report.sent.map((s) => s.item.key)).toEqual(["k2"]);
    expect(readOutbox(storage)).toEqual([]);
  });

  it("keeps on 409 and 5xx and tries the next one", async () => {
    const storage = memoryStorage();
    enqueue(storage, newOutboxItem("acc", body("a"), "k1"));
    enqueue(storage, newOutboxItem("acc", body("b"), "k2"));
    const send = vi.fn().mockRejectedValueOnce(problem(409, "idempotency-in-flight")).mockRejectedValueOnce(problem(502));
    const report = await flushOutbox(storage, "acc", send);
    expect(report.kept.map((i) => i.key)).toEqual(["k1", "k2"]);
    expect(readOutbox(storage).map((i) => i.attempts)).toEqual([1, 1]);
  });

  it("stops at a network error and keeps the rest untouched", async () => {
    const storage = memoryStorage();
    enqueue(storage, newOutboxItem("acc", body("a"), "k1"));
    enqueue(storage, newOutboxItem("acc", body("b"), "k2"));
    const send = vi.fn().mockRejectedValue(new TypeError("Failed to fetch"));
    const report = await flushOutbox(storage, "acc", send);
    expect(send).toHaveBeenCalledTimes(1);
    expect(report.kept.map((i) => i.key)).toEqual(["k1", "k2"]);
    expect(readOutbox(storage).map((i) => i.key)).toEqual(["k1", "k2"]);
  });

  it("sends only the signed-in account's check-ins", async () => {
    const storage = memoryStorage();
    enqueue(storage, newOutboxItem("someone-else", body("theirs"), "k1"));
    enqueue(storage, newOutboxItem("acc", body("mine"), "k2"));
    const send = vi.fn().mockResolvedValue({ id: "c" });
    const report = await flushOutbox(storage, "acc", send);
    expect(report.sent.map((s) => s.item.key)).toEqual(["k2"]);
    expect(readOutbox(storage).map((i) => i.key)).toEqual(["k1"]);
  });
});
