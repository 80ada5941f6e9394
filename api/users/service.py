from __future__ import annotations

import uuid

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.auth.models import RefreshToken
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.pagination import keyset_page, split_page
from api.core.problems import Conflict, NotFound
from api.core.schemas import changes_of
from api.core.search import matches
from api.core.security import hash_password
from api.sync.service import record_cases_off_team
from api.users.models import Role, User
from api.users.schemas import UserCreate, UserUpdate


def email_taken(session: Session, email: str, *, except_id: uuid.UUID | None = None) -> bool:
    statement = select(col(User.id)).where(func.lower(col(User.email)) == email.lower())
    if except_id is not None:
        statement = statement.where(col(User.id) != except_id)
    return session.scalar(statement) is not None


def create_user(
    session: Session,
    organization_id: uuid.UUID,
    email: str,
    full_name: str,
    role: Role,
    password: str,
) -> User:
    if email_taken(session, email):
        raise Conflict("A user with this email already exists.")
    now = clock.now()
    user = User(
        organization_id=organization_id,
        email=email.lower(),
        full_name=full_name,
        role=role.value,
        password_hash=hash_password(password),
        created_at=now,
        updated_at=now,
    )
    session.add(user)
    session.flush()
    return user


def add_user(session: Session, admin: Staff, data: UserCreate) -> User:
    user = create_user(
        session, admin.organization_id, str(data.email), data.full_name, data.role, data.password
    )
    audit.record(session, admin.ctx, AuditAction.create, "user", user.id)
    return user


def get_user(session: Session, staff: Staff, user_id: uuid.UUID) -> User:
    user = session.get(User, user_id)
    if user is None or user.organization_id != staff.organization_id:
        raise NotFound("No user with that id in your organization.")
    return user


def list_users(
    session: Session,
    staff: Staff,
    *,
    q: str | None,
    role: Role | None,
    is_active: bool | None,
    limit: int,
    cursor: str | None,
) -> tuple[list[User], str | None]:
    statement = select(User).where(col(User.organization_id) == staff.organization_id)
    if q:
        # Admins find a colleague by name or by e-mail address (stored in lower case).
        statement = statement.where(
            or_(
                matches(col(User.search_key), q),
                col(User.email).contains(q.strip().lower(), autoescape=True),
            )
        )
    if role is not None:
        statement = statement.where(col(User.role) == role.value)
    if is_active is not None:
        statement = statement.where(col(User.is_active) == is_active)
    statement = keyset_page(
        statement, [col(User.email), col(User.id)], descending=False, limit=limit, cursor=cursor
    )
    rows = session.scalars(statement).all()
    return split_page(rows, limit, lambda u: (u.email, u.id))


def list_colleagues(
    session: Session, staff: Staff, *, q: str | None, limit: int, cursor: str | None
) -> tuple[list[User], str | None]:
    """The active staff of the caller's organization, by name then id."""
    statement = select(User).where(
        col(User.organization_id) == staff.organization_id, col(User.is_active).is_(True)
    )
    if q:
        statement = statement.where(matches(col(User.search_key), q))
    statement = keyset_page(
        statement, [col(User.full_name), col(User.id)], descending=False, limit=limit, cursor=cursor
    )
    rows = session.scalars(statement).all()
    return split_page(rows, limit, lambda u: (u.full_name, u.id))


def update_user(session: Session, admin: Staff, user: User, data: UserUpdate) -> User:
    changes = changes_of(data, required=("email", "full_name", "role", "is_active"))
    if user.id == admin.id and (
        changes.get("is_active") is False or changes.get("role", Role.admin) != Role.admin
    ):
        raise Conflict("You cannot remove your own admin access; ask another admin.")
    if "email" in changes:
        changes["email"] = str(changes["email"]).lower()
        if email_taken(session, changes["email"], except_id=user.id):
            raise Conflict("A user with this email already exists.")
    if "role" in changes:
        changes["role"] = Role(changes["role"]).value
        if changes["role"] == Role.interventionist.value and user.role != changes["role"]:
            # No longer sees every case: the cases off their teams leave their devices.
            record_cases_off_team(session, user.organization_id, user.id)
    for field, value in changes.items():
        setattr(user, field, value)
    if changes.get("is_active") is False:
        end_sessions(session, user)
    user.updated_at = clock.now()
    session.flush()
    audit.record(session, admin.ctx, AuditAction.update, "user", user.id)
    return user


def end_sessions(session: Session, user: User, *, keep_family: uuid.UUID | None = None) -> None:
    """Revokes every refresh token of the user and invalidates their access tokens."""
    statement = update(RefreshToken).where(
        col(RefreshToken.principal_id) == user.id,
        col(RefreshToken.revoked_at).is_(None),
    )
    if keep_family is not None:
        statement = statement.where(col(RefreshToken.family_id) != keep_family)
    session.execute(statement.values(revoked_at=clock.now()))
    user.session_epoch += 1
