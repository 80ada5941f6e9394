import { describe, expect, it } from "vitest";
import {
  EMPTY_CHECK_IN,
  goalsToMeasure,
  periodDaysFor,
  recallChoices,
  stepsFor,
  toCheckInBody,
  validateStep,
  windowDays,
} from "./checkinForm";
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

  it("does not ask again for a goal that one of the check-in's answers measures", () => {
    const goals = [
      { id: "meetings", lifecycle_status: "active" as const, check_in_item: "meetings_attended" },
      { id: "walks", lifecycle_status: "active" as const, check_in_item: null },
    ];
    expect(goalsToMeasure(goals).map((goal) => goal.id)).toEqual(["walks"]);
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

describe("recall window", () => {
  it("follows the schedule unless 7 or 30 days are picked", () => {
    expect(windowDays(EMPTY_CHECK_IN, 14)).toBe(14);
    expect(windowDays({ period_days: 30 }, 14)).toBe(30);
    expect(windowDays({ period_days: 7 }, null)).toBe(7);
  });

  it("offers the schedule's window only when it is neither 7 nor 30 days", () => {
    expect(recallChoices(7).map((c) => c.value)).toEqual(["7", "30"]);
    expect(recallChoices(14).map((c) => [c.value, c.days])).toEqual([
      ["schedule", 14],
      ["7", 7],
      ["30", 30],
    ]);
  });

  it("refuses day counts above the window, and heavy drinking days above the days used", () => {
    const answered = { ...EMPTY_CHECK_IN, days_used: 8, heavy_drinking_days: 2 };
    expect(validateStep("use", answered, 7)).toEqual({ days_used: "At most 7 days." });
    expect(validateStep("use", answered, 30)).toEqual({});
    expect(validateStep("use", { ...answered, heavy_drinking_days: 9 }, 30)).toHaveProperty("heavy_drinking_days");
    const support = { ...EMPTY_CHECK_IN, meetings_attended: 12, work_school_days: 20 };
    expect(Object.keys(validateStep("support", support, 7))).toEqual(["meetings_attended", "work_school_days"]);
    expect(validateStep("support", support, 30)).toEqual({});
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
        heavy_drinking_days: 1,
        family_conflict: 3,
        work_school_days: 4,
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
      heavy_drinking_days: 1,
      family_conflict: 3,
      work_school_days: 4,
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
    const sober = toCheckInBody({ ...EMPTY_CHECK_IN, days_used: 0, substances: ["Alcohol"], heavy_drinking_days: 2, safety: safe }, "client", 30);
    expect(sober.substances_used).toEqual([]);
    expect(sober).not.toHaveProperty("heavy_drinking_days");
    expect(sober.period_days).toBe(30);
    const family = toCheckInBody(
      { ...EMPTY_CHECK_IN, days_used: 3, family_conflict: 2, commitments_kept: "no", wellbeing: 2, safety: safe },
      "participant",
      7,
    );
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
