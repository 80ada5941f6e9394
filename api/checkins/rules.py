"""The risk level of a check-in (documented in docs/api.md).

1. Any safety answer (overdose, thoughts of self-harm, violence) → `critical`.
2. Otherwise any use in the recall window (`days_used` > 0) → `high`.
3. Otherwise craving, risky situations or family conflict at 3 or 4 (of 0-4) → `moderate`.
4. Otherwise → `low`.

Family conflict sits with craving and risky situations: being bothered "considerably" (3) or
"extremely" (4) by arguments or problems getting along with family or friends is item 15 of the
Brief Addiction Monitor's Risk composite (Cacciola JS et al., J Subst Abuse Treat.
2013;44(3):256-263), and interpersonal conflict is one of the high-risk situations that most
often precede relapse in Marlatt's taxonomy (Marlatt GA. "Taxonomy of high-risk situations for
alcohol relapse". Addiction. 1996;91 Suppl:S37-49). Like them, it is a warning, not a lapse, so
it raises the level to `moderate` and never above what use or safety answers set.
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
    family_conflict: int | None = None,
) -> RiskLevel:
    if any_safety:
        return RiskLevel.critical
    if days_used:
        return RiskLevel.high
    if any((rating or 0) >= HIGH_SCALE for rating in (craving, risky_situations, family_conflict)):
        return RiskLevel.moderate
    return RiskLevel.low
