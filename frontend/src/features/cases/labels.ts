import type { CaseOutcome, CaseStatus, InterventionModel, RiskFlag, TeamMember } from "../../api/types";

export const STATUS_ORDER: readonly CaseStatus[] = [
  "intake",
  "planning",
  "scheduled",
  "intervention_held",
  "in_treatment",
  "aftercare",
  "closed",
];

export const STATUS_LABEL: Record<CaseStatus, string> = {
  intake: "Intake",
  planning: "Planning",
  scheduled: "Scheduled",
  intervention_held: "Intervention held",
  in_treatment: "In treatment",
  aftercare: "Aftercare",
  closed: "Closed",
};

// Shades chosen so the badge text keeps a 4.5:1 contrast on the light variant.
export const STATUS_COLOR: Record<CaseStatus, string> = {
  intake: "gray",
  planning: "indigo",
  scheduled: "blue",
  intervention_held: "violet",
  in_treatment: "teal",
  aftercare: "green",
  closed: "dark",
};

export const RISK_FLAGS: readonly RiskFlag[] = [
  "overdose_history",
  "suicidal_ideation",
  "violence_risk",
  "medical_detox_needed",
  "co_occurring_mental_health",
  "legal_issues",
  "pregnancy",
  "minor_children_at_home",
];

export const RISK_FLAG_LABEL: Record<RiskFlag, string> = {
  overdose_history: "Overdose history",
  suicidal_ideation: "Suicidal ideation",
  violence_risk: "Violence risk",
  medical_detox_needed: "Medical detox needed",
  co_occurring_mental_health: "Co-occurring mental health",
  legal_issues: "Legal issues",
  pregnancy: "Pregnancy",
  minor_children_at_home: "Minor children at home",
};

/** Flags that call for immediate clinical attention are shown in red. */
export const CRITICAL_FLAGS: ReadonlySet<RiskFlag> = new Set<RiskFlag>([
  "overdose_history",
  "suicidal_ideation",
  "violence_risk",
  "medical_detox_needed",
]);

export const MODEL_LABEL: Record<InterventionModel, string> = {
  johnson: "Johnson",
  love_first: "Love First",
  arise: "ARISE",
  craft: "CRAFT",
  systemic_family: "Systemic Family Intervention",
  other: "Other",
};

export const OUTCOME_LABEL: Record<CaseOutcome, string> = {
  entered_treatment: "Entered treatment",
  completed_treatment: "Completed treatment",
  declined_treatment: "Declined treatment",
  lost_contact: "Lost contact",
  referred_elsewhere: "Referred elsewhere",
  other: "Other",
};

export const TEAM_ROLE_LABEL: Record<TeamMember["role"], string> = {
  lead: "Lead",
  co_interventionist: "Co-interventionist",
  supervisor: "Supervisor",
};

export function clientName(client: { first_name: string; last_name: string; preferred_name?: string | null }): string {
  const preferred = client.preferred_name?.trim();
  const base = `${client.first_name} ${client.last_name}`.trim();
  return preferred && preferred !== client.first_name ? `${base} (“${preferred}”)` : base;
}

export function leadOf(team: readonly TeamMember[]): TeamMember | undefined {
  return team.find((member) => member.role === "lead");
}

export function options<T extends string>(labels: Record<T, string>, order?: readonly T[]) {
  return (order ?? (Object.keys(labels) as T[])).map((value) => ({ value, label: labels[value] }));
}
