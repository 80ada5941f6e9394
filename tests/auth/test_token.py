"""POST /auth/token: the password grant and the refresh-token grant."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core import clock
from api.core.audit import AuditEvent
from api.users.models import Role
from tests.factories import PASSWORD, Factory

TOKEN = "/api/v1/auth/token"
ME = "/api/v1/auth/me"
PROBLEM = "application/problem+json"


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> Response:
    return client.post(
        TOKEN, data={"grant_type": "password", "username": email, "password": password}
    )


def refresh(client: TestClient, refresh_token: str) -> Response:
    return client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": refresh_token})


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def audit_events(db: Session, action: str) -> list[AuditEvent]:
    db.expire_all()
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)).all())


# --- password grant ---------------------------------------------------------------


def test_a_counsellor_signs_in_with_email_and_password(client: TestClient, make: Factory) -> None:
    org = make.organization()
    maya = make.user(org, Role.interventionist, email="maya@hillside.example")

    response = sign_in(client, "maya@hillside.example")

    assert response.status_code == 200, response.text
    tokens = response.json()
    assert tokens["token_type"] == "bearer"
    assert tokens["expires_in"] == 15 * 60
    assert tokens["access_token"].count(".") == 2
    assert len(tokens["refresh_token"]) >= 32
    me = client.get(ME, headers=bearer(tokens["access_token"]))
    assert me.status_code == 200
    assert me.json()["id"] == str(maya.id)


def test_sign_in_ignores_the_case_of_the_email(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")

    assert sign_in(client, "Maya@Hillside.Example").status_code == 200


def test_a_wrong_password_is_refused_with_a_problem(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")

    response = sign_in(client, "maya@hillside.example", "not the password")

    assert response.status_code == 401
    assert response.headers["content-type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/invalid-credentials"
    assert problem["status"] == 401
    assert "access_token" not in problem


def test_an_unknown_email_is_indistinguishable_from_a_wrong_password(
    client: TestClient, make: Factory
) -> None:
    make.user(make.organization(), email="maya@hillside.example")

    wrong_password = sign_in(client, "maya@hillside.example", "not the password")
    unknown_email = sign_in(client, "nobody@hillside.example", "not the password")

    assert unknown_email.status_code == wrong_password.status_code == 401
    assert unknown_email.json() == wrong_password.json()
    assert unknown_email.headers["content-type"] == wrong_password.headers["content-type"]


def test_a_deactivated_account_cannot_sign_in_even_with_the_right_password(
    client: TestClient, make: Factory
) -> None:
    make.user(make.organization(), email="former@hillside.example", is_active=False)
    make.user(make.organization(), email="maya@hillside.example")

    inactive = sign_in(client, "former@hillside.example")
    wrong_password = sign_in(client, "maya@hillside.example", "not the password")

    assert inactive.status_code == 401
    assert inactive.json() == wrong_password.json()


@pytest.mark.parametrize(
    "form",
    [
        pytest.param({"grant_type": "password", "password": PASSWORD}, id="no-username"),
        pytest.param({"grant_type": "password", "username": "maya@hillside.example"}, id="no-pw"),
        pytest.param({"username": "maya@hillside.example", "password": PASSWORD}, id="no-grant"),
        pytest.param(
            {
                "grant_type": "authorization_code",
                "username": "maya@hillside.example",
                "password": PASSWORD,
            },
            id="unsupported-grant",
        ),
        pytest.param(
            {
                "grant_type": "password",
                "username": "maya@hillside.example",
                "password": PASSWORD,
                "is_admin": "true",
            },
            id="unknown-field",
        ),
        pytest.param({"grant_type": "refresh_token"}, id="refresh-without-token"),
    ],
)
def test_malformed_token_requests_are_rejected_without_signing_in(
    client: TestClient, make: Factory, form: dict[str, str]
) -> None:
    make.user(make.organization(), email="maya@hillside.example")

    response = client.post(TOKEN, data=form)

    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["type"] == "/api/v1/problems/validation-error"
    assert "access_token" not in response.json()


def test_the_token_endpoint_takes_a_form_not_json(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")

    response = client.post(
        TOKEN,
        json={"grant_type": "password", "username": "maya@hillside.example", "password": PASSWORD},
    )

    assert response.status_code == 422


def test_a_sign_in_is_audited_with_who_and_from_where(
    client: TestClient, make: Factory, db: Session
) -> None:
    org = make.organization()
    maya = make.user(org, email="maya@hillside.example")

    response = client.post(
        TOKEN,
        data={"grant_type": "password", "username": "maya@hillside.example", "password": PASSWORD},
        headers={"User-Agent": "CairnMobile/2.1", "X-Request-ID": "req-login-1"},
    )

    assert response.status_code == 200
    (event,) = audit_events(db, "login")
    assert event.actor_type == "staff"
    assert event.actor_id == maya.id
    assert event.organization_id == org.id
    assert event.ip == "testclient"
    assert event.user_agent == "CairnMobile/2.1"
    assert event.request_id == "req-login-1"
    assert audit_events(db, "login_failed") == []


def test_failed_sign_ins_are_audited_even_though_the_request_fails(
    client: TestClient, make: Factory, db: Session
) -> None:
    org = make.organization()
    maya = make.user(org, email="maya@hillside.example")

    assert sign_in(client, "maya@hillside.example", "not the password").status_code == 401
    assert sign_in(client, "nobody@hillside.example", "whatever it is").status_code == 401

    failures = audit_events(db, "login_failed")
    assert len(failures) == 2
    known = next(e for e in failures if e.actor_id is not None)
    assert known.actor_id == maya.id
    assert known.organization_id == org.id
    unknown = next(e for e in failures if e.actor_id is None)
    assert unknown.actor_type == "anonymous"
    assert unknown.organization_id is None
    assert all(e.ip == "testclient" for e in failures)
    assert audit_events(db, "login") == []


# --- refresh grant ----------------------------------------------------------------


def test_a_refresh_token_rotates_and_the_old_one_is_spent(
    client: TestClient, make: Factory
) -> None:
    maya = make.user(make.organization(), email="maya@hillside.example")
    first = sign_in(client, "maya@hillside.example").json()

    rotated = refresh(client, first["refresh_token"])

    assert rotated.status_code == 200, rotated.text
    second = rotated.json()
    assert second["refresh_token"] != first["refresh_token"]
    assert second["access_token"] != first["access_token"]
    assert second["expires_in"] == 15 * 60
    assert client.get(ME, headers=bearer(second["access_token"])).json()["id"] == str(maya.id)
    assert refresh(client, second["refresh_token"]).status_code == 200


def test_a_reused_refresh_token_ends_the_whole_session(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    stolen = sign_in(client, "maya@hillside.example").json()["refresh_token"]
    legitimate = refresh(client, stolen).json()["refresh_token"]

    replay = refresh(client, stolen)

    assert replay.status_code == 401
    assert replay.headers["content-type"] == PROBLEM
    assert replay.json()["type"] == "/api/v1/problems/invalid-grant"
    # The newer token of the same session no longer works either.
    after = refresh(client, legitimate)
    assert after.status_code == 401
    assert after.json()["type"] == "/api/v1/problems/invalid-grant"


def test_reuse_only_ends_the_session_it_belongs_to(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    phone = sign_in(client, "maya@hillside.example").json()["refresh_token"]
    laptop = sign_in(client, "maya@hillside.example").json()["refresh_token"]
    refresh(client, phone)

    assert refresh(client, phone).status_code == 401

    assert refresh(client, laptop).status_code == 200


def test_a_refresh_token_expires_after_the_configured_days(
    client: TestClient, make: Factory
) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    signed_in_at = datetime.now(UTC)
    with clock.frozen_at(signed_in_at):
        tokens = sign_in(client, "maya@hillside.example").json()
        still_valid = sign_in(client, "maya@hillside.example").json()

    with clock.frozen_at(signed_in_at + timedelta(days=13)):
        assert refresh(client, still_valid["refresh_token"]).status_code == 200

    with clock.frozen_at(signed_in_at + timedelta(days=14, seconds=1)):
        expired = refresh(client, tokens["refresh_token"])

    assert expired.status_code == 401
    assert expired.json()["type"] == "/api/v1/problems/invalid-grant"


def test_an_unknown_refresh_token_is_refused(client: TestClient) -> None:
    response = refresh(client, "made-up-refresh-token")

    assert response.status_code == 401
    assert response.json()["type"] == "/api/v1/problems/invalid-grant"


def test_a_deactivated_user_cannot_refresh(client: TestClient, make: Factory, db: Session) -> None:
    maya = make.user(make.organization(), email="maya@hillside.example")
    tokens = sign_in(client, "maya@hillside.example").json()
    maya.is_active = False
    db.commit()

    response = refresh(client, tokens["refresh_token"])

    assert response.status_code == 401
    assert response.json()["type"] == "/api/v1/problems/invalid-grant"
