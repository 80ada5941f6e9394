// Values of the goal form, and their translation to API bodies.
import type { AchievementStatus, CheckInItem, GoalCategory, GoalCreate, GoalDirection, GoalRead, GoalUpdate, LifecycleStatus } from "../../api/types";

/** "auto": the status follows from the measurements (the API's null). */
export type AchievementChoice = AchievementStatus | "auto";

export interface GoalFormValues {
  subject: string;
  title: string;
  category: GoalCategory;
  metric: string;
  unit: string;
  target_value: number | string;
  direction: GoalDirection;
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
  target_value: "",
  direction: "at_least",
  baseline_value: "",
  check_in_item: "",
  start_date: null,
  due_date: null,
  lifecycle_status: "active",
  achievement: "auto",
};

export function goalToFormValues(goal: GoalRead): GoalFormValues {
  return {
    subject: goal.subject,
    title: goal.title,
    category: goal.category,
    metric: goal.metric,
    unit: goal.unit,
    target_value: goal.target_value,
    direction: goal.direction,
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

export function toCreateBody(values: GoalFormValues): GoalCreate {
  const body: GoalCreate = {
    subject: values.subject,
    title: values.title.trim(),
    category: values.category,
    metric: values.metric.trim(),
    unit: values.unit.trim(),
    target_value: toNumber(values.target_value) ?? 0,
    direction: values.direction,
    lifecycle_status: values.lifecycle_status,
  };
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
  if (values.unit.trim() !== initial.unit) body.unit = values.unit.trim();
  const target = toNumber(values.target_value);
  if (target !== null && target !== toNumber(initial.target_value)) body.target_value = target;
  if (values.direction !== initial.direction) body.direction = values.direction;
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
  if (!values.unit.trim()) errors.unit = "Give the unit, e.g. meetings or days";
  if (toNumber(values.target_value) === null) errors.target_value = "Enter the target as a number";
  if (typeof values.baseline_value === "string" && values.baseline_value.trim() !== "" && toNumber(values.baseline_value) === null)
    errors.baseline_value = "Enter a number or leave it empty";
  if (values.start_date && values.due_date && values.due_date < values.start_date)
    errors.due_date = "The due date cannot be before the start date";
  return errors;
}
