"""The risk level of a check-in (documented in docs/api.md).

1. Any safety answer (overdose, thoughts of self-harm, violence) → `critical`.
2. Otherwise any use in the recall window (`days_used` > 0) → `high`.
3. Otherwise craving or risky situations at 3 or 4 (of 0-4) → `moderate`.
4. Otherwise → `low`.
"""

from __future__ import annotations

from api.checkins.models import RiskLevel

HIGH_SCALE = 3


def risk_level(
    *,
    any_safety: bool,
    days_used: int | None,
    craving: int | None,
    risky_situations: int | None,
) -> RiskLevel:
    if any_safety:
        return RiskLevel.critical
    if days_used:
        return RiskLevel.high
    if (craving or 0) >= HIGH_SCALE or (risky_situations or 0) >= HIGH_SCALE:
        return RiskLevel.moderate
    return RiskLevel.low
