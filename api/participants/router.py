from __future__ import annotations

import uuid

from fastapi import APIRouter, Response, status

from api.auth.dependencies import CurrentStaff
from api.cases.dependencies import VisibleCase
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.participants import service
from api.participants.schemas import (
    ParticipantCreate,
    ParticipantPage,
    ParticipantRead,
    ParticipantUpdate,
)
from api.sync.dependencies import UpdatedSince
from api.sync.models import SyncResource
from api.sync.service import removed_in_case

router = APIRouter(tags=["participants"], route_class=TransactionalRoute)


@router.get(
    "/cases/{case_id}/participants",
    operation_id="list_participants",
    summary="The people taking part in the intervention, in the order they were added",
    response_model=ParticipantPage,
    responses=responses(401, 404, 410),
)
def list_participants(
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    updated_since: UpdatedSince,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ParticipantPage:
    participants, next_cursor = service.list_participants(
        session, staff, case, updated_since=updated_since, limit=limit, cursor=cursor
    )
    return ParticipantPage(
        items=[ParticipantRead.model_validate(p) for p in participants],
        next_cursor=next_cursor,
        removed_ids=removed_in_case(session, case, SyncResource.participant, updated_since),
    )


@router.post(
    "/cases/{case_id}/participants",
    operation_id="create_participant",
    summary="Add a participant (family, friend, coworker …) to the case",
    status_code=status.HTTP_201_CREATED,
    response_model=ParticipantRead,
    responses=responses(401, 404, 409),
)
def create_participant(
    body: ParticipantCreate,
    case: VisibleCase,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
) -> ParticipantRead:
    participant = service.add_participant(session, staff, case, body)
    response.headers["ETag"] = etag_for(participant.version)
    response.headers["Location"] = f"/api/v1/participants/{participant.id}"
    return ParticipantRead.model_validate(participant)


@router.get(
    "/participants/{participant_id}",
    operation_id="get_participant",
    summary="One participant, with their letter and bottom line",
    response_model=ParticipantRead,
    responses=responses(401, 404),
)
def get_participant(
    participant_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, response: Response
) -> ParticipantRead:
    participant = service.load_participant(session, staff, participant_id)
    response.headers["ETag"] = etag_for(participant.version)
    return ParticipantRead.model_validate(service.read_participant(session, staff, participant))


@router.patch(
    "/participants/{participant_id}",
    operation_id="update_participant",
    summary="Change a participant (honours If-Match)",
    response_model=ParticipantRead,
    responses=responses(401, 404, 412),
)
def update_participant(
    participant_id: uuid.UUID,
    body: ParticipantUpdate,
    staff: CurrentStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> ParticipantRead:
    participant = service.load_participant(session, staff, participant_id)
    check_if_match(if_match, participant.version)
    participant = service.update_participant(session, staff, participant, body)
    response.headers["ETag"] = etag_for(participant.version)
    return ParticipantRead.model_validate(participant)


@router.delete(
    "/participants/{participant_id}",
    operation_id="delete_participant",
    summary="Remove a participant who is no longer in the plan or assigned open tasks",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(401, 404, 409, 412),
)
def delete_participant(
    participant_id: uuid.UUID, staff: CurrentStaff, session: SessionDep, if_match: IfMatch = None
) -> None:
    participant = service.load_participant(session, staff, participant_id)
    check_if_match(if_match, participant.version)
    service.remove_participant(session, staff, participant)
