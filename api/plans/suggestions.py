"""What each model suggests after an intervention the client declined or walked out of."""

from __future__ import annotations

from api.plans.models import DeliveryResult

_AFTER_REFUSAL = {
    "arise": (
        "ARISE: move to the next level. After Level 1 (the first call), hold Level 2 network "
        "meetings with the whole support network; after Level 2, plan a Level 3 formal "
        "intervention with the consequences the network has agreed. Keep inviting, never ambush."
    ),
    "craft": (
        "CRAFT: keep coaching the family member. Review the functional analysis, keep rewarding "
        "sober behavior and allowing natural consequences, and watch for the next window of "
        "opportunity to invite the loved one to treatment."
    ),
    "systemic_family": (
        "Systemic Family Intervention: the family keeps its own recovery work going. Meet again "
        "as a family, follow the escalation agreement, and hold the boundaries agreed in advance."
    ),
}
_DEFAULT = (
    "Return the case to planning. Each participant follows through with the bottom line they "
    "committed to, the treatment bed is released or held as agreed, and the team considers "
    "escalating: another intervention, or a higher level of care. Keep supporting the family."
)


def next_step_suggestion(model: str, result: DeliveryResult | None) -> str | None:
    if result not in (DeliveryResult.declined, DeliveryResult.walked_out):
        return None
    return _AFTER_REFUSAL.get(model, _DEFAULT)
