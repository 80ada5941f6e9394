"""Small factories: organisations and staff straight into the database, tokens minted
directly (signing in through the API is tested in tests/auth)."""

from __future__ import annotations

import itertools
from functools import lru_cache
from typing import Any

from sqlalchemy.orm import Session

from api.auth.schemas import TokenPair
from api.auth.service import staff_session
from api.core import clock
from api.core.config import Settings
from api.core.security import hash_password
from api.organizations.models import Organization
from api.users.models import Role, User

PASSWORD = "correct horse battery staple"
_counter = itertools.count(1)


@lru_cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


class Factory:
    def __init__(self, session: Session, settings: Settings) -> None:
        self.session = session
        self.settings = settings

    def organization(self, name: str | None = None) -> Organization:
        org = Organization(name=name or f"Practice {next(_counter)}", created_at=clock.now())
        self.session.add(org)
        self.session.commit()
        return org

    def user(
        self,
        organization: Organization,
        role: Role = Role.interventionist,
        *,
        email: str | None = None,
        full_name: str | None = None,
        is_active: bool = True,
    ) -> User:
        n = next(_counter)
        now = clock.now()
        user = User(
            organization_id=organization.id,
            email=email or f"{role.value}{n}@example.org",
            full_name=full_name or f"{role.value.title()} {n}",
            role=role.value,
            is_active=is_active,
            password_hash=_password_hash(),
            created_at=now,
            updated_at=now,
        )
        self.session.add(user)
        self.session.commit()
        return user

    def signed_in(self, user: User) -> TokenPair:
        """A fresh sign-in session of the user (a refresh-token family, as the password
        grant makes): its access token carries the session id (`sid`)."""
        tokens = staff_session(self.session, self.settings, user)
        self.session.commit()
        return tokens

    def headers(self, user: User, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.signed_in(user).access_token}", **extra}


def case_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "client": {"first_name": "Daniel", "last_name": "Okafor", "preferred_name": "Danny"},
        "primary_substance": "alcohol",
        "substances": ["alcohol", "benzodiazepines"],
        "risk_flags": ["medical_detox_needed"],
        "intervention_model": "arise",
        "summary": "Sister called after a second DUI.",
    }
    body.update(overrides)
    return body
