import { describe, expect, it } from "vitest";
import type { TimelineEntry } from "../../api/types";
import { actorText } from "./CaseTimeline";

const entry = (fields: Partial<TimelineEntry>): TimelineEntry => ({
  id: "e1",
  at: "2026-12-02T13:00:00Z",
  kind: "referral_accepted",
  actor: null,
  actor_type: "staff",
  summary: null,
  from_status: null,
  to_status: null,
  reason: null,
  outcome: null,
  details: {},
  ...fields,
});

describe("who did it, on the timeline", () => {
  it("names a colleague as they are", () => {
    expect(actorText(entry({ actor: { id: "u1", full_name: "Sam Supervisor" } }))).toBe("Sam Supervisor");
  });
  it("names the center for a partner's answer", () => {
    expect(actorText(entry({ actor: { id: "c1", full_name: "A Recovery" }, actor_type: "partner" }))).toBe(
      "A Recovery (treatment center)",
    );
  });
  it("says a check-in came through the portal", () => {
    expect(actorText(entry({ actor: { id: "p1", full_name: "Grace Okafor" }, actor_type: "portal" }))).toBe(
      "Grace Okafor, on the portal",
    );
  });
  it("falls back to who reported a move, and to nothing for the system", () => {
    expect(actorText(entry({ details: { reported_by: "partner" } }))).toBe("Reported by the treatment center");
    expect(actorText(entry({ actor_type: "system" }))).toBeNull();
  });
});
