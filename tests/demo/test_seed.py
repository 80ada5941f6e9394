"""The demo practice: centers, consents and referrals in every state, consistent with the
cases, and a partner client whose printed credentials really work."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.models import AftercarePlan
from api.alerts.models import Alert
from api.cases.models import Case
from api.consents.models import Consent, ConsentStatus
from api.core import clock
from api.core.config import Settings
from api.demo.centers import DEMO_PARTNER_CLIENT_ID, DEMO_PARTNER_SECRET, DEMO_WEBHOOK_URL
from api.demo.seed import DEMO_PASSWORD, seed_demo
from api.referrals.models import Referral, ReferralStatus


def _token(client: TestClient, **form: str) -> str:
    response = client.post("/api/v1/auth/token", data=form)
    assert response.status_code == 200, response.text
    return str(response.json()["access_token"])


def _all(client: TestClient, path: str, token: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        page = client.get(
            path,
            params={**params, "limit": 200, **({"cursor": cursor} if cursor else {})},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert page.status_code == 200, page.text
        items += page.json()["items"]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            return items


def test_the_demo_practice_has_a_referral_network_in_every_state(
    client: TestClient,
    session_factory: Callable[[], Session],
    db: Session,
    settings: Settings,
) -> None:
    """One test, because loading the practice is the slow part (seconds)."""
    message = seed_demo(session_factory, settings=settings)
    assert f"CAIRN_CLIENT_ID={DEMO_PARTNER_CLIENT_ID}" in message
    assert f"CAIRN_CLIENT_SECRET={DEMO_PARTNER_SECRET}" in message
    admin = _token(
        client, grant_type="password", username="admin@demo.cairn.test", password=DEMO_PASSWORD
    )
    _directory_is_varied(client, admin)
    _names_are_found_as_typed(client, admin)
    _the_practice_and_one_client_live_in_their_own_zones(client, admin)
    _referrals_and_cases_agree(client, db, admin)
    _consents_end_in_every_way(db)
    _the_printed_partner_credentials_work(client, admin)
    _aftercare_is_lived_in(client, admin)


def _the_practice_and_one_client_live_in_their_own_zones(client: TestClient, admin: str) -> None:
    headers = {"Authorization": f"Bearer {admin}"}
    assert client.get("/api/v1/organization", headers=headers).json()["time_zone"] == (
        "America/Chicago"
    )
    cases = _all(client, "/api/v1/cases", admin)
    assert {c["time_zone"] for c in cases} == {None, "America/Los_Angeles"}
    assert {c["effective_time_zone"] for c in cases} == {"America/Chicago", "America/Los_Angeles"}


def _directory_is_varied(client: TestClient, admin: str) -> None:
    centers = _all(client, "/api/v1/treatment-centers", admin)
    assert 5 <= len(centers) <= 7
    assert any(c["is_partner"] for c in centers)
    assert any(not c["is_partner"] for c in centers)
    assert any(c["beds_available"] == 0 for c in centers)
    assert any(c["beds_available"] is None for c in centers)
    assert any((c["beds_available"] or 0) > 0 for c in centers)
    assert len({level for c in centers for level in c["levels_of_care"]}) >= 7
    assert len({c["city"] for c in centers}) >= 4


def _names_are_found_as_typed(client: TestClient, admin: str) -> None:
    def clients(q: str) -> list[str]:
        return [
            f"{c['client']['first_name']} {c['client']['last_name']}"
            for c in _all(client, "/api/v1/cases", admin, q=q)
        ]

    assert clients("nunez") == ["Ángela Núñez"]
    assert clients("o'donnell") == ["Kevin O\u2019Donnell"]


def _referrals_and_cases_agree(client: TestClient, db: Session, admin: str) -> None:
    board = _all(client, "/api/v1/referrals", admin)
    assert {r["status"] for r in board} == set(ReferralStatus)
    declined = next(r for r in board if r["status"] == "declined")
    assert declined["decline_reason"]

    # A referral's admission put its case in treatment; a completed discharge, in aftercare.
    referrals = db.scalars(select(Referral)).all()
    cases = {c.id: c for c in db.scalars(select(Case))}
    escalated = set(
        db.scalars(
            select(col(AftercarePlan.case_id)).where(col(AftercarePlan.escalated_at).is_not(None))
        )
    )
    for referral in referrals:
        status = cases[referral.case_id].status
        if referral.status == "admitted":
            assert status == "in_treatment", referral
        if referral.status == "discharged" and referral.discharge_reason == "completed":
            # Or back in treatment: a relapse in aftercare escalated as agreed.
            assert status in ("aftercare", "closed") or referral.case_id in escalated, referral


def _consents_end_in_every_way(db: Session) -> None:
    now = clock.now()
    consents = db.scalars(select(Consent)).all()
    assert {c.status_at(now) for c in consents} == set(ConsentStatus)
    assert all(c.revocation_note for c in consents if c.revoked_at is not None)
    soon = [c for c in consents if c.expires_at and now < c.expires_at < now + timedelta(days=14)]
    assert soon, "one consent expires within two weeks"
    warned = db.scalars(select(Alert).where(Alert.kind == "consent_expiring")).all()
    assert {a.case_id for a in warned} == {c.case_id for c in soon}


def _the_printed_partner_credentials_work(client: TestClient, admin: str) -> None:
    token = _token(
        client,
        grant_type="client_credentials",
        client_id=DEMO_PARTNER_CLIENT_ID,
        client_secret=DEMO_PARTNER_SECRET,
    )
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["kind"] == "partner"

    visible = _all(client, "/api/v1/partner/referrals", token)
    statuses = {r["status"] for r in visible}
    assert "draft" not in statuses
    assert {"sent", "received", "accepted", "admitted", "discharged"} <= statuses
    withheld = [r for r in visible if r["disclosure_withheld"]]
    assert {r["consent"]["status"] for r in withheld} == {"revoked", "expired"}
    assert all(r["client"] is None and r["summary"] is None for r in withheld)
    assert sum(1 for r in visible if not r["disclosure_withheld"]) >= 4

    wrong = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": DEMO_PARTNER_CLIENT_ID,
            "client_secret": "not-the-secret",
        },
    )
    assert wrong.status_code == 401

    riverside = next(c for c in _all(client, "/api/v1/treatment-centers", admin, q="Riverside"))
    clients = client.get(
        f"/api/v1/treatment-centers/{riverside['id']}/api-clients",
        headers={"Authorization": f"Bearer {admin}"},
    ).json()["items"]
    assert [(c["client_id"], c["webhook_url"]) for c in clients] == [
        (DEMO_PARTNER_CLIENT_ID, DEMO_WEBHOOK_URL)
    ]


def _aftercare_is_lived_in(client: TestClient, admin: str) -> None:
    """Full plans, follow-ups done with outcomes and still due, one relapse escalated."""
    headers = {"Authorization": f"Bearer {admin}"}
    plans = []
    for case in _all(client, "/api/v1/cases", admin):
        response = client.get(f"/api/v1/cases/{case['id']}/aftercare", headers=headers)
        assert response.status_code == 200, response.text
        if response.json() is not None:  # null: the case has no aftercare plan
            plans.append((case, response.json()))
    in_aftercare = [p for c, p in plans if c["status"] == "aftercare"]
    assert len(in_aftercare) >= 3
    for plan in in_aftercare:
        assert plan["relapse_prevention"]["coping_strategies"]
        assert plan["family_support"]
        assert plan["resources"]
        assert plan["emergency_contacts"]
        assert plan["escalation_missing"] == []
    follow_ups = [f for _, p in plans for f in p["follow_ups"]]
    assert {"done", "open"} <= {f["status"] for f in follow_ups}
    assert any(f["overdue"] for f in follow_ups)
    assert all(f["outcome_note"] for f in follow_ups if f["status"] == "done")
    escalated = [c for c, p in plans if p["escalated_at"]]
    assert [c["status"] for c in escalated] == ["in_treatment"]
