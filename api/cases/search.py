"""The caseload search (`GET /cases?q=`): a case is found by its client's names and
reference, and by the names and phone numbers of its participants, because the
person who calls is often the spouse or parent (issue #14 §14).

Both sides use the same normalised search keys (api.core.search), so "555-0142",
"(555) 555 0142" and "Grace O'Brien" / "grace obrien" find the same rows on
SQLite and PostgreSQL.
"""

from __future__ import annotations

import uuid

from sqlalchemy import exists, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from api.cases.models import Case
from api.cases.schemas import ParticipantMatch
from api.core.search import matches
from api.participants.models import Participant


def case_matches(q: str) -> ColumnElement[bool]:
    """Cases whose client or any participant matches `q` (a correlated EXISTS)."""
    participant = exists().where(
        col(Participant.case_id) == col(Case.id), matches(col(Participant.search_key), q)
    )
    return or_(matches(col(Case.search_key), q), participant)


def participant_matches(
    session: Session, case_ids: list[uuid.UUID], q: str
) -> dict[uuid.UUID, list[ParticipantMatch]]:
    """The participants of each listed case that `q` found, by name; one query."""
    found: dict[uuid.UUID, list[ParticipantMatch]] = {case_id: [] for case_id in case_ids}
    if not case_ids:
        return found
    rows = session.execute(
        select(
            col(Participant.case_id),
            col(Participant.id),
            col(Participant.full_name),
            col(Participant.relationship),
        )
        .where(col(Participant.case_id).in_(case_ids), matches(col(Participant.search_key), q))
        .order_by(col(Participant.full_name), col(Participant.id))
    ).all()
    for case_id, participant_id, full_name, relationship in rows:
        found[case_id].append(
            ParticipantMatch(id=participant_id, full_name=full_name, relationship=relationship)
        )
    return found
