"""Staff two-step sign-in (TOTP): enrol, confirm, sign in with a code or a recovery code,
replay and throttle, the practice's policy, and an admin's reset."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pyotp
import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core import clock
from api.core.audit import AuditEvent
from api.mfa.models import MfaRecoveryCode
from api.users.models import User
from tests.factories import PASSWORD, Factory
from tests.practice import Practice

TOKEN = "/api/v1/auth/token"
MFA = "/api/v1/auth/mfa"
PROBLEMS = "/api/v1/problems/"


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def moment(monkeypatch: pytest.MonkeyPatch) -> Clock:
    # The start of a 30-second step, so "the next code" is one step away.
    start = datetime.fromtimestamp((int(datetime.now(UTC).timestamp()) // 30) * 30, UTC)
    current = Clock(start)
    monkeypatch.setattr(clock, "now", lambda: current.now)
    return current


def code(secret: str, moment: Clock, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(moment.now + timedelta(seconds=30 * steps))


def password_grant(client: TestClient, user: User) -> Response:
    return client.post(
        TOKEN, data={"grant_type": "password", "username": user.email, "password": PASSWORD}
    )


def otp_grant(client: TestClient, mfa_token: str, **factor: str) -> Response:
    return client.post(TOKEN, data={"grant_type": "mfa_otp", "mfa_token": mfa_token, **factor})


def enrol(client: TestClient, headers: dict[str, str], moment: Clock) -> tuple[str, list[str]]:
    started = client.post(f"{MFA}/totp", headers=headers)
    assert started.status_code == 200, started.text
    secret = started.json()["secret"]
    confirmed = client.post(
        f"{MFA}/totp/confirm", json={"code": code(secret, moment)}, headers=headers
    )
    assert confirmed.status_code == 200, confirmed.text
    moment.advance(seconds=30)  # the confirming code is spent; later tests use the next one
    return secret, confirmed.json()["recovery_codes"]


def challenge(client: TestClient, user: User) -> dict[str, Any]:
    response = password_grant(client, user)
    assert response.status_code == 401, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["type"] == PROBLEMS + "mfa-required"
    assert "access_token" not in body
    return body


def audit_rows(db: Session, resource_type: str, action: str) -> list[AuditEvent]:
    return list(
        db.scalars(
            select(AuditEvent).where(
                AuditEvent.resource_type == resource_type, AuditEvent.action == action
            )
        )
    )


# --- enrolment ------------------------------------------------------------------------


def test_enrolment_gives_a_secret_and_uri_then_ten_hashed_recovery_codes(
    client: TestClient, make: Factory, practice: Practice, moment: Clock, db: Session
) -> None:
    headers = make.headers(practice.lead)
    started = client.post(f"{MFA}/totp", headers=headers)
    assert started.status_code == 200, started.text
    body = started.json()
    assert body["otpauth_uri"].startswith("otpauth://totp/Cairn:")
    assert f"secret={body['secret']}" in body["otpauth_uri"]
    assert client.get(MFA, headers=headers).json()["pending"] is True
    # Not on until confirmed: the password alone still signs in.
    assert password_grant(client, practice.lead).status_code == 200

    confirmed = client.post(
        f"{MFA}/totp/confirm", json={"code": code(body["secret"], moment)}, headers=headers
    )
    assert confirmed.status_code == 200, confirmed.text
    codes = confirmed.json()["recovery_codes"]
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert confirmed.json()["tokens"] is None
    stored = db.scalars(
        select(MfaRecoveryCode.code_hash).where(MfaRecoveryCode.user_id == practice.lead.id)
    ).all()
    assert len(stored) == 10
    assert not set(codes) & set(stored)
    status = client.get(MFA, headers=headers).json()
    assert status["enabled"] is True
    assert status["recovery_codes_left"] == 10
    # Set up again while on: refused until turned off.
    assert client.post(f"{MFA}/totp", headers=headers).status_code == 409


def test_a_wrong_confirming_code_is_a_422_and_leaves_it_off(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    headers = make.headers(practice.lead)
    secret = client.post(f"{MFA}/totp", headers=headers).json()["secret"]
    wrong = code(secret, moment, steps=5)
    response = client.post(f"{MFA}/totp/confirm", json={"code": wrong}, headers=headers)
    assert response.status_code == 422, response.text
    assert response.json()["type"] == PROBLEMS + "incorrect-mfa-code"
    malformed = client.post(f"{MFA}/totp/confirm", json={"code": "12ab56"}, headers=headers)
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["loc"] == ["body", "code"]
    assert client.get(MFA, headers=headers).json()["enabled"] is False


def test_confirm_without_starting_is_a_409(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = client.post(
        f"{MFA}/totp/confirm", json={"code": "123456"}, headers=make.headers(practice.lead)
    )
    assert response.status_code == 409


# --- sign-in --------------------------------------------------------------------------


def test_sign_in_with_a_code_after_the_password(
    client: TestClient, make: Factory, practice: Practice, moment: Clock, db: Session
) -> None:
    secret, _ = enrol(client, make.headers(practice.lead), moment)
    body = challenge(client, practice.lead)
    assert body["mfa_token_expires_in"] == 300
    # The mfa_token is not an access token.
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['mfa_token']}"})
    assert me.status_code == 401

    response = otp_grant(client, body["mfa_token"], otp=code(secret, moment))
    assert response.status_code == 200, response.text
    tokens = response.json()
    me = client.get(
        "/api/v1/auth/me", headers={"Authorization": f"Bearer {tokens['access_token']}"}
    )
    assert me.status_code == 200
    assert me.json()["id"] == str(practice.lead.id)
    assert tokens["refresh_token"]


def test_a_wrong_code_is_refused_and_audited(
    client: TestClient, make: Factory, practice: Practice, moment: Clock, db: Session
) -> None:
    secret, _ = enrol(client, make.headers(practice.lead), moment)
    token = challenge(client, practice.lead)["mfa_token"]
    response = otp_grant(client, token, otp=code(secret, moment, steps=3))
    assert response.status_code == 401
    assert response.json()["type"] == PROBLEMS + "invalid-mfa-code"
    assert "access_token" not in response.json()
    failures = audit_rows(db, "mfa", "login_failed")
    assert [f.actor_id for f in failures] == [practice.lead.id]


def test_a_used_code_cannot_be_replayed_within_its_window(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    secret, _ = enrol(client, make.headers(practice.lead), moment)
    first = code(secret, moment)
    token = challenge(client, practice.lead)["mfa_token"]
    assert otp_grant(client, token, otp=first).status_code == 200
    moment.advance(seconds=10)  # same step, and the code would still be in the window
    again = otp_grant(client, challenge(client, practice.lead)["mfa_token"], otp=first)
    assert again.status_code == 401, again.text
    # An earlier step's code is refused too once a later one was used.
    older = code(secret, moment, steps=-1)
    token = challenge(client, practice.lead)["mfa_token"]
    assert otp_grant(client, token, otp=older).status_code == 401
    moment.advance(seconds=30)
    assert otp_grant(client, token, otp=code(secret, moment)).status_code == 200


def test_a_recovery_code_signs_in_once(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    _, codes = enrol(client, make.headers(practice.lead), moment)
    token = challenge(client, practice.lead)["mfa_token"]
    spelled = codes[0].upper().replace("-", " ")  # spacing and case do not matter
    assert otp_grant(client, token, recovery_code=spelled).status_code == 200
    token = challenge(client, practice.lead)["mfa_token"]
    assert otp_grant(client, token, recovery_code=codes[0]).status_code == 401
    assert otp_grant(client, token, recovery_code=codes[1]).status_code == 200
    left = client.get(MFA, headers=make.headers(practice.lead)).json()["recovery_codes_left"]
    assert left == 8


def test_codes_are_throttled_like_passwords(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    secret, _ = enrol(client, make.headers(practice.lead), moment)
    token = challenge(client, practice.lead)["mfa_token"]
    for _ in range(5):
        assert otp_grant(client, token, otp=code(secret, moment, steps=4)).status_code == 401
    locked = otp_grant(client, token, otp=code(secret, moment))
    assert locked.status_code == 429, locked.text
    assert locked.json()["type"] == PROBLEMS + "account-locked"
    assert int(locked.headers["retry-after"]) > 0
    moment.advance(seconds=int(locked.headers["retry-after"]) + 1)
    token = challenge(client, practice.lead)["mfa_token"]
    assert otp_grant(client, token, otp=code(secret, moment)).status_code == 200


def test_an_expired_or_forged_mfa_token_is_refused(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    secret, _ = enrol(client, make.headers(practice.lead), moment)
    token = challenge(client, practice.lead)["mfa_token"]
    moment.advance(minutes=6)
    assert otp_grant(client, token, otp=code(secret, moment)).status_code == 401
    access = make.signed_in(practice.lead).access_token  # an access token is no mfa_token
    assert otp_grant(client, access, otp=code(secret, moment)).status_code == 401
    missing = client.post(TOKEN, data={"grant_type": "mfa_otp", "mfa_token": token})
    assert missing.status_code == 422


def test_turning_it_off_needs_a_current_code(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    headers = make.headers(practice.lead)
    secret, _ = enrol(client, headers, moment)
    wrong = client.request(
        "DELETE", MFA, json={"code": code(secret, moment, steps=5)}, headers=headers
    )
    assert wrong.status_code == 422
    off = client.request("DELETE", MFA, json={"code": code(secret, moment)}, headers=headers)
    assert off.status_code == 204, off.text
    assert password_grant(client, practice.lead).status_code == 200


# --- the practice's policy ------------------------------------------------------------


def require_mfa(client: TestClient, make: Factory, practice: Practice) -> None:
    headers = make.headers(practice.admin)
    response = client.patch("/api/v1/organization", json={"require_mfa": True}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.json()["require_mfa"] is True


def test_when_the_practice_requires_it_an_account_without_it_enrols_at_sign_in(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    require_mfa(client, make, practice)
    response = password_grant(client, practice.colleague)
    assert response.status_code == 401, response.text
    body = response.json()
    assert body["type"] == PROBLEMS + "mfa-enrollment-required"
    enrolment = {"Authorization": f"Bearer {body['mfa_token']}"}
    # The enrolment token reaches nothing else.
    assert client.get("/api/v1/auth/me", headers=enrolment).status_code == 401
    assert otp_grant(client, body["mfa_token"], otp="123456").status_code == 401

    secret = client.post(f"{MFA}/totp", headers=enrolment).json()["secret"]
    confirmed = client.post(
        f"{MFA}/totp/confirm", json={"code": code(secret, moment)}, headers=enrolment
    )
    assert confirmed.status_code == 200, confirmed.text
    access = confirmed.json()["tokens"]["access_token"]
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
    assert me.json()["id"] == str(practice.colleague.id)
    # From now on the second factor is asked for, and it cannot be turned off.
    challenge(client, practice.colleague)
    moment.advance(seconds=30)
    off = client.request(
        "DELETE",
        MFA,
        json={"code": code(secret, moment)},
        headers={"Authorization": f"Bearer {access}"},
    )
    assert off.status_code == 409


def test_only_admins_set_the_policy_and_the_demo_default_is_off(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    assert (
        client.get("/api/v1/organization", headers=make.headers(practice.lead)).json()[
            "require_mfa"
        ]
        is False
    )
    refused = client.patch(
        "/api/v1/organization", json={"require_mfa": True}, headers=make.headers(practice.lead)
    )
    assert refused.status_code == 403
    bad = client.patch(
        "/api/v1/organization", json={"require_mfa": "yes"}, headers=make.headers(practice.admin)
    )
    assert bad.status_code == 422
    assert password_grant(client, practice.lead).status_code == 200


# --- admin reset ----------------------------------------------------------------------


def test_an_admin_resets_a_colleagues_mfa_and_it_is_audited(
    client: TestClient, make: Factory, practice: Practice, moment: Clock, db: Session
) -> None:
    enrol(client, make.headers(practice.lead), moment)
    admin = make.headers(practice.admin)
    url = f"/api/v1/users/{practice.lead.id}/mfa"
    assert client.get(url, headers=admin).json()["enabled"] is True
    response = client.delete(url, headers=admin)
    assert response.status_code == 204, response.text
    assert client.get(url, headers=admin).json()["enabled"] is False
    assert password_grant(client, practice.lead).status_code == 200
    resets = audit_rows(db, "mfa", "delete")
    assert [(r.actor_id, r.resource_id) for r in resets] == [
        (practice.admin.id, str(practice.lead.id))
    ]


def test_reset_is_for_admins_of_the_same_practice(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    enrol(client, make.headers(practice.lead), moment)
    url = f"/api/v1/users/{practice.lead.id}/mfa"
    assert client.delete(url, headers=make.headers(practice.supervisor)).status_code == 403
    assert client.delete(url, headers=make.headers(practice.outsider)).status_code == 404
    assert client.get(url, headers=make.headers(practice.outsider)).status_code == 404
    assert client.get(MFA, headers=make.headers(practice.lead)).json()["enabled"] is True


def test_a_password_change_between_the_two_steps_voids_the_mfa_token(
    client: TestClient, make: Factory, practice: Practice, moment: Clock
) -> None:
    headers = make.headers(practice.lead)
    secret, _ = enrol(client, headers, moment)
    token = challenge(client, practice.lead)["mfa_token"]
    changed = client.post(
        "/api/v1/auth/password",
        json={"current_password": PASSWORD, "new_password": "another-long-password"},
        headers=headers,
    )
    assert changed.status_code == 200, changed.text
    assert otp_grant(client, token, otp=code(secret, moment)).status_code == 401
