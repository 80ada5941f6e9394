import { describe, expect, it } from "vitest";
import { EMPTY_CHECK_IN, goalsToMeasure, periodDaysFor, stepsFor, toCheckInBody, validateStep } from "./checkinForm";
import { portalRedirect } from "./redirect";

describe("check-in steps", () => {
  it("asks the client about use and the family about their part", () => {
    expect(stepsFor("client", true)).toEqual(["use", "feelings", "support", "goals", "safety", "note"]);
    expect(stepsFor("participant", false)).toEqual(["family", "safety", "note"]);
  });

  it("asks for progress on active goals only", () => {
    const goals = (["active", "proposed", "on_hold", "completed", "active"] as const).map((lifecycle_status, i) => ({
      id: String(i),
      lifecycle_status,
    }));
    expect(goalsToMeasure(goals).map((goal) => goal.id)).toEqual(["0", "4"]);
    expect(goalsToMeasure([])).toEqual([]);
  });

  it("uses the cadence as the recall window, within 1–31 days", () => {
    expect(periodDaysFor(7)).toBe(7);
    expect(periodDaysFor(null)).toBe(7);
    expect(periodDaysFor(90)).toBe(31);
  });

  it("requires days used from the client and an answer to every safety question", () => {
    expect(validateStep("use", EMPTY_CHECK_IN, 7)).toHaveProperty("days_used");
    expect(validateStep("use", { ...EMPTY_CHECK_IN, days_used: 0 }, 7)).toEqual({});
    expect(Object.keys(validateStep("safety", EMPTY_CHECK_IN, 7))).toHaveLength(3);
    expect(validateStep("goals", { ...EMPTY_CHECK_IN, goal_values: { g: "two" } }, 7)).toHaveProperty("goal_values.g");
  });
});

describe("check-in form → API", () => {
  const safe = { overdose: "no", self_harm_thoughts: "no", violence: "no" } as const;

  it("maps a client's answers", () => {
    const body = toCheckInBody(
      {
        ...EMPTY_CHECK_IN,
        days_used: 2,
        substances: ["Alcohol"],
        other_substance: " Kratom ",
        craving: 3,
        mood: 1,
        confidence: 2,
        meetings_attended: 1,
        sober_support_contact: "yes",
        commitments_kept: "yes",
        goal_values: { g1: "2", g2: "", g3: "1,5" },
        safety: { ...safe, self_harm_thoughts: "yes" },
        note: "  rough week ",
      },
      "client",
      7,
    );
    expect(body).toEqual({
      period_days: 7,
      days_used: 2,
      substances_used: ["Alcohol", "Kratom"],
      craving: 3,
      mood: 1,
      confidence: 2,
      meetings_attended: 1,
      sober_support_contact: true,
      goal_updates: [
        { goal_id: "g1", value: 2 },
        { goal_id: "g3", value: 1.5 },
      ],
      safety: { overdose: false, self_harm_thoughts: true, violence: false },
      note: "rough week",
    });
  });

  it("sends no substances when nothing was used, and only a family member's own items", () => {
    expect(toCheckInBody({ ...EMPTY_CHECK_IN, days_used: 0, substances: ["Alcohol"], safety: safe }, "client", 7).substances_used).toEqual([]);
    const family = toCheckInBody({ ...EMPTY_CHECK_IN, days_used: 3, commitments_kept: "no", wellbeing: 2, safety: safe }, "participant", 7);
    expect(family).toEqual({
      period_days: 7,
      substances_used: [],
      goal_updates: [],
      commitments_kept: false,
      wellbeing: 2,
      safety: { overdose: false, self_harm_thoughts: false, violence: false },
    });
  });
});

describe("portalRedirect", () => {
  it("stays inside the portal", () => {
    expect(portalRedirect("/portal/goals")).toBe("/portal/goals");
    expect(portalRedirect("/cases")).toBe("/portal");
    expect(portalRedirect("/portal/login?x=1")).toBe("/portal");
    expect(portalRedirect("https://evil.example/")).toBe("/portal");
  });
});
