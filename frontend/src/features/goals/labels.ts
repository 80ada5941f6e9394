import type { AchievementStatus, GoalCategory, GoalDirection, LifecycleStatus } from "../../api/types";

/** HL7 FHIR Goal.achievementStatus codes (with `_`), in the words a practitioner uses. */
export const ACHIEVEMENT_LABEL: Record<AchievementStatus, string> = {
  in_progress: "In progress",
  improving: "Improving",
  worsening: "Worsening",
  no_change: "No change",
  achieved: "Achieved",
  sustaining: "Sustaining",
  not_achieved: "Not achieved",
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
};

export const ACHIEVEMENT_ORDER: readonly AchievementStatus[] = [
  "in_progress",
  "improving",
  "worsening",
  "no_change",
  "achieved",
  "sustaining",
  "not_achieved",
];

export const LIFECYCLE_LABEL: Record<LifecycleStatus, string> = {
  proposed: "Proposed",
  active: "Active",
  on_hold: "On hold",
  completed: "Completed",
  cancelled: "Canceled",
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

export const DIRECTION_LABEL: Record<GoalDirection, string> = {
  at_least: "At least",
  at_most: "At most",
};

/** "at least 3 meetings" */
export function targetText(goal: { direction: GoalDirection; target_value: number; unit: string }): string {
  return `${DIRECTION_LABEL[goal.direction].toLowerCase()} ${formatValue(goal.target_value)} ${goal.unit}`;
}

export function formatValue(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toLocaleString(undefined, { maximumFractionDigits: 2 });
}
