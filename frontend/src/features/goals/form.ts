// Values of the goal form, and their translation to API bodies.
import type { AchievementStatus, CheckInItem, GoalCategory, GoalCreate, GoalDirection, GoalRead, GoalUpdate, LifecycleStatus } from "../../api/types";

/** "auto": the status follows from the measurements (the API's null). */
export type AchievementChoice = AchievementStatus | "auto";

/** The target's shape in the form: a threshold either way, a range, or words only. */
export type TargetKind = "at_least" | "at_most" | "between" | "qualitative";

export interface GoalFormValues {
  subject: string;
  title: string;
  category: GoalCategory;
  metric: string;
  unit: string;
  target_kind: TargetKind;
  target_value: number | string;
  target_low: number | string;
  target_high: number | string;
  target_text: string;
  baseline_value: number | string;
  /** "" when the goal is measured by hand. */
  check_in_item: CheckInItem | "";
  start_date: string | null;
  due_date: string | null;
  lifecycle_status: LifecycleStatus;
  achievement: AchievementChoice;
}

export const GOAL_FORM_FIELDS = [
  "subject",
  "title",
  "category",
  "metric",
  "unit",
  "target_value",
  "direction",
  "target_low",
  "target_high",
  "target_text",
  "baseline_value",
  "check_in_item",
  "start_date",
  "due_date",
  "lifecycle_status",
  "achievement_status",
] as const;

export const EMPTY_GOAL_FORM: GoalFormValues = {
  subject: "client",
  title: "",
  category: "other",
  metric: "",
  unit: "",
  target_kind: "at_least",
  target_value: "",
  target_low: "",
  target_high: "",
  target_text: "",
  baseline_value: "",
  check_in_item: "",
  start_date: null,
  due_date: null,
  lifecycle_status: "active",
  achievement: "auto",
};

function kindOf(goal: GoalRead): TargetKind {
  if (goal.target_shape === "range") return "between";
  if (goal.target_shape === "qualitative") return "qualitative";
  return goal.direction ?? "at_least";
}

export function goalToFormValues(goal: GoalRead): GoalFormValues {
  return {
    subject: goal.subject,
    title: goal.title,
    category: goal.category,
    metric: goal.metric,
    unit: goal.unit ?? "",
    target_kind: kindOf(goal),
    target_value: goal.target_value ?? "",
    target_low: goal.target_low ?? "",
    target_high: goal.target_high ?? "",
    target_text: goal.target_text ?? "",
    baseline_value: goal.baseline_value ?? "",
    check_in_item: goal.check_in_item ?? "",
    start_date: goal.start_date,
    due_date: goal.due_date ?? null,
    lifecycle_status: goal.lifecycle_status,
    achievement: goal.achievement_set_by_hand ? goal.achievement_status : "auto",
  };
}

/** A NumberInput value as a number, or null when empty or not a number. */
export function toNumber(value: number | string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

/** The target fields of a body: exactly the ones of the chosen shape, the others null. */
export function targetBody(values: GoalFormValues): Pick<GoalCreate, "target_value" | "direction" | "target_low" | "target_high"> {
  const kind = values.target_kind;
  if (kind === "at_least" || kind === "at_most")
    return { target_value: toNumber(values.target_value) ?? 0, direction: kind as GoalDirection, target_low: null, target_high: null };
  if (kind === "between")
    return { target_value: null, direction: null, target_low: toNumber(values.target_low), target_high: toNumber(values.target_high) };
  return { target_value: null, direction: null, target_low: null, target_high: null };
}

export function toCreateBody(values: GoalFormValues): GoalCreate {
  const unit = values.unit.trim();
  const text = values.target_text.trim();
  const body: GoalCreate = {
    subject: values.subject,
    title: values.title.trim(),
    category: values.category,
    metric: values.metric.trim(),
    ...targetBody(values),
    lifecycle_status: values.lifecycle_status,
  };
  if (unit) body.unit = unit;
  if (text) body.target_text = text;
  const baseline = toNumber(values.baseline_value);
  if (baseline !== null) body.baseline_value = baseline;
  if (values.check_in_item) body.check_in_item = values.check_in_item;
  if (values.start_date) body.start_date = values.start_date;
  if (values.due_date) body.due_date = values.due_date;
  return body;
}

/** Only what changed, so a PATCH never overwrites fields the user did not touch. */
export function toUpdateBody(initial: GoalFormValues, values: GoalFormValues): GoalUpdate {
  const body: GoalUpdate = {};
  if (values.title.trim() !== initial.title) body.title = values.title.trim();
  if (values.category !== initial.category) body.category = values.category;
  if (values.metric.trim() !== initial.metric) body.metric = values.metric.trim();
  if (values.unit.trim() !== initial.unit) body.unit = values.unit.trim() || null;
  const next = targetBody(values);
  const before = targetBody(initial);
  if (values.target_kind !== initial.target_kind || JSON.stringify(next) !== JSON.stringify(before)) {
    // The API replaces the numeric target as a whole when one of its fields is sent.
    if (values.target_kind === "between") Object.assign(body, { target_low: next.target_low, target_high: next.target_high });
    else if (values.target_kind === "qualitative") body.target_value = null;
    else Object.assign(body, { target_value: next.target_value, direction: next.direction });
  }
  if (values.target_text.trim() !== initial.target_text) body.target_text = values.target_text.trim() || null;
  const baseline = toNumber(values.baseline_value);
  if (baseline !== toNumber(initial.baseline_value)) body.baseline_value = baseline;
  if (values.check_in_item !== initial.check_in_item) body.check_in_item = values.check_in_item || null;
  if (values.start_date && values.start_date !== initial.start_date) body.start_date = values.start_date;
  if (values.due_date !== initial.due_date) body.due_date = values.due_date || null;
  if (values.lifecycle_status !== initial.lifecycle_status) body.lifecycle_status = values.lifecycle_status;
  if (values.achievement !== initial.achievement) {
    body.achievement_status = values.achievement === "auto" ? null : values.achievement;
  }
  return body;
}

/** Client-side checks that save a round trip; the API stays the authority. */
export function validateGoalForm(values: GoalFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.title.trim()) errors.title = "Name the goal";
  if (!values.metric.trim()) errors.metric = "Say what is measured";
  const numeric = values.target_kind !== "qualitative";
  if (numeric && !values.unit.trim()) errors.unit = "Give the unit, e.g. meetings or days";
  if ((values.target_kind === "at_least" || values.target_kind === "at_most") && toNumber(values.target_value) === null)
    errors.target_value = "Enter the target as a number";
  if (values.target_kind === "between") {
    const low = toNumber(values.target_low);
    const high = toNumber(values.target_high);
    if (low === null && high === null) errors.target_low = "Enter at least one end of the range";
    if (low !== null && high !== null && low > high) errors.target_low = "The low end cannot be above the high end";
  }
  if (values.target_kind === "qualitative" && !values.target_text.trim())
    errors.target_text = "Say in words what reaching the goal looks like";
  if (typeof values.baseline_value === "string" && values.baseline_value.trim() !== "" && toNumber(values.baseline_value) === null)
    errors.baseline_value = "Enter a number or leave it empty";
  if (values.start_date && values.due_date && values.due_date < values.start_date)
    errors.due_date = "The due date cannot be before the start date";
  return errors;
}
