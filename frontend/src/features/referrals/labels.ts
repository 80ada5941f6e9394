import type { DischargeReason, ReferralHistoryEntry, ReferralStatus } from "../../api/types";

/** The lifecycle order: the board's columns, left to right; the final outcomes last. */
export const REFERRAL_STATUS_ORDER: readonly ReferralStatus[] = [
  "draft",
  "sent",
  "received",
  "accepted",
  "admitted",
  "discharged",
  "declined",
  "cancelled",
];

export const REFERRAL_STATUS_LABEL: Record<ReferralStatus, string> = {
  draft: "Draft",
  sent: "Sent",
  received: "Received",
  accepted: "Accepted",
  admitted: "Admitted",
  discharged: "Discharged",
  declined: "Declined",
  cancelled: "Canceled",
};

// The colour of the status dot; the text itself stays the body colour (contrast).
export const REFERRAL_STATUS_COLOR: Record<ReferralStatus, string> = {
  draft: "gray",
  sent: "blue",
  received: "indigo",
  accepted: "cyan",
  admitted: "teal",
  discharged: "green",
  declined: "red",
  cancelled: "dark",
};

export const DISCHARGE_REASON_LABEL: Record<DischargeReason, string> = {
  completed: "Completed treatment",
  left_against_advice: "Left against advice",
  administrative: "Administrative discharge",
  transferred: "Transferred elsewhere",
};

/** What a recorded move does beyond the referral (api/referrals/lifecycle.py), said before it is made. */
export function caseEffect(to: ReferralStatus): string | null {
  switch (to) {
    case "admitted":
      return "The case moves to “In treatment” (when the intervention has been held).";
    case "discharged":
      return "A discharge after completed treatment moves the case to “Aftercare”.";
    case "declined":
      return "A decline raises an alert on the case so the team can arrange another option.";
    default:
      return null;
  }
}

/** Who made a move, as the API names them (a staff member, or the center), else by kind. */
export function actorLabel(entry: Pick<ReferralHistoryEntry, "actor_type" | "actor_name">): string {
  switch (entry.actor_type) {
    case "staff":
      return entry.actor_name || "Staff";
    case "partner":
      return `${entry.actor_name || "Center"} (partner API)`;
    case "system":
      return `${entry.actor_name || "Cairn"} (automatic)`;
    default:
      return entry.actor_name || entry.actor_type.charAt(0).toUpperCase() + entry.actor_type.slice(1);
  }
}
