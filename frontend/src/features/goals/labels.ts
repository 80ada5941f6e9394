import type { AchievementStatus, CheckInItem, GoalCategory, GoalDirection, LifecycleStatus } from "../../api/types";

/** HL7 FHIR Goal.achievementStatus codes (with `_`), in the words a practitioner uses. */
export const ACHIEVEMENT_LABEL: Record<AchievementStatus, string> = {
  in_progress: "In progress",
  improving: "Improving",
  worsening: "Worsening",
  no_change: "No change",
  achieved: "Achieved",
  sustaining: "Sustaining",
  not_achieved: "Not achieved",
  no_progress: "No progress",
  not_attainable: "Not attainable",
};

// Light badges draw text in shade 9 (see theme.ts), which keeps 4.5:1.
export const ACHIEVEMENT_COLOR: Record<AchievementStatus, string> = {
  in_progress: "blue",
  improving: "teal",
  worsening: "red",
  no_change: "gray",
  achieved: "teal",
  sustaining: "teal",
  not_achieved: "orange",
  no_progress: "gray",
  not_attainable: "orange",
};

export const ACHIEVEMENT_ORDER: readonly AchievementStatus[] = [
  "in_progress",
  "improving",
  "worsening",
  "no_change",
  "achieved",
  "sustaining",
  "not_achieved",
  "no_progress",
  "not_attainable",
];

export const LIFECYCLE_LABEL: Record<LifecycleStatus, string> = {
  proposed: "Proposed",
  planned: "Planned",
  accepted: "Accepted",
  active: "Active",
  on_hold: "On hold",
  completed: "Completed",
  cancelled: "Canceled",
  rejected: "Rejected",
  entered_in_error: "Entered in error",
};

export const CATEGORY_LABEL: Record<GoalCategory, string> = {
  abstinence: "Abstinence",
  recovery_activities: "Recovery activities",
  health: "Health",
  family: "Family",
  work_school: "Work or school",
  housing: "Housing",
  legal: "Legal",
  wellbeing: "Wellbeing",
  other: "Other",
};

/** The goal form's target shapes (features/goals/form.ts TargetKind). */
export const TARGET_KIND_LABEL = {
  at_least: "At least",
  at_most: "At most",
  between: "Between (a range)",
  qualitative: "No numeric target",
} as const;

export const DIRECTION_LABEL: Record<GoalDirection, string> = {
  at_least: "At least",
  at_most: "At most",
};

export interface GoalTarget {
  direction?: GoalDirection | null;
  target_value?: number | null;
  target_low?: number | null;
  target_high?: number | null;
  target_text?: string | null;
  unit?: string | null;
}

/** "at least 3 meetings", "between 0 and 2 drinks", or the target in words. */
export function targetText(goal: GoalTarget): string {
  const unit = goal.unit ? ` ${goal.unit}` : "";
  const low = goal.target_low ?? null;
  const high = goal.target_high ?? null;
  if (low !== null && high !== null) return `between ${formatValue(low)} and ${formatValue(high)}${unit}`;
  if (low !== null) return `at least ${formatValue(low)}${unit}`;
  if (high !== null) return `at most ${formatValue(high)}${unit}`;
  if (goal.target_value !== null && goal.target_value !== undefined && goal.direction)
    return `${DIRECTION_LABEL[goal.direction].toLowerCase()} ${formatValue(goal.target_value)}${unit}`;
  return goal.target_text || "no numeric target";
}

/** Where a chart draws the target line: the threshold, or the range's ends. */
export function targetLines(goal: GoalTarget): number[] {
  if (goal.target_value !== null && goal.target_value !== undefined) return [goal.target_value];
  return [goal.target_low, goal.target_high].filter((v): v is number => v !== null && v !== undefined);
}

export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}

/** The check-in answer that measures a goal, as the check-in asks it (BAM items where they are). */
export const CHECK_IN_ITEM_LABEL: Record<CheckInItem, string> = {
  days_used: "Days with any use",
  days_abstinent: "Days without use",
  heavy_drinking_days: "Heavy drinking days",
  meetings_attended: "Days with a support meeting",
  work_school_days: "Days at work or school",
  craving: "Craving (0–4)",
  mood: "Mood (0–4)",
  sleep_quality: "Sleep (0–4)",
  risky_situations: "Risky situations (0–4)",
  confidence: "Confidence to stay sober (0–4)",
  family_conflict: "Family conflict (0–4)",
  wellbeing: "Own wellbeing (0–4)",
};

/** What each respondent's check-in asks: the client the BAM items, a family member their wellbeing. */
export function checkInItemsFor(subject: string): CheckInItem[] {
  const all = Object.keys(CHECK_IN_ITEM_LABEL) as CheckInItem[];
  return subject === "client" ? all.filter((item) => item !== "wellbeing") : ["wellbeing"];
}
