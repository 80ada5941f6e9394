import { describe, expect, it } from "vitest";
import type { ConsentRead, ReferralRead, ReferralStatus } from "../../api/types";
import { boardCount, boardQueryParams, groupByStatus, parseBoardSearch, updateBoardFilters } from "./board";
import {
  consentAfterCenterChange,
  consentsForCenter,
  initialUpdateValues,
  referralToFormValues,
  toDraftUpdate,
  toReferralBody,
  toStatusReport,
  validateReferralForm,
  validateUpdateForm,
  referralStartFromPlan,
} from "./form";
import { actorLabel } from "./labels";
import { staffMoves } from "./moves";

const CENTER_A = "5d0c3c5e-0e64-4d2b-9d6c-1b1f9f8c2a10";
const CENTER_B = "0b7a3c0e-6f4e-4c1b-8c55-2a4e8f2b9d33";

function referral(id: string, status: ReferralStatus, updated_at: string, center = CENTER_A): ReferralRead {
  return { id, status, updated_at, treatment_center_id: center } as ReferralRead;
}

describe("referral board", () => {
  const referrals = [
    referral("a", "sent", "2026-05-01T10:00:00Z"),
    referral("b", "admitted", "2026-05-03T10:00:00Z", CENTER_B),
    referral("c", "sent", "2026-05-02T10:00:00Z", CENTER_B),
    referral("d", "cancelled", "2026-04-01T10:00:00Z"),
    referral("e", "draft", "2026-05-04T10:00:00Z"),
  ];

  it("has one column per status, in lifecycle order, final outcomes last", () => {
    const columns = groupByStatus(referrals);
    expect(columns.map((c) => c.status)).toEqual([
      "draft",
      "sent",
      "received",
      "accepted",
      "admitted",
      "discharged",
      "declined",
      "cancelled",
    ]);
    expect(columns.find((c) => c.status === "received")!.referrals).toEqual([]);
  });

  it("puts the most recently updated referral first in its column", () => {
    const sent = groupByStatus(referrals).find((c) => c.status === "sent")!;
    expect(sent.referrals.map((r) => r.id)).toEqual(["c", "a"]);
  });

  it("shows only the chosen status's column", () => {
    expect(groupByStatus(referrals, "sent").map((c) => [c.status, c.referrals.map((r) => r.id)])).toEqual([["sent", ["c", "a"]]]);
  });

  it("asks the API for the filtered referrals, so older pages of that filter are reachable", () => {
    expect(boardQueryParams({})).toEqual({});
    expect(boardQueryParams({ status: "admitted", center: CENTER_B })).toEqual({ status: "admitted", treatment_center_id: CENTER_B });
    expect(boardQueryParams({ center: CENTER_A })).toEqual({ treatment_center_id: CENTER_A });
  });

  it("counts every referral exactly once", () => {
    expect(boardCount(groupByStatus(referrals))).toBe(referrals.length);
  });

  it("reads only valid filters from the URL", () => {
    expect(parseBoardSearch({ status: "admitted", center: CENTER_A.toUpperCase() })).toEqual({ status: "admitted", center: CENTER_A });
    expect(parseBoardSearch({ status: "lost", center: "'; drop table" })).toEqual({});
    expect(parseBoardSearch({ status: 3 })).toEqual({});
  });

  it("drops cleared filters so URLs stay short", () => {
    expect(updateBoardFilters({ status: "sent", center: CENTER_A }, { status: null })).toEqual({ center: CENTER_A });
    expect(updateBoardFilters({}, { status: "declined" })).toEqual({ status: "declined" });
  });
});

describe("staff moves", () => {
  // The API's answer (allowed_transitions) decides; these fixtures are what it sends.
  const moves = (
    status: ReferralStatus,
    allowed_transitions: ReferralStatus[],
    treatment_center_is_partner = false,
    is_closed = false,
  ) => staffMoves({ status, allowed_transitions, treatment_center_is_partner, is_closed });

  it("offers send and cancel only when the API allows them", () => {
    expect(moves("draft", ["sent", "cancelled"])).toEqual({ send: true, cancel: true, centerUpdates: [], awaitingPartner: false, closed: false });
    expect(moves("admitted", ["discharged"])).toMatchObject({ send: false, cancel: false, centerUpdates: ["discharged"] });
  });

  it("offers every other allowed move as a center's answer to record, in the API's order", () => {
    expect(moves("sent", ["received", "accepted", "declined", "cancelled"]).centerUpdates).toEqual(["received", "accepted", "declined"]);
  });

  it("waits for a partner center while the referral is open, even when staff can do nothing", () => {
    expect(moves("sent", ["cancelled"], true)).toMatchObject({ cancel: true, centerUpdates: [], awaitingPartner: true });
    expect(moves("admitted", [], true)).toMatchObject({ centerUpdates: [], awaitingPartner: true, closed: false });
    expect(moves("draft", ["sent", "cancelled"], true).awaitingPartner).toBe(false);
  });

  it("stops waiting for a partner once the API says the referral has ended", () => {
    for (const status of ["declined", "discharged", "cancelled"] as const) {
      expect(moves(status, [], true, true)).toMatchObject({ closed: true, awaitingPartner: false });
    }
  });
});

