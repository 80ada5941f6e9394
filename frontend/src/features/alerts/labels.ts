import type { AlertKind, AlertSeverity } from "../../api/types";

export const SEVERITY_LABEL: Record<AlertSeverity, string> = {
  critical: "Critical",
  high: "High",
  moderate: "Moderate",
  low: "Low",
};

export const SEVERITY_COLOR: Record<AlertSeverity, string> = {
  critical: "red",
  high: "orange",
  moderate: "yellow",
  low: "gray",
};

export const KIND_LABEL: Record<AlertKind, string> = {
  safety: "Safety answer",
  relapse_reported: "Use reported",
  missed_check_in: "Missed check-in",
  referral_declined: "Referral declined",
  consent_expiring: "Consent expiring",
  follow_up_overdue: "Follow-up overdue",
};
