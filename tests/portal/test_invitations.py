from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.core import clock
from api.core.audit import AuditEvent
from api.portal.models import Invitation
from tests.checkins.driver import (
    API,
    CLIENT_EMAIL,
    PORTAL_PASSWORD,
    CaseDriver,
    accept,
    bearer,
)
from tests.factories import Factory
from tests.practice import Practice


@pytest.fixture
def case(client: TestClient, make: Factory, practice: Practice) -> CaseDriver:
    return CaseDriver(client, make, practice)


def sign_in(client: TestClient, email: str, password: str = PORTAL_PASSWORD) -> Any:
    return client.post(
        f"{API}/auth/token",
        data={"grant_type": "password", "username": email, "password": password},
    )


def test_a_participant_is_invited_signs_in_and_becomes_active(
    case: CaseDriver, client: TestClient
) -> None:
    grace = case.participant("Grace Okafor", email="Grace.Okafor@example.org")
    assert grace["portal_status"] == "none"

    invited = case.invite(grace["id"])
    assert invited.status_code == 201, invited.text
    invitation = invited.json()
    assert invitation["respondent"] == grace["id"]
    assert invitation["email"] == "grace.okafor@example.org"
    assert invitation["code"] in invitation["accept_path"]
    participant = f"{API}/participants/{grace['id']}"
    assert client.get(participant, headers=case.headers()).json()["portal_status"] == "invited"

    accepted = accept(client, invitation["code"].lower().replace("-", " "))  # read aloud, typed
    assert accepted.status_code == 200, accepted.text
    tokens = accepted.json()
    assert tokens["token_type"] == "bearer"
    assert tokens["refresh_token"]
    assert client.get(participant, headers=case.headers()).json()["portal_status"] == "active"

    me = client.get(f"{API}/auth/me", headers=bearer(tokens["access_token"]))
    assert me.status_code == 200
    assert me.json()["kind"] == "portal"
    assert me.json()["email"] == "grace.okafor@example.org"
    assert me.json()["full_name"] == "Grace Okafor"
    portal_me = client.get(f"{API}/portal/me", headers=bearer(tokens["access_token"])).json()
    assert portal_me["kind"] == "participant"
    assert portal_me["name"] == "Grace Okafor"
    assert portal_me["client_first_name"] == "Danny"
    assert portal_me["organization_name"] == "Harbor Light"
    # The portal shows times on the case's clock: here the practice's default zone.
    assert portal_me["time_zone"] == "America/New_York"


