from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Response, status

from api.auth.dependencies import AdminStaff, CurrentStaff
from api.core.etag import IfMatch, check_if_match, etag_for
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.users import service
from api.users.models import Role
from api.users.schemas import (
    ColleaguePage,
    ColleagueRead,
    UserCreate,
    UserPage,
    UserRead,
    UserUpdate,
)

router = APIRouter(prefix="/users", tags=["users"], route_class=TransactionalRoute)
# Not under /users/: "/users/directory" would also match PATCH /users/{user_id}.
colleagues_router = APIRouter(tags=["users"], route_class=TransactionalRoute)


@colleagues_router.get(
    "/colleagues",
    operation_id="list_colleagues",
    summary="The active colleagues of my organization (any staff)",
    response_model=ColleaguePage,
    responses=responses(400, 401, 403),
)
def list_colleagues(
    staff: CurrentStaff,
    session: SessionDep,
    q: str | None = Query(default=None, max_length=200, description="Name contains"),
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ColleaguePage:
    """Every staff member may list active colleagues, by name, to build a case team or
    assign a task: id, full name and role only. The full records are `GET /users` (admin)."""
    users, next_cursor = service.list_colleagues(session, staff, q=q, limit=limit, cursor=cursor)
    return ColleaguePage(
        items=[ColleagueRead.model_validate(u) for u in users], next_cursor=next_cursor
    )


@router.get(
    "",
    operation_id="list_users",
    summary="List the staff of my organization (admin)",
    response_model=UserPage,
    responses=responses(400, 401, 403),
)
def list_users(
    staff: AdminStaff,
    session: SessionDep,
    q: str | None = Query(default=None, max_length=200, description="Name or email contains"),
    role: Role | None = None,
    is_active: bool | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> UserPage:
    """The full staff records (email, active flag) are for admins; everyone else uses
    `GET /colleagues`."""
    users, next_cursor = service.list_users(
        session, staff, q=q, role=role, is_active=is_active, limit=limit, cursor=cursor
    )
    return UserPage(items=[UserRead.model_validate(u) for u in users], next_cursor=next_cursor)


@router.post(
    "",
    operation_id="create_user",
    summary="Add a staff member (admin)",
    status_code=status.HTTP_201_CREATED,
    response_model=UserRead,
    responses=responses(401, 403, 409),
)
def create_user(
    body: UserCreate, admin: AdminStaff, session: SessionDep, response: Response
) -> UserRead:
    user = service.add_user(session, admin, body)
    response.headers["ETag"] = etag_for(user.version)
    response.headers["Location"] = f"/api/v1/users/{user.id}"
    return UserRead.model_validate(user)


@router.get(
    "/{user_id}",
    operation_id="get_user",
    summary="One staff member (admin)",
    response_model=UserRead,
    responses=responses(401, 403, 404),
)
def get_user(
    user_id: uuid.UUID, staff: AdminStaff, session: SessionDep, response: Response
) -> UserRead:
    user = service.get_user(session, staff, user_id)
    response.headers["ETag"] = etag_for(user.version)
    return UserRead.model_validate(user)


@router.patch(
    "/{user_id}",
    operation_id="update_user",
    summary="Change a staff member's name, email, role or active flag (admin)",
    response_model=UserRead,
    responses=responses(401, 403, 404, 409, 412),
)
def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    admin: AdminStaff,
    session: SessionDep,
    response: Response,
    if_match: IfMatch = None,
) -> UserRead:
    user = service.get_user(session, admin, user_id)
    check_if_match(if_match, user.version)
    user = service.update_user(session, admin, user, body)
    response.headers["ETag"] = etag_for(user.version)
    return UserRead.model_validate(user)
