from __future__ import annotations

from email_validator import EmailNotValidError, validate_email

from api.core.db import SessionFactory
from api.organizations.service import get_or_create
from api.users.models import Role
from api.users.schemas import PASSWORD_MAX, PASSWORD_MIN
from api.users.service import create_user, email_taken


def create_admin(
    factory: SessionFactory, organization: str, email: str, password: str, full_name: str
) -> str:
    try:
        email = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise ValueError(f"invalid email: {exc}") from exc
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise ValueError(f"the password needs {PASSWORD_MIN} to {PASSWORD_MAX} characters")
    with factory() as session:
        if email_taken(session, email):
            raise ValueError(f"a user with email {email} already exists")
        org, created = get_or_create(session, organization)
        create_user(
            session, org.id, email, full_name.strip() or "Administrator", Role.admin, password
        )
        session.commit()
    where = "new organization" if created else "existing organization"
    return f"Created admin {email} in {where} {org.name!r}."