def test_the_password_grant_signs_a_portal_account_in_and_refresh_works(
    case: CaseDriver, client: TestClient
) -> None:
    case.portal_tokens("client")
    wrong = sign_in(client, CLIENT_EMAIL, "not the password at all")
    assert wrong.status_code == 401
    signed_in = sign_in(client, CLIENT_EMAIL.upper())
    assert signed_in.status_code == 200, signed_in.text
    tokens = signed_in.json()
    me = client.get(f"{API}/auth/me", headers=bearer(tokens["access_token"])).json()
    assert me["kind"] == "portal"
    assert me["full_name"] == "Danny"
    assert me["role"] is None

    refreshed = client.post(
        f"{API}/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert refreshed.status_code == 200, refreshed.text
    renewed = refreshed.json()
    assert renewed["refresh_token"] != tokens["refresh_token"]
    assert (
        client.get(f"{API}/portal/me", headers=bearer(renewed["access_token"])).json()["kind"]
        == "client"
    )
    reused = client.post(
        f"{API}/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert reused.status_code == 401
    assert reused.json()["type"] == "/api/v1/problems/invalid-grant"


def test_the_case_shows_whether_the_client_was_invited_and_signed_up(
    case: CaseDriver, client: TestClient
) -> None:
    def client_portal() -> tuple[str, str]:
        read = client.get(case.path, headers=case.headers()).json()["client_portal_status"]
        (listed,) = [
            c["client_portal_status"]
            for c in client.get(f"{API}/cases", headers=case.headers()).json()["items"]
            if c["id"] == case.id
        ]
        return read, listed

    assert client_portal() == ("none", "none")
    grace = case.participant("Grace Okafor", email="grace@example.org")
    case.invite(grace["id"])
    assert client_portal() == ("none", "none")  # a participant's invitation is not the client's
    code = case.invite("client").json()["code"]
    assert client_portal() == ("invited", "invited")
    assert accept(client, code).status_code == 200
    assert client_portal() == ("active", "active")


def preview(client: TestClient, code: str) -> Any:
    return client.post(f"{API}/auth/invitation-preview", json={"code": code})


def test_the_accept_page_can_show_who_an_invitation_is_for_without_using_it(
    case: CaseDriver, client: TestClient, db: Session
) -> None:
    grace = case.participant("Grace Okafor", email="Grace.Okafor@example.org")
    invitation = case.invite(grace["id"]).json()
    shown = preview(client, invitation["code"].lower())  # typed from a text message
    assert shown.status_code == 200, shown.text
    assert shown.json() == {
        "organization_name": "Harbor Light",
        "name": "Grace",
        "email": "g•••@example.org",
        "expires_at": invitation["expires_at"],
    }
    # Whoever holds the link learns no surname, no full address, nothing of the case.
    assert "Okafor" not in shown.text
    assert "Danny" not in shown.text
    assert db.scalar(
        select(func.count())
        .select_from(AuditEvent)
        .where(
            col(AuditEvent.resource_type) == "portal_invitation", col(AuditEvent.action) == "read"
        )
    )
    # Looking did not use the code up.
    assert accept(client, invitation["code"]).status_code == 200
    used = preview(client, invitation["code"])
    assert used.status_code == 401
    assert used.json()["type"] == "/api/v1/problems/invalid-grant"

    client_code = case.invite("client").json()["code"]
    assert preview(client, client_code).json()["name"] == "Danny"
    pasted = client_code.replace("-", "\u00a0\u2013 ", 1).lower()  # from a messaging app
    assert preview(client, pasted).status_code == 200
    assert preview(client, "ZZZZ-ZZZZ-ZZZZ").status_code == 401
    issued = clock.now()
    with clock.frozen_at(issued + timedelta(days=8)):
        assert preview(client, client_code).status_code == 401


def test_an_invited_person_cannot_sign_in_before_accepting(
    case: CaseDriver, client: TestClient
) -> None:
    assert case.invite("client").status_code == 201
    assert sign_in(client, CLIENT_EMAIL).status_code == 401


def test_an_invitation_code_works_once(case: CaseDriver, client: TestClient) -> None:
    code = case.invite("client").json()["code"]
    assert accept(client, code).status_code == 200
    again = accept(client, code, "another long password")
    assert again.status_code == 401
    assert again.json()["type"] == "/api/v1/problems/invalid-grant"
    # The second try did not change the password.
    assert sign_in(client, CLIENT_EMAIL).status_code == 200
    assert sign_in(client, CLIENT_EMAIL, "another long password").status_code == 401


def test_an_invitation_expires_after_a_week(case: CaseDriver, client: TestClient) -> None:
    invitation = case.invite("client").json()
    issued = clock.now()
    assert invitation["expires_at"][:10] == (issued + timedelta(days=7)).date().isoformat()
    with clock.frozen_at(issued + timedelta(days=8)):
        late = accept(client, invitation["code"])
    assert late.status_code == 401
    assert late.json()["type"] == "/api/v1/problems/invalid-grant"
    with clock.frozen_at(issued + timedelta(days=6)):
        assert accept(client, invitation["code"]).status_code == 200


def test_a_new_invitation_revokes_the_previous_code_and_ends_older_sessions(
    case: CaseDriver, client: TestClient
) -> None:
    first = case.invite("client").json()["code"]
    second = case.invite("client").json()["code"]
    assert first != second
    assert accept(client, first).status_code == 401
    old_session = accept(client, second).json()
    assert (
        client.get(f"{API}/portal/me", headers=bearer(old_session["access_token"])).status_code
        == 200
    )

    # Lost phone: staff send a fresh invitation; accepting it ends the old session.
    third = case.invite("client").json()["code"]
    assert accept(client, third, "a brand new password").status_code == 200
    assert (
        client.get(f"{API}/portal/me", headers=bearer(old_session["access_token"])).status_code
        == 401
    )
    assert sign_in(client, CLIENT_EMAIL, "a brand new password").status_code == 200


@pytest.mark.parametrize("code", ["AAAA-BBBB-CCCC", "nope", "x" * 64])
def test_an_unknown_code_is_refused(case: CaseDriver, client: TestClient, code: str) -> None:
    case.invite("client")
    response = accept(client, code)
    assert response.status_code == 401
    assert response.json()["type"] == "/api/v1/problems/invalid-grant"


@pytest.mark.parametrize(
    "body",
    [
        {"code": "AAAA-BBBB-CCCC"},
        {"code": "AAAA-BBBB-CCCC", "password": "short"},
        {"password": "a long portal password"},
    ],
)
def test_accepting_needs_a_code_and_a_long_enough_password(
    case: CaseDriver, client: TestClient, body: dict[str, str]
) -> None:
    code = case.invite("client").json()["code"]
    body = {**body, "code": code} if "code" in body else body
    response = client.post(f"{API}/auth/accept-invite", json=body)
    assert response.status_code == 422
    assert accept(client, code).status_code == 200  # the failed try did not spend the code


def test_inviting_someone_without_an_email_is_422(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    tomas = case.participant("Tomas Reyes", relationship="friend")
    response = case.invite(tomas["id"])
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", "respondent"]
    assert "Tomas Reyes" in response.json()["detail"]
    participant = client.get(f"{API}/participants/{tomas['id']}", headers=case.headers()).json()
    assert participant["portal_status"] == "none"

    no_email_case = CaseDriver(client, make, practice, practice.open_case(client, make))
    assert no_email_case.invite("client").status_code == 422
    assert db.scalar(select(Invitation)) is None


def test_an_email_that_signs_in_a_staff_member_cannot_be_a_portal_email(
    case: CaseDriver, client: TestClient, practice: Practice
) -> None:
    grace = case.participant("Grace Okafor", email=practice.colleague.email.upper())
    response = case.invite(grace["id"])
    assert response.status_code == 409
    participant = client.get(f"{API}/participants/{grace['id']}", headers=case.headers()).json()
    assert participant["portal_status"] == "none"


def test_one_email_signs_in_one_portal_account(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    grace = case.participant("Grace Okafor", email="grace@example.org")
    assert case.invite(grace["id"]).status_code == 201
    other = CaseDriver(client, make, practice)
    namesake = other.participant("Grace O.", email="grace@example.org")
    assert other.invite(namesake["id"]).status_code == 409


@pytest.mark.parametrize(
    "body", [{"respondent": "everyone"}, {}, {"respondent": "client", "email": "x@y.org"}]
)
def test_a_bad_invitation_is_422(
    case: CaseDriver, client: TestClient, body: dict[str, str]
) -> None:
    response = client.post(f"{case.path}/invitations", json=body, headers=case.headers())
    assert response.status_code == 422


def test_invitations_are_out_of_reach_for_other_organisations_and_the_team_less(
    case: CaseDriver, practice: Practice, db: Session
) -> None:
    for who in (practice.outsider, practice.colleague):
        assert case.invite("client", by=who).status_code == 404
    assert db.scalar(select(Invitation)) is None
    assert case.invite("client", by=practice.supervisor).status_code == 201


def test_a_participant_of_another_case_cannot_be_invited_here(
    case: CaseDriver, client: TestClient, make: Factory, practice: Practice
) -> None:
    stranger = CaseDriver(client, make, practice).participant("Kim Lee", email="kim@example.org")
    response = case.invite(stranger["id"])
    assert response.status_code == 422
