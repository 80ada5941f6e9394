"""Ids that a request body carries, checked in one place.

Every id in a body (a participant in a plan's speaking order, a goal a check-in
measures, the treatment center of a referral, a task's assignee, …) must name
something the caller may point at: a participant, goal or consent *of this
case*, or a treatment center or active staff member *of this organisation*.
Anything else, another organisation's row or an id that exists nowhere, answers
422 `validation-error` with one `errors[]` entry per wrong id whose `loc` is the
body path (`["body", "treatment_options", 0, "treatment_center_id"]`). The same
answer for a foreign and a random id, so the answer tells nothing about other
organisations. Source: docs/security.md ("Ids in request bodies").

    require_references(session, case=case, refs=[
        Ref(PARTICIPANT, participant_id, ("body", "speaking_order", 0)),
        Ref(TREATMENT_CENTER, center_id, ("body", "treatment_options", 0, "treatment_center_id")),
    ], detail="The plan names things that are not of this case.")

One query per kind of id, whatever the number of ids.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session
from sqlmodel import SQLModel, col

from api.consents.models import Consent
from api.core.problems import FieldError, UnprocessableContent
from api.goals.models import Goal
from api.participants.models import Participant
from api.treatment_centers.models import TreatmentCenter
from api.users.models import User


@dataclass(frozen=True, eq=False)  # compared by identity: `where` holds SQL expressions
class Kind:
    """What an id must name: rows of `model` in the caller's case or organization."""

    model: type[SQLModel]
    scope: Literal["case", "organization"]
    msg: str
    where: tuple[ColumnElement[bool], ...] = field(default=())

    def narrowed(self, msg: str, *where: ColumnElement[bool]) -> Kind:
        """The same kind with further conditions (a portal user's own goals only)."""
        return replace(self, msg=msg, where=(*self.where, *where))


PARTICIPANT = Kind(Participant, "case", "not a participant of this case")
GOAL = Kind(Goal, "case", "not a goal of this case")
CONSENT = Kind(Consent, "case", "not a consent of this case")
TREATMENT_CENTER = Kind(TreatmentCenter, "organization", "not in your directory")
STAFF = Kind(
    User,
    "organization",
    "not an active staff member of your organization",
    (col(User.is_active).is_(True),),
)


@dataclass(frozen=True)
class Ref:
    """One id of a body, with its location (`("body", "assignee", "user_id")`)."""

    kind: Kind
    id: uuid.UUID | None
    loc: tuple[str | int, ...]


def require_references(
    session: Session,
    *,
    organization_id: uuid.UUID,
    case_id: uuid.UUID | None = None,
    refs: Iterable[Ref],
    detail: str,
) -> None:
    """Raises UnprocessableContent (422) listing every ref that does not name a row of its
    kind in this case (`case_id`; required for case kinds) or organisation. `None` ids are
    skipped (an optional field left empty)."""
    wanted = [ref for ref in refs if ref.id is not None]
    by_kind: dict[Kind, set[uuid.UUID]] = {}
    for ref in wanted:
        assert ref.id is not None
        by_kind.setdefault(ref.kind, set()).add(ref.id)
    found: dict[Kind, set[uuid.UUID]] = {
        kind: _existing(session, kind, ids, organization_id, case_id)
        for kind, ids in by_kind.items()
    }
    errors = [
        FieldError(loc=list(ref.loc), msg=ref.kind.msg, type="value_error")
        for ref in wanted
        if ref.id not in found[ref.kind]
    ]
    if errors:
        raise UnprocessableContent(detail, errors=errors)


def _existing(
    session: Session,
    kind: Kind,
    ids: set[uuid.UUID],
    organization_id: uuid.UUID,
    case_id: uuid.UUID | None,
) -> set[uuid.UUID]:
    model: Any = kind.model
    if kind.scope == "case":
        if case_id is None:
            raise ValueError(f"{model.__name__} ids are checked against a case")
        scope = col(model.case_id) == case_id
    else:
        scope = col(model.organization_id) == organization_id
    return set(
        session.scalars(select(col(model.id)).where(col(model.id).in_(ids), scope, *kind.where))
    )
