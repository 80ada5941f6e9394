import { describe, expect, it } from "vitest";
import type { ApiClientRead } from "../../api/types";
import {
  checkWebhookUrl,
  deliveryNext,
  eventLabel,
  insecureWebhook,
  lastResponse,
  lastResponseOk,
  sortClients,
  targetLabel,
} from "./labels";
import { parsePartnerAccessSearch } from "./search";

const NOW = Date.parse("2026-03-10T22:00:00Z");

describe("webhook delivery wording", () => {
  it("says what the receiver last answered", () => {
    expect(lastResponse({ attempts: 0, last_status_code: null, last_error: null })).toBe("Not tried yet");
    expect(lastResponse({ attempts: 2, last_status_code: 503, last_error: null })).toBe("HTTP 503");
    expect(lastResponse({ attempts: 1, last_status_code: null, last_error: "ConnectError" })).toBe("Could not connect");
    expect(lastResponse({ attempts: 1, last_status_code: null, last_error: "the receiver was revoked" })).toBe(
      "the receiver was revoked",
    );
    expect(lastResponseOk({ last_status_code: 204 })).toBe(true);
    expect(lastResponseOk({ last_status_code: 302 })).toBe(false);
    expect(lastResponseOk({ last_status_code: null })).toBe(false);
  });

  it("says what happens next", () => {
    const base = { attempts: 0, delivered_at: null, next_attempt_at: "2026-03-10T21:59:00Z" };
    expect(deliveryNext({ ...base, status: "pending" }, NOW)).toBe("Due now");
    expect(deliveryNext({ ...base, status: "pending", attempts: 3 }, NOW)).toBe("Retry due now");
    expect(deliveryNext({ ...base, status: "pending", attempts: 3, next_attempt_at: "2026-03-10T22:10:00Z" }, NOW)).toBe(
      "Next try in 10 minutes",
    );
    expect(deliveryNext({ ...base, status: "delivered", attempts: 1, delivered_at: "2026-03-10T21:00:00Z" }, NOW)).toBe(
      "Delivered 1 hour ago",
    );
    expect(deliveryNext({ ...base, status: "failed", attempts: 1 }, NOW)).toBe("Gave up after 1 attempt");
    expect(deliveryNext({ ...base, status: "failed", attempts: 19 }, NOW)).toBe("Gave up after 19 attempts");
  });

  it("names events and targets, and keeps unknown ones as sent", () => {
    expect(eventLabel("referral.sent")).toBe("Referral sent");
    expect(eventLabel("capacity.changed")).toBe("capacity.changed");
    expect(targetLabel("partner")).toBe("Partner center");
    expect(targetLabel("organization")).toBe("Your endpoint");
  });
});

describe("webhook URLs", () => {
  it("accepts full http(s) addresses only", () => {
    expect(checkWebhookUrl("")).toBeNull();
    expect(checkWebhookUrl("  ", { required: true })).toMatch(/Enter the address/);
    expect(checkWebhookUrl("https://partner.example.org/cairn/webhooks")).toBeNull();
    expect(checkWebhookUrl("partner.example.org/hooks")).toMatch(/full address/);
    expect(checkWebhookUrl("ftp://partner.example.org/")).toMatch(/https/);
    expect(checkWebhookUrl(`https://example.org/${"a".repeat(480)}`)).toMatch(/480/);
  });

  it("warns about plain http", () => {
    expect(insecureWebhook("http://localhost:9000/hook")).toBe(true);
    expect(insecureWebhook("https://example.org")).toBe(false);
  });
});

describe("API clients", () => {
  const client = (id: string, created_at: string, revoked_at: string | null = null): ApiClientRead => ({
    id,
    treatment_center_id: "c",
    client_id: `cairn_${id}`,
    webhook_url: null,
    created_at,
    revoked_at,
  });

  it("lists active clients first, newest first", () => {
    const sorted = sortClients([
      client("old", "2026-01-01T00:00:00Z"),
      client("revoked", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z"),
      client("new", "2026-02-01T00:00:00Z"),
    ]);
    expect(sorted.map((c) => c.id)).toEqual(["new", "old", "revoked"]);
  });
});

describe("partner access URL", () => {
  it("keeps only a well-formed center id", () => {
    const id = "5D0C3C5E-0E64-4D2B-9D6C-1B1F9F8C2A10";
    expect(parsePartnerAccessSearch({ center: id })).toEqual({ center: id.toLowerCase() });
    expect(parsePartnerAccessSearch({ center: "../users" })).toEqual({});
    expect(parsePartnerAccessSearch({ center: 42 })).toEqual({});
    expect(parsePartnerAccessSearch({})).toEqual({});
  });
});
