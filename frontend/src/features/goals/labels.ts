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