describe("new referral form", () => {
  const consent = (id: string, status: ConsentRead["status"], center: string | null, signed_at = "2026-05-01T10:00:00Z") =>
    ({ id, status, recipient_treatment_center_id: center, signed_at }) as ConsentRead;
  const consents = [
    consent("active-a", "active", CENTER_A),
    consent("revoked-a", "revoked", CENTER_A),
    consent("expired-a", "expired", CENTER_A),
    consent("active-b", "active", CENTER_B),
    consent("described", "active", null),
  ];

  it("offers only active consents that name the chosen center", () => {
    expect(consentsForCenter(consents, CENTER_A).map((c) => c.id)).toEqual(["active-a"]);
    expect(consentsForCenter(consents, null)).toEqual([]);
  });

  it("keeps a chosen consent that still fits, else picks the only one that does", () => {
    const forA = consentsForCenter(consents, CENTER_A);
    expect(consentAfterCenterChange("active-a", forA)).toBe("active-a");
    expect(consentAfterCenterChange("active-b", forA)).toBe("active-a");
    expect(consentAfterCenterChange("active-b", [])).toBeNull();
    expect(consentAfterCenterChange(null, [consent("x", "active", CENTER_A), consent("y", "active", CENTER_A)])).toBeNull();
  });

  it("builds the body, leaving out an empty admission date", () => {
    const values = { treatment_center_id: CENTER_A, consent_id: "active-a", level_of_care: "3.7" as const, requested_admission_date: null, summary: "  AUD, severe " };
    expect(toReferralBody(values)).toEqual({ treatment_center_id: CENTER_A, consent_id: "active-a", level_of_care: "3.7", summary: "AUD, severe" });
    expect(toReferralBody({ ...values, requested_admission_date: "2026-06-01" }).requested_admission_date).toBe("2026-06-01");
  });

  it("needs center, consent, level of care and summary", () => {
    const errors = validateReferralForm({ treatment_center_id: CENTER_A, consent_id: null, level_of_care: null, requested_admission_date: null, summary: " " });
    expect(Object.keys(errors).sort()).toEqual(["consent_id", "level_of_care", "summary"]);
  });
});

describe("recording a center's update", () => {
  const now = new Date(2026, 4, 10, 14, 30);
  it("sends only the fields of the chosen status", () => {
    const declined = { ...initialUpdateValues("declined", now), decline_reason: " No beds ", note: "" };
    expect(toStatusReport(declined)).toEqual({ status: "declined", decline_reason: "No beds" });
    const admitted = initialUpdateValues("admitted", now);
    expect(toStatusReport({ ...admitted, decline_reason: "ignored" })).toEqual({ status: "admitted", admitted_at: now.toISOString() });
    const discharged = { ...initialUpdateValues("discharged", now), discharge_reason: "completed" as const, note: "Went well" };
    expect(toStatusReport(discharged)).toEqual({ status: "discharged", discharged_at: now.toISOString(), discharge_reason: "completed", note: "Went well" });
  });

  it("needs a reason for a decline and for a discharge, as the API does", () => {
    expect(validateUpdateForm(initialUpdateValues("declined", now))).toHaveProperty("decline_reason");
    expect(validateUpdateForm(initialUpdateValues("discharged", now))).toHaveProperty("discharge_reason");
    expect(validateUpdateForm(initialUpdateValues("received", now))).toEqual({});
  });
});

describe("history actors", () => {
  it("names who moved the referral as the API does, else by kind", () => {
    expect(actorLabel({ actor_type: "staff", actor_name: "Jordan Lee" })).toBe("Jordan Lee");
    expect(actorLabel({ actor_type: "staff", actor_name: null })).toBe("Staff");
    expect(actorLabel({ actor_type: "partner", actor_name: "Riverbend" })).toBe("Riverbend (partner API)");
    expect(actorLabel({ actor_type: "partner", actor_name: null })).toBe("Center (partner API)");
    expect(actorLabel({ actor_type: "system", actor_name: null })).toBe("Cairn (automatic)");
  });
});

describe("editing a draft", () => {
  const draft = {
    treatment_center_id: CENTER_A,
    consent_id: "c1",
    level_of_care: "3.5",
    requested_admission_date: "2026-06-01",
    summary: "AUD",
  } as ReferralRead;

  it("sends nothing when nothing changed", () => {
    expect(toDraftUpdate(draft, referralToFormValues(draft))).toEqual({});
  });

  it("sends only what changed, and can clear the admission date", () => {
    const values = { ...referralToFormValues(draft), level_of_care: "3.7" as const, requested_admission_date: null, summary: " AUD " };
    expect(toDraftUpdate(draft, values)).toEqual({ level_of_care: "3.7", requested_admission_date: null });
  });
});

describe("a new referral starts from the plan", () => {
  it("takes the primary option's center and level of care", () => {
    expect(
      referralStartFromPlan([
        { treatment_center_id: "a", level_of_care: "3.5", is_primary: false },
        { treatment_center_id: "b", level_of_care: "2.1", is_primary: true },
      ]),
    ).toEqual({ treatment_center_id: "b", level_of_care: "2.1" });
  });

  it("takes the only option, and nothing when there is no plan or no clear choice", () => {
    expect(referralStartFromPlan([{ treatment_center_id: null, level_of_care: "3.5", is_primary: false }])).toEqual({
      treatment_center_id: null,
      level_of_care: "3.5",
    });
    expect(referralStartFromPlan(undefined)).toBeNull();
    expect(
      referralStartFromPlan([
        { treatment_center_id: "a", level_of_care: "3.5", is_primary: false },
        { treatment_center_id: "b", level_of_care: "3.5", is_primary: false },
      ]),
    ).toBeNull();
  });
});
