import type { DeliveryResult, LevelOfCare, PlanStatus } from "../../api/types";

export const PLAN_STATUS_LABEL: Record<PlanStatus, string> = {
  draft: "Draft",
  in_review: "In review",
  approved: "Approved",
  delivered: "Delivered",
};

export const PLAN_STATUS_COLOR: Record<PlanStatus, string> = {
  draft: "gray",
  in_review: "blue",
  approved: "teal",
  delivered: "violet",
};

/** ASAM levels of care (DESIGN §1). */
export const LEVEL_OF_CARE_LABEL: Record<LevelOfCare, string> = {
  "0.5": "Early intervention",
  "1": "Outpatient",
  "2.1": "Intensive outpatient",
  "2.5": "Partial hospitalisation",
  "3.1": "Clinically managed low-intensity residential",
  "3.3": "Population-specific residential",
  "3.5": "High-intensity residential",
  "3.7": "Medically monitored inpatient",
  "4": "Medically managed inpatient",
  "1-WM": "Ambulatory withdrawal management",
  "2-WM": "Ambulatory withdrawal management with extended on-site monitoring",
  "3.2-WM": "Clinically managed residential withdrawal management",
  "3.7-WM": "Medically monitored inpatient withdrawal management",
  "4-WM": "Medically managed intensive inpatient withdrawal management",
  OTP: "Opioid treatment program",
};

export const LEVELS_OF_CARE: readonly LevelOfCare[] = [
  "0.5",
  "1",
  "2.1",
  "2.5",
  "3.1",
  "3.3",
  "3.5",
  "3.7",
  "4",
  "1-WM",
  "2-WM",
  "3.2-WM",
  "3.7-WM",
  "4-WM",
  "OTP",
];

export function levelOfCareLabel(level: LevelOfCare): string {
  return `ASAM ${level} — ${LEVEL_OF_CARE_LABEL[level]}`;
}

export const LEVEL_OF_CARE_OPTIONS = LEVELS_OF_CARE.map((value) => ({ value, label: levelOfCareLabel(value) }));

export const DELIVERY_RESULT_LABEL: Record<DeliveryResult, string> = {
  accepted: "Accepted treatment",
  accepted_later: "Accepted later",
  declined: "Declined",
  walked_out: "Walked out",
};
