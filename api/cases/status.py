"""The case status machine (DESIGN.md §4 Cases; the table is in docs/api.md).

Every path a client really takes must be recordable: the planned route
`intake → planning → scheduled → intervention_held → in_treatment → aftercare → closed`, and
the others too. In the invitational model (ARISE) and often elsewhere, a client enters
treatment before or without a formal intervention; a client may leave treatment early and
the family prepare again; treatment may be completed before the practice heard of the
admission; a client in aftercare may relapse into treatment or back to square one.
"""

from __future__ import annotations

from api.cases.models import CaseStatus as S

# Not yet in treatment: an admission moves these to in_treatment.
BEFORE_TREATMENT: frozenset[S] = frozenset({S.intake, S.planning, S.scheduled, S.intervention_held})

_NEXT: dict[S, set[S]] = {
    S.intake: {S.planning, S.in_treatment, S.aftercare},
    S.planning: {S.scheduled, S.in_treatment, S.aftercare},
    # planning = rescheduled
    S.scheduled: {S.intervention_held, S.planning, S.in_treatment, S.aftercare},
    # planning = declined, escalate to the next level
    S.intervention_held: {S.in_treatment, S.planning, S.aftercare},
    # planning = left treatment early (or was discharged before completing it)
    S.in_treatment: {S.aftercare, S.planning},
    # in_treatment = relapse, escalation of care; planning = relapse, treatment refused
    S.aftercare: {S.in_treatment, S.planning},
    S.closed: {S.intake},  # reopen
}

# Moves back, and moves that skip the planned route, must say why.
REASON_REQUIRED: set[tuple[S, S]] = {
    (S.scheduled, S.planning),
    (S.intervention_held, S.planning),
    (S.in_treatment, S.planning),
    (S.aftercare, S.in_treatment),
    (S.aftercare, S.planning),
    (S.closed, S.intake),
    # Entered treatment before or without a formal intervention.
    (S.intake, S.in_treatment),
    (S.planning, S.in_treatment),
    (S.scheduled, S.in_treatment),
    # Completed treatment the practice never saw begin.
    *((before, S.aftercare) for before in BEFORE_TREATMENT),
}

_ORDER = list(S)


def allowed_transitions(current: S) -> list[S]:
    """Where a case in `current` may move next, in the order of the planned route; every
    open status may also close."""
    allowed = set(_NEXT[current])
    if current is not S.closed:
        allowed.add(S.closed)
    return sorted(allowed, key=_ORDER.index)


def needs_reason(current: S, to: S) -> bool:
    """A move back, or one that skips the planned route: the reason goes on the timeline."""
    return (current, to) in REASON_REQUIRED
