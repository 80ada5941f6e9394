// What staff can do next with a referral. The API decides (ReferralRead.allowed_transitions and is_closed,
// computed from api/referrals/status.py); this only sorts its answer into buttons.
import type { ReferralRead, ReferralStatus } from "../../api/types";

export interface StaffMoves {
  send: boolean;
  cancel: boolean;
  /** What a center that is not a partner may have told staff, for them to record (none for partners). */
  centerUpdates: ReferralStatus[];
  /** A partner center reports the next step itself, from its own system. */
  awaitingPartner: boolean;
  /** The referral has ended: nothing more happens to it. */
  closed: boolean;
}

type Movable = Pick<ReferralRead, "status" | "allowed_transitions" | "treatment_center_is_partner" | "is_closed">;

export function staffMoves(referral: Movable): StaffMoves {
  const allowed = referral.allowed_transitions;
  const closed = referral.is_closed;
  return {
    send: allowed.includes("sent"),
    cancel: allowed.includes("cancelled"),
    centerUpdates: allowed.filter((status) => status !== "sent" && status !== "cancelled"),
    awaitingPartner: referral.treatment_center_is_partner && referral.status !== "draft" && !closed,
    closed,
  };
}
