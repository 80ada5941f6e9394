import { describe, expect, it } from "vitest";
import type { GoalRead } from "../../api/types";
import { integerTicks, progressChartData, yDomain } from "./chart";
import { EMPTY_GOAL_FORM, goalToFormValues, toCreateBody, toUpdateBody, validateGoalForm } from "./form";
import { targetText } from "./labels";

const goal: GoalRead = {
  id: "g1",
  case_id: "c1",
  subject: "client",
  subject_name: "Danny",
  title: "Meetings",
  category: "recovery_activities",
  metric: "meetings per week",
  unit: "meetings",
  target_shape: "threshold",
  target_value: 3,
  direction: "at_least",
  target_low: null,
  target_high: null,
  target_text: null,
  baseline_value: 0,
  check_in_item: null,
  start_date: "2026-01-05",
  due_date: null,
  lifecycle_status: "active",
  achievement_status: "improving",
  achievement_set_by_hand: false,
  latest_value: 2,
  created_at: "2026-01-05T10:00:00Z",
  updated_at: "2026-01-05T10:00:00Z",
  version: 3,
};

describe("progress chart data", () => {
  it("orders points oldest first and keeps the target line in view", () => {
    const chart = progressChartData(
      [
        { value: 2, measured_at: "2026-02-10T10:00:00Z" },
        { value: 1, measured_at: "2026-02-03T10:00:00Z" },
      ],
      5,
      0,
    );
    expect(chart.rows.map((r) => r.value)).toEqual([1, 2]);
    expect(chart.target).toBe(5);
    expect(chart.domain[0]).toBe(0);
    expect(chart.domain[1]).toBeGreaterThanOrEqual(5);
  });

  it("gives counts whole-number ticks, never 0.9 or 1.8", () => {
    const chart = progressChartData(
      [
        { value: 0, measured_at: "2026-02-03T10:00:00Z" },
        { value: 1, measured_at: "2026-02-10T10:00:00Z" },
        { value: 3, measured_at: "2026-02-17T10:00:00Z" },
      ],
      3,
    );
    expect(chart.integer).toBe(true);
    expect(chart.domain.every(Number.isInteger)).toBe(true);
    expect(chart.ticks).toEqual([0, 1, 2, 3, 4]);
    expect(integerTicks([0, 30])).toEqual([0, 5, 10, 15, 20, 25, 30]);
    // A measure with decimals (hours, a score) keeps the chart's own ticks.
    const hours = progressChartData([{ value: 1.5, measured_at: "2026-02-03T10:00:00Z" }], 2);
    expect(hours.integer).toBe(false);
    expect(hours.ticks).toBeUndefined();
  });

  it("pads a flat series and allows negative values", () => {
    expect(yDomain([4, 4])).toEqual([3, 5]);
    const [low, high] = yDomain([-2, 3]);
    expect(low).toBeLessThan(-2);
    expect(high).toBeGreaterThan(3);
    expect(yDomain([])).toEqual([0, 1]);
  });
});

describe("goal form → API", () => {
  it("creates with numbers and leaves out empty optional fields", () => {
    const body = toCreateBody({ ...EMPTY_GOAL_FORM, title: " Meetings ", metric: "per week", unit: "meetings", target_value: "3" });
    expect(body).toEqual({
      subject: "client",
      title: "Meetings",
      category: "other",
      metric: "per week",
      unit: "meetings",
      target_value: 3,
      direction: "at_least",
      target_low: null,
      target_high: null,
      lifecycle_status: "active",
    });
  });

  it("creates a range, or a qualitative goal with no number and no unit", () => {
    const range = toCreateBody({ ...EMPTY_GOAL_FORM, title: "Drinks", metric: "per week", unit: "drinks", target_kind: "between", target_low: 0, target_high: "2" });
    expect(range).toMatchObject({ target_value: null, direction: null, target_low: 0, target_high: 2, unit: "drinks" });
    const words = toCreateBody({ ...EMPTY_GOAL_FORM, title: "Trust", metric: "home life", target_kind: "qualitative", target_text: " Calm evenings " });
    expect(words).toMatchObject({ target_value: null, direction: null, target_low: null, target_high: null, target_text: "Calm evenings" });
    expect(words).not.toHaveProperty("unit");
  });

  it("refuses a range whose low end is above its high end, and words missing from a qualitative goal", () => {
    const base = { ...EMPTY_GOAL_FORM, title: "x", metric: "y", unit: "z" };
    expect(validateGoalForm({ ...base, target_kind: "between", target_low: 5, target_high: 1 })).toHaveProperty("target_low");
    expect(validateGoalForm({ ...base, target_kind: "between", target_low: 1, target_high: 5 })).toEqual({});
    expect(validateGoalForm({ ...base, target_kind: "qualitative" })).toHaveProperty("target_text");
  });

  it("moves a threshold goal to a range in one patch", () => {
    const initial = goalToFormValues(goal);
    expect(toUpdateBody(initial, { ...initial, target_kind: "between", target_low: 1, target_high: 3 })).toEqual({ target_low: 1, target_high: 3 });
    expect(toUpdateBody(initial, { ...initial, target_kind: "qualitative", target_text: "Feels in control" })).toEqual({
      target_value: null,
      target_text: "Feels in control",
    });
  });

  it("patches only what changed, and clears a hand-set status with null", () => {
    const initial = goalToFormValues(goal);
    expect(toUpdateBody(initial, initial)).toEqual({});
    expect(toUpdateBody(initial, { ...initial, target_value: 4, achievement: "achieved" })).toEqual({
      target_value: 4,
      direction: "at_least",
      achievement_status: "achieved",
    });
    const handSet = goalToFormValues({ ...goal, achievement_set_by_hand: true, achievement_status: "achieved" });
    expect(handSet.achievement).toBe("achieved");
    expect(toUpdateBody(handSet, { ...handSet, achievement: "auto" })).toEqual({ achievement_status: null });
    expect(toUpdateBody(initial, { ...initial, baseline_value: "" })).toEqual({ baseline_value: null });
    // Linking to a check-in answer, and back to measuring by hand (null clears it).
    expect(toUpdateBody(initial, { ...initial, check_in_item: "meetings_attended" })).toEqual({ check_in_item: "meetings_attended" });
    const linked = goalToFormValues({ ...goal, check_in_item: "meetings_attended" });
    expect(toUpdateBody(linked, { ...linked, check_in_item: "" })).toEqual({ check_in_item: null });
  });

  it("flags missing and inconsistent fields", () => {
    const errors = validateGoalForm({ ...EMPTY_GOAL_FORM, start_date: "2026-03-01", due_date: "2026-02-01" });
    expect(Object.keys(errors).sort()).toEqual(["due_date", "metric", "target_value", "title", "unit"]);
  });

  it("says the target in words", () => {
    expect(targetText(goal)).toBe("at least 3 meetings");
    expect(targetText({ direction: "at_most", target_value: 1.5, unit: "drinks" })).toBe("at most 1.5 drinks");
    expect(targetText({ target_low: 0, target_high: 2, unit: "drinks" })).toBe("between 0 and 2 drinks");
    expect(targetText({ target_text: "Calm evenings" })).toBe("Calm evenings");
  });
});
