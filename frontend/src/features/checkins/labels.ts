import type { RiskLevel } from "../../api/types";

export const RISK_LABEL: Record<RiskLevel, string> = {
  low: "Low",
  moderate: "Moderate",
  high: "High",
  critical: "Critical",
};

export const RISK_COLOR: Record<RiskLevel, string> = {
  low: "teal",
  moderate: "yellow",
  high: "orange",
  critical: "red",
};

export const SAFETY_LABEL = {
  overdose: "Overdose",
  self_harm_thoughts: "Self-harm thoughts",
  violence: "Violence",
} as const;

export type SafetyKey = keyof typeof SAFETY_LABEL;
export const SAFETY_KEYS = Object.keys(SAFETY_LABEL) as SafetyKey[];

/**
 * Words for the 0–4 answers. Craving, risky situations and family conflict grow with the risk
 * (0 none … 4 extreme, as the API's risk rules read them; family conflict in the Brief
 * Addiction Monitor's own words); mood, sleep,
 * wellbeing and confidence are rated from poor (0) to good (4).
 */
export const SCALE_WORDS = {
  craving: ["None", "A little", "Some", "Strong", "Very strong"],
  risky_situations: ["Never", "Once or twice", "A few times", "Often", "Almost always"],
  family_conflict: ["Not at all", "Slightly", "Moderately", "Considerably", "Extremely"],
  mood: ["Very low", "Low", "Okay", "Good", "Very good"],
  sleep_quality: ["Very poor", "Poor", "Okay", "Good", "Very good"],
  wellbeing: ["Very poor", "Poor", "Okay", "Good", "Very good"],
  confidence: ["Not at all", "A little", "Somewhat", "Quite", "Very"],
} as const;

export type ScaleItem = keyof typeof SCALE_WORDS;

export function scaleText(item: ScaleItem, value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  return `${value} · ${SCALE_WORDS[item][value] ?? ""}`;
}

export function cadenceText(days: number): string {
  if (days === 1) return "Every day";
  if (days === 7) return "Every week";
  if (days === 14) return "Every two weeks";
  return `Every ${days} days`;
}
