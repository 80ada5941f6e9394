// The portal check-in: its steps, its answers, and the API body they become.
import type { LifecycleStatus, PortalCheckIn } from "../../api/types";

export type RespondentKind = "client" | "participant";
export type YesNo = "yes" | "no" | null;

export interface CheckInFormValues {
  /** The recall window in days (7 or 30); null follows the schedule's cadence. */
  period_days: number | null;
  days_used: number | null;
  heavy_drinking_days: number | null;
  substances: string[];
  other_substance: string;
  craving: number | null;
  mood: number | null;
  sleep_quality: number | null;
  risky_situations: number | null;
  family_conflict: number | null;
  confidence: number | null;
  meetings_attended: number | null;
  work_school_days: number | null;
  sober_support_contact: YesNo;
  commitments_kept: YesNo;
  wellbeing: number | null;
  /** goal id → the value typed ("" when skipped). */
  goal_values: Record<string, string>;
  safety: { overdose: YesNo; self_harm_thoughts: YesNo; violence: YesNo };
  note: string;
}

export const EMPTY_CHECK_IN: CheckInFormValues = {
  period_days: null,
  days_used: null,
  heavy_drinking_days: null,
  substances: [],
  other_substance: "",
  craving: null,
  mood: null,
  sleep_quality: null,
  risky_situations: null,
  family_conflict: null,
  confidence: null,
  meetings_attended: null,
  work_school_days: null,
  sober_support_contact: null,
  commitments_kept: null,
  wellbeing: null,
  goal_values: {},
  safety: { overdose: null, self_harm_thoughts: null, violence: null },
  note: "",
};

export const COMMON_SUBSTANCES = ["Alcohol", "Cannabis", "Opioids", "Cocaine", "Methamphetamine", "Benzodiazepines"];

export type StepId = "use" | "feelings" | "support" | "family" | "goals" | "safety" | "note";

export const STEP_TITLE: Record<StepId, string> = {
  use: "Alcohol and drug use",
  feelings: "How you have been",
  support: "What is helping",
  family: "Your part",
  goals: "Your goals",
  safety: "Your safety",
  note: "Anything else",
};

export function stepsFor(kind: RespondentKind, hasGoals: boolean): StepId[] {
  const own: StepId[] = kind === "client" ? ["use", "feelings", "support"] : ["family"];
  return [...own, ...(hasGoals ? (["goals"] as StepId[]) : []), "safety", "note"];
}

/**
 * Progress is recorded on active goals only: not on proposed, paused or completed ones. A goal
 * that one of the check-in's own answers measures (`check_in_item`) is not asked again.
 */
export function goalsToMeasure<G extends { lifecycle_status: LifecycleStatus; check_in_item?: string | null }>(goals: G[]): G[] {
  return goals.filter((goal) => goal.lifecycle_status === "active" && !goal.check_in_item);
}

/** The recall window that follows the schedule: its cadence, within what the API accepts (1–31 days). */
export function periodDaysFor(cadenceDays: number | null | undefined): number {
  if (!cadenceDays || cadenceDays < 1) return 7;
  return Math.min(31, Math.round(cadenceDays));
}

/** The recall windows the Brief Addiction Monitor uses: the weekly version and its own 30 days. */
export const RECALL_WINDOWS = [7, 30] as const;

/** The window the answers cover: the one picked, or the schedule's cadence. */
export function windowDays(values: Pick<CheckInFormValues, "period_days">, cadenceDays: number | null | undefined): number {
  return values.period_days ?? periodDaysFor(cadenceDays);
}

/** The choices of recall window: the schedule's (when it is neither 7 nor 30 days), then 7 and 30. */
export function recallChoices(scheduleDays: number): { value: string; days: number; label: string }[] {
  const fixed = RECALL_WINDOWS.map((days) => ({ value: String(days), days, label: `The last ${days} days` }));
  if ((RECALL_WINDOWS as readonly number[]).includes(scheduleDays)) return fixed;
  return [{ value: "schedule", days: scheduleDays, label: `Since your last check-in (${scheduleDays} days)` }, ...fixed];
}

