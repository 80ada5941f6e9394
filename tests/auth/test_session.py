"""A signed-in session: /auth/me, logout, password change, and access tokens that
must not be accepted."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from jose import jwt
from sqlalchemy.orm import Session

from api.core import clock
from api.core.config import Settings
from api.users.models import Role, User
from tests.factories import PASSWORD, Factory

TOKEN = "/api/v1/auth/token"
ME = "/api/v1/auth/me"
LOGOUT = "/api/v1/auth/logout"
PASSWORD_CHANGE = "/api/v1/auth/password"
PROBLEM = "application/problem+json"
NEW_PASSWORD = "a brand new passphrase"


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> Response:
    return client.post(
        TOKEN, data={"grant_type": "password", "username": email, "password": password}
    )


def refresh(client: TestClient, refresh_token: str) -> Response:
    return client.post(TOKEN, data={"grant_type": "refresh_token", "refresh_token": refresh_token})


def bearer(access_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {access_token}"}


def assert_not_signed_in(response: Response) -> None:
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == PROBLEM
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["type"] == "/api/v1/problems/invalid-token"


# --- /auth/me ---------------------------------------------------------------------


def test_me_tells_a_staff_member_who_they_are(client: TestClient, make: Factory) -> None:
    org = make.organization("Hillside Recovery Partners")
    maya = make.user(org, Role.supervisor, email="maya@hillside.example", full_name="Maya Brandt")

    response = client.get(ME, headers=make.headers(maya))

    assert response.status_code == 200
    assert response.json() == {
        "id": str(maya.id),
        "kind": "staff",
        "email": "maya@hillside.example",
        "full_name": "Maya Brandt",
        "role": "supervisor",
        "organization": {
            "id": str(org.id),
            "name": "Hillside Recovery Partners",
            "time_zone": "America/New_York",
        },
    }


# --- logout -----------------------------------------------------------------------


def test_logout_ends_the_session(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    tokens = sign_in(client, "maya@hillside.example").json()
    later = refresh(client, tokens["refresh_token"]).json()

    response = client.post(
        LOGOUT,
        json={"refresh_token": later["refresh_token"]},
        headers=bearer(later["access_token"]),
    )

    assert response.status_code == 204
    assert response.content == b""
    assert refresh(client, later["refresh_token"]).status_code == 401


def test_logout_leaves_my_other_devices_signed_in(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    phone = sign_in(client, "maya@hillside.example").json()
    laptop = sign_in(client, "maya@hillside.example").json()

    client.post(
        LOGOUT,
        json={"refresh_token": phone["refresh_token"]},
        headers=bearer(phone["access_token"]),
    )

    assert refresh(client, laptop["refresh_token"]).status_code == 200


def test_logout_ends_that_sessions_access_token_at_once(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    phone = sign_in(client, "maya@hillside.example").json()
    laptop = sign_in(client, "maya@hillside.example").json()
    assert client.get(ME, headers=bearer(phone["access_token"])).status_code == 200

    client.post(LOGOUT, json={"refresh_token": phone["refresh_token"]})

    assert_not_signed_in(client.get(ME, headers=bearer(phone["access_token"])))
    assert_not_signed_in(client.get("/api/v1/cases", headers=bearer(phone["access_token"])))
    assert client.get(ME, headers=bearer(laptop["access_token"])).status_code == 200


def test_logout_ends_access_tokens_issued_earlier_in_the_session(
    client: TestClient, make: Factory
) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    first = sign_in(client, "maya@hillside.example").json()
    rotated = refresh(client, first["refresh_token"]).json()

    client.post(LOGOUT, json={"refresh_token": rotated["refresh_token"]})

    assert_not_signed_in(client.get(ME, headers=bearer(first["access_token"])))
    assert_not_signed_in(client.get(ME, headers=bearer(rotated["access_token"])))


def test_a_reused_refresh_token_ends_the_sessions_access_tokens(
    client: TestClient, make: Factory
) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    first = sign_in(client, "maya@hillside.example").json()
    rotated = refresh(client, first["refresh_token"]).json()

    assert refresh(client, first["refresh_token"]).status_code == 401  # a copy came back

    assert_not_signed_in(client.get(ME, headers=bearer(rotated["access_token"])))


def test_signing_out_works_with_the_refresh_token_alone(client: TestClient, make: Factory) -> None:
    # The access token may already have expired when the user signs out; the
    # refresh token is itself the credential for ending its own session.
    make.user(make.organization(), email="maya@hillside.example")
    tokens = sign_in(client, "maya@hillside.example").json()

    response = client.post(LOGOUT, json={"refresh_token": tokens["refresh_token"]})

    assert response.status_code == 204
    assert refresh(client, tokens["refresh_token"]).status_code == 401


def test_signing_out_an_unknown_token_reveals_nothing(client: TestClient) -> None:
    response = client.post(LOGOUT, json={"refresh_token": "not-a-token-we-issued"})

    assert response.status_code == 204


def test_logout_without_a_refresh_token_is_invalid(client: TestClient, make: Factory) -> None:
    maya = make.user(make.organization())

    response = client.post(LOGOUT, json={}, headers=make.headers(maya))

    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "refresh_token"]


# --- password change --------------------------------------------------------------


def change_password(client: TestClient, access_token: str, current: str, new: str) -> Response:
    return client.post(
        PASSWORD_CHANGE,
        json={"current_password": current, "new_password": new},
        headers=bearer(access_token),
    )


def test_changing_my_password_ends_old_sessions_and_keeps_me_signed_in(
    client: TestClient, make: Factory
) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    old = sign_in(client, "maya@hillside.example").json()
    other_device = sign_in(client, "maya@hillside.example").json()

    response = change_password(client, old["access_token"], PASSWORD, NEW_PASSWORD)

    assert response.status_code == 200, response.text
    new = response.json()
    assert new["token_type"] == "bearer"
    assert client.get(ME, headers=bearer(new["access_token"])).status_code == 200
    assert refresh(client, new["refresh_token"]).status_code == 200
    # Every earlier session is over, on this device and on others.
    assert_not_signed_in(client.get(ME, headers=bearer(old["access_token"])))
    assert_not_signed_in(client.get(ME, headers=bearer(other_device["access_token"])))
    assert refresh(client, old["refresh_token"]).status_code == 401
    assert refresh(client, other_device["refresh_token"]).status_code == 401


def test_after_a_password_change_only_the_new_password_signs_in(
    client: TestClient, make: Factory
) -> None:
    maya = make.user(make.organization(), email="maya@hillside.example")

    change_password(client, make.headers(maya)["Authorization"][7:], PASSWORD, NEW_PASSWORD)

    assert sign_in(client, "maya@hillside.example", NEW_PASSWORD).status_code == 200
    assert sign_in(client, "maya@hillside.example", PASSWORD).status_code == 401


def test_a_wrong_current_password_changes_nothing(client: TestClient, make: Factory) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    tokens = sign_in(client, "maya@hillside.example").json()

    response = change_password(client, tokens["access_token"], "not my password", NEW_PASSWORD)

    assert response.status_code == 401
    assert response.json()["type"] == "/api/v1/problems/invalid-credentials"
    assert client.get(ME, headers=bearer(tokens["access_token"])).status_code == 200
    assert sign_in(client, "maya@hillside.example", PASSWORD).status_code == 200
    assert sign_in(client, "maya@hillside.example", NEW_PASSWORD).status_code == 401


@pytest.mark.parametrize(
    ("body", "field"),
    [
        pytest.param(
            {"current_password": PASSWORD, "new_password": "short"}, "new_password", id="too-short"
        ),
        pytest.param(
            {"current_password": PASSWORD, "new_password": "x" * 257}, "new_password", id="too-long"
        ),
        pytest.param({"new_password": NEW_PASSWORD}, "current_password", id="no-current"),
        pytest.param(
            {"current_password": PASSWORD, "new_password": NEW_PASSWORD, "session_epoch": 0},
            "session_epoch",
            id="unknown-field",
        ),
    ],
)
def test_a_password_change_with_bad_input_is_rejected(
    client: TestClient, make: Factory, body: dict[str, Any], field: str
) -> None:
    make.user(make.organization(), email="maya@hillside.example")
    tokens = sign_in(client, "maya@hillside.example").json()

    response = client.post(PASSWORD_CHANGE, json=body, headers=bearer(tokens["access_token"]))

    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert ["body", field] in [e["loc"] for e in response.json()["errors"]]
    assert sign_in(client, "maya@hillside.example", PASSWORD).status_code == 200


def test_changing_a_password_needs_a_signed_in_user(client: TestClient) -> None:
    response = client.post(
        PASSWORD_CHANGE, json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )

    assert_not_signed_in(response)


# --- access tokens that must not be accepted --------------------------------------


def live_session(make: Factory, user: User) -> str:
    """The id of a new, live sign-in session of the user (the `sid` claim)."""
    return str(jwt.get_unverified_claims(make.signed_in(user).access_token)["sid"])


def claims_for(
    user: User, settings: Settings, sid: str | None = None, **overrides: Any
) -> dict[str, Any]:
    now = clock.now()
    claims: dict[str, Any] = {
        "iss": settings.jwt_issuer,
        "aud": settings.jwt_audience,
        "sub": str(user.id),
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=15)).timestamp()),
        "kind": "staff",
        "org": str(user.organization_id),
        "epoch": user.session_epoch,
        "sid": sid,
    }
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def test_a_well_formed_token_built_here_is_accepted(
    client: TestClient, make: Factory, settings: Settings
) -> None:
    """Guards the forgeries below: they fail for the one thing each one changes."""
    maya = make.user(make.organization())
    claims = claims_for(maya, settings, live_session(make, maya))
    token = jwt.encode(claims, settings.secret_key, algorithm="HS256")

    assert client.get(ME, headers=bearer(token)).status_code == 200


def test_an_unsigned_alg_none_token_is_refused(
    client: TestClient, make: Factory, settings: Settings
) -> None:
    maya = make.user(make.organization())
    sid = live_session(make, maya)
    for alg in ("none", "None", "NONE"):
        token = f"{b64url({'alg': alg, 'typ': 'JWT'})}.{b64url(claims_for(maya, settings, sid))}."
        assert_not_signed_in(client.get(ME, headers=bearer(token)))


def test_a_token_signed_with_another_key_is_refused(
    client: TestClient, make: Factory, settings: Settings
) -> None:
    maya = make.user(make.organization())
    token = jwt.encode(
        claims_for(maya, settings, live_session(make, maya)),
        "some-other-secret-" + "y" * 40,
        "HS256",
    )

    assert_not_signed_in(client.get(ME, headers=bearer(token)))


def test_a_token_with_an_algorithm_outside_the_list_is_refused(
    client: TestClient, make: Factory, settings: Settings
) -> None:
    maya = make.user(make.organization())
    claims = claims_for(maya, settings, live_session(make, maya))
    token = jwt.encode(claims, settings.secret_key, algorithm="HS512")

    assert_not_signed_in(client.get(ME, headers=bearer(token)))


def test_a_tampered_token_is_refused(client: TestClient, make: Factory, settings: Settings) -> None:
    maya = make.user(make.organization(), Role.interventionist)
    admin = make.user(make.organization(), Role.admin)
    header, _, signature = make.headers(maya)["Authorization"][7:].split(".")
    payload = b64url(claims_for(admin, settings, live_session(make, admin)))

    assert_not_signed_in(client.get(ME, headers=bearer(f"{header}.{payload}.{signature}")))


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"aud": "some-other-api"}, id="wrong-audience"),
        pytest.param({"iss": "someone-else"}, id="wrong-issuer"),
        pytest.param({"aud": None}, id="no-audience"),
        pytest.param({"iss": None}, id="no-issuer"),
        pytest.param({"exp": None}, id="no-expiry"),
        pytest.param({"sub": None}, id="no-subject"),
        pytest.param({"sub": "not-a-uuid"}, id="subject-not-a-uuid"),
        pytest.param({"sub": str(uuid.uuid4())}, id="unknown-subject"),
        pytest.param({"kind": "robot"}, id="unknown-kind"),
        pytest.param({"org": None}, id="no-organization"),
        pytest.param({"epoch": 7}, id="other-session-epoch"),
        pytest.param({"sid": None}, id="no-session"),
        pytest.param({"sid": str(uuid.uuid4())}, id="unknown-session"),
        pytest.param({"sid": "not-a-uuid"}, id="session-not-a-uuid"),
        pytest.param({"sid": 42}, id="session-not-a-string"),
    ],
)
def test_a_correctly_signed_token_with_wrong_claims_is_refused(
    client: TestClient, make: Factory, settings: Settings, overrides: dict[str, Any]
) -> None:
    maya = make.user(make.organization())
    claims = claims_for(maya, settings, **{"sid": live_session(make, maya), **overrides})
    token = jwt.encode(claims, settings.secret_key, "HS256")

    assert_not_signed_in(client.get(ME, headers=bearer(token)))


def test_an_access_token_stops_working_after_fifteen_minutes(
    client: TestClient, make: Factory
) -> None:
    maya = make.user(make.organization())
    issued_at = datetime.now(UTC)
    with clock.frozen_at(issued_at):
        headers = make.headers(maya)
        assert client.get(ME, headers=headers).status_code == 200

    with clock.frozen_at(issued_at + timedelta(minutes=15, seconds=1)):
        assert_not_signed_in(client.get(ME, headers=headers))


def test_a_token_already_expired_by_the_wall_clock_is_refused(
    client: TestClient, make: Factory
) -> None:
    maya = make.user(make.organization())
    with clock.frozen_at(datetime.now(UTC) - timedelta(minutes=20)):
        headers = make.headers(maya)

    assert_not_signed_in(client.get(ME, headers=headers))


@pytest.mark.parametrize(
    "authorization",
    [
        pytest.param("Bearer not-a-jwt", id="garbage"),
        pytest.param("Bearer a.b.c", id="three-garbage-parts"),
        pytest.param("Bearer ", id="empty-token"),
        pytest.param("Basic bWF5YTpwYXNzd29yZA==", id="basic-auth"),
    ],
)
def test_garbage_credentials_are_refused(client: TestClient, authorization: str) -> None:
    assert_not_signed_in(client.get(ME, headers={"Authorization": authorization}))


def test_no_credentials_at_all_are_refused(client: TestClient) -> None:
    assert_not_signed_in(client.get(ME))


def test_a_deactivated_users_token_stops_working_at_once(
    client: TestClient, make: Factory, db: Session
) -> None:
    maya = make.user(make.organization())
    headers = make.headers(maya)
    maya.is_active = False
    db.commit()

    assert_not_signed_in(client.get(ME, headers=headers))


def test_a_token_naming_another_users_session_is_refused(
    client: TestClient, make: Factory, settings: Settings
) -> None:
    org = make.organization()
    maya, cal = make.user(org), make.user(org)
    claims = claims_for(maya, settings, live_session(make, cal))

    token = jwt.encode(claims, settings.secret_key, "HS256")

    assert_not_signed_in(client.get(ME, headers=bearer(token)))


def test_a_token_naming_another_organisation_is_refused(
    client: TestClient, make: Factory, settings: Settings
) -> None:
    maya = make.user(make.organization())
    elsewhere = make.organization()
    token = jwt.encode(
        claims_for(maya, settings, live_session(make, maya), org=str(elsewhere.id)),
        settings.secret_key,
        "HS256",
    )

    assert_not_signed_in(client.get(ME, headers=bearer(token)))
