"""The case status machine (DESIGN.md §4 Cases)."""

from __future__ import annotations

from api.cases.models import CaseStatus as S

_NEXT: dict[S, set[S]] = {
    S.intake: {S.planning},
    S.planning: {S.scheduled},
    S.scheduled: {S.intervention_held, S.planning},  # planning = rescheduled
    S.intervention_held: {S.in_treatment, S.planning},  # planning = declined, escalate
    S.in_treatment: {S.aftercare},
    S.aftercare: {S.in_treatment},  # relapse, escalation of care
    S.closed: {S.intake},  # reopen
}

# Moves backwards must say why.
REASON_REQUIRED: set[tuple[S, S]] = {
    (S.scheduled, S.planning),
    (S.intervention_held, S.planning),
    (S.aftercare, S.in_treatment),
    (S.closed, S.intake),
}

_ORDER = list(S)


def allowed_transitions(current: S) -> list[S]:
    allowed = set(_NEXT[current])
    if current is not S.closed:
        allowed.add(S.closed)
    return sorted(allowed, key=_ORDER.index)