/** Answers counted in days, and the step that asks each. */
const DAY_COUNTS: { key: "days_used" | "heavy_drinking_days" | "meetings_attended" | "work_school_days"; step: StepId }[] = [
  { key: "days_used", step: "use" },
  { key: "heavy_drinking_days", step: "use" },
  { key: "meetings_attended", step: "support" },
  { key: "work_school_days", step: "support" },
];

export function parseGoalValue(raw: string): number | null {
  const trimmed = raw.trim().replace(",", ".");
  if (trimmed === "") return null;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : null;
}

/** Problems on one step, keyed by field, in plain words. */
export function validateStep(step: StepId, values: CheckInFormValues, periodDays: number): Record<string, string> {
  const errors: Record<string, string> = {};
  if (step === "use" && values.days_used === null) errors.days_used = "Choose a number of days — 0 if you did not use.";
  for (const { key, step: asked } of DAY_COUNTS) {
    const days = values[key];
    if (asked === step && days !== null && days > periodDays && !errors[key]) errors[key] = `At most ${periodDays} days.`;
  }
  if (step === "use" && values.heavy_drinking_days !== null && values.days_used !== null && values.heavy_drinking_days > values.days_used)
    errors.heavy_drinking_days ??= "At most the number of days you drank or used.";
  if (step === "goals") {
    for (const [goalId, raw] of Object.entries(values.goal_values)) {
      if (raw.trim() !== "" && parseGoalValue(raw) === null) errors[`goal_values.${goalId}`] = "Enter a number, or leave it empty.";
    }
  }
  if (step === "safety") {
    for (const key of ["overdose", "self_harm_thoughts", "violence"] as const) {
      if (values.safety[key] === null) errors[`safety.${key}`] = "Please answer yes or no.";
    }
  }
  return errors;
}

export function anySafetyYes(values: Pick<CheckInFormValues, "safety">): boolean {
  return Object.values(values.safety).some((answer) => answer === "yes");
}

const yesNoToBool = (value: YesNo): boolean | null => (value === null ? null : value === "yes");

/** The answers as the API takes them; only what this respondent was asked. */
export function toCheckInBody(values: CheckInFormValues, kind: RespondentKind, periodDays: number): PortalCheckIn {
  const body: PortalCheckIn = {
    period_days: periodDays,
    substances_used: [],
    goal_updates: [],
    safety: {
      overdose: values.safety.overdose === "yes",
      self_harm_thoughts: values.safety.self_harm_thoughts === "yes",
      violence: values.safety.violence === "yes",
    },
  };
  const set = <K extends keyof PortalCheckIn>(key: K, value: PortalCheckIn[K] | null) => {
    if (value !== null && value !== undefined) body[key] = value;
  };
  if (kind === "client") {
    set("days_used", values.days_used);
    if (values.days_used) {
      const other = values.other_substance.trim();
      body.substances_used = [...new Set([...values.substances, ...(other ? [other] : [])])].slice(0, 10);
      set("heavy_drinking_days", values.heavy_drinking_days);
    }
    set("craving", values.craving);
    set("mood", values.mood);
    set("sleep_quality", values.sleep_quality);
    set("risky_situations", values.risky_situations);
    set("family_conflict", values.family_conflict);
    set("confidence", values.confidence);
    set("meetings_attended", values.meetings_attended);
    set("work_school_days", values.work_school_days);
    set("sober_support_contact", yesNoToBool(values.sober_support_contact));
  } else {
    set("commitments_kept", yesNoToBool(values.commitments_kept));
    set("wellbeing", values.wellbeing);
  }
  body.goal_updates = Object.entries(values.goal_values)
    .map(([goal_id, raw]) => ({ goal_id, value: parseGoalValue(raw) }))
    .filter((u): u is { goal_id: string; value: number } => u.value !== null);
  const note = values.note.trim();
  if (note) body.note = note;
  return body;
}
