"""The referral lifecycle (DESIGN.md §4 Referrals)."""

from __future__ import annotations

from api.referrals.models import ReferralStatus as R

NEXT: dict[R, set[R]] = {
    R.draft: {R.sent, R.cancelled},
    R.sent: {R.received, R.accepted, R.declined, R.cancelled},
    R.received: {R.accepted, R.declined, R.cancelled},
    R.accepted: {R.admitted, R.declined, R.cancelled},
    R.admitted: {R.discharged},
    R.declined: set(),
    R.discharged: set(),
    R.cancelled: set(),
}

# What a treatment center reports (the partner API, or staff for a non-partner center).
REPORTED_BY_CENTER = frozenset({R.received, R.accepted, R.declined, R.admitted, R.discharged})


def is_closed(status: str) -> bool:
    """The referral has ended (declined, discharged, cancelled): nothing more happens to it."""
    return not NEXT[R(status)]
