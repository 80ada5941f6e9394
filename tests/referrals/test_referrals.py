from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core import clock
from api.core.audit import AuditEvent
from api.worker.runner import run_once
from tests.consents.test_consents import consent_body
from tests.factories import Factory
from tests.practice import Practice


class Network:
    """A practice with a case, two treatment centers (A a partner, B not) and helpers."""

    def __init__(self, client: TestClient, make: Factory, practice: Practice) -> None:
        self.client, self.make, self.practice = client, make, practice
        admin = make.headers(practice.admin)
        self.lead = make.headers(practice.lead)
        self.case = practice.open_case(client, make)
        # The case reaches treatment only after an intervention: walk it there.
        for step in ("planning", "scheduled", "intervention_held"):
            client.post(
                f"/api/v1/cases/{self.case['id']}/status", json={"status": step}, headers=self.lead
            )
        self.center_a = client.post(
            "/api/v1/treatment-centers",
            json={"name": "A Recovery", "levels_of_care": ["3.7"]},
            headers=admin,
        ).json()
        self.center_b = client.post(
            "/api/v1/treatment-centers",
            json={"name": "B House", "levels_of_care": ["3.5"]},
            headers=admin,
        ).json()
        credentials = client.post(
            f"/api/v1/treatment-centers/{self.center_a['id']}/api-clients", json={}, headers=admin
        ).json()
        self.credentials_a = credentials
        self.partner_a = self.partner_headers(credentials)

    def partner_headers(self, credentials: dict[str, Any]) -> dict[str, str]:
        token = self.client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": credentials["client_id"],
                "client_secret": credentials["client_secret"],
            },
        ).json()["access_token"]
        return {"Authorization": f"Bearer {token}"}

    def consent(self, center: dict[str, Any], **overrides: Any) -> dict[str, Any]:
        response = self.client.post(
            f"/api/v1/cases/{self.case['id']}/consents",
            json=consent_body(center["id"], **overrides),
            headers=self.lead,
        )
        assert response.status_code == 201, response.text
        return dict(response.json())

    def refer(self, center: dict[str, Any], consent: dict[str, Any]) -> Any:
        return self.client.post(
            f"/api/v1/cases/{self.case['id']}/referrals",
            json={
                "treatment_center_id": center["id"],
                "consent_id": consent["id"],
                "level_of_care": "3.7",
                "summary": "Severe alcohol use disorder; medically monitored withdrawal likely.",
            },
            headers=self.lead,
        )

    def sent_referral(self, center: dict[str, Any]) -> dict[str, Any]:
        referral = self.refer(center, self.consent(center)).json()
        sent = self.client.post(f"/api/v1/referrals/{referral['id']}/send", headers=self.lead)
        assert sent.status_code == 200, sent.text
        return dict(sent.json())

    def case_status(self) -> str:
        return str(
            self.client.get(f"/api/v1/cases/{self.case['id']}", headers=self.lead).json()["status"]
        )


@pytest.fixture
def net(client: TestClient, make: Factory, practice: Practice) -> Network:
    return Network(client, make, practice)


def test_a_referral_needs_an_active_consent_naming_the_center(
    net: Network, client: TestClient
) -> None:
    missing = client.post(
        f"/api/v1/cases/{net.case['id']}/referrals",
        json={"treatment_center_id": net.center_a["id"], "level_of_care": "3.7", "summary": "x"},
        headers=net.lead,
    )
    assert missing.status_code == 422  # no consent named at all
    none = net.refer(net.center_a, {"id": "00000000-0000-4000-8000-000000000000"})
    assert none.status_code == 422  # no such consent of this case: the field is named
    assert none.json()["errors"][0]["loc"] == ["body", "consent_id"]
    for_b = net.consent(net.center_b)
    wrong_recipient = net.refer(net.center_a, for_b)
    assert wrong_recipient.status_code == 422
    assert wrong_recipient.json()["type"] == "/api/v1/problems/consent-required"
    revoked = net.consent(net.center_a)
    client.post(f"/api/v1/consents/{revoked['id']}/revoke", json={}, headers=net.lead)
    assert net.refer(net.center_a, revoked).json()["type"] == "/api/v1/problems/consent-required"
    expiring = net.consent(net.center_a, expires_at=(clock.now() + timedelta(days=1)).isoformat())
    draft = net.refer(net.center_a, expiring)
    assert draft.status_code == 201
    with clock.frozen_at(clock.now() + timedelta(days=2)):
        late = client.post(
            f"/api/v1/referrals/{draft.json()['id']}/send",
            headers=net.make.headers(net.practice.lead),
        )
    assert late.status_code == 422
    assert late.json()["type"] == "/api/v1/problems/consent-required"


def test_the_partner_admits_and_discharges_and_the_case_follows(
    net: Network, client: TestClient, db: Session
) -> None:
    referral = net.sent_referral(net.center_a)
    listed = client.get("/api/v1/partner/referrals", headers=net.partner_a).json()["items"]
    assert [r["id"] for r in listed] == [referral["id"]]
    assert listed[0]["client"]["last_name"] == "Okafor"
    assert "42 CFR part 2" in listed[0]["redisclosure_notice"]
    path = f"/api/v1/partner/referrals/{referral['id']}/status"
    for body in ({"status": "received"}, {"status": "accepted"}, {"status": "admitted"}):
        assert client.post(path, json=body, headers=net.partner_a).status_code == 200
    assert net.case_status() == "in_treatment"
    done = client.post(
        path, json={"status": "discharged", "discharge_reason": "completed"}, headers=net.partner_a
    )
    assert done.status_code == 200
    assert net.case_status() == "aftercare"
    history = client.get(f"/api/v1/referrals/{referral['id']}", headers=net.lead).json()["history"]
    assert [h["to_status"] for h in history] == [
        "draft",
        "sent",
        "received",
        "accepted",
        "admitted",
        "discharged",
    ]
    assert history[-1]["actor_type"] == "partner"
    disclosures = db.scalars(select(AuditEvent).where(AuditEvent.action == "disclose")).all()
    assert disclosures
    assert all(e.actor_type == "partner" for e in disclosures)


def test_a_decline_needs_a_reason_and_raises_an_alert(net: Network, client: TestClient) -> None:
    referral = net.sent_referral(net.center_a)
    path = f"/api/v1/partner/referrals/{referral['id']}/status"
    assert client.post(path, json={"status": "declined"}, headers=net.partner_a).status_code == 422
    assert (
        client.post(
            path,
            json={"status": "declined", "decline_reason": "No beds until January"},
            headers=net.partner_a,
        ).status_code
        == 200
    )
    alerts = client.get(
        "/api/v1/alerts", params={"kind": "referral_declined"}, headers=net.lead
    ).json()["items"]
    assert len(alerts) == 1
    assert "No beds" in alerts[0]["title"]
    client_name = f"{net.case['client']['first_name']} {net.case['client']['last_name']}"
    assert alerts[0]["client_name"] == client_name
    staff_view = client.get(f"/api/v1/referrals/{referral['id']}", headers=net.lead).json()
    assert staff_view["client_name"] == client_name
    assert staff_view["decline_reason"] == "No beds until January"
    final = client.post(path, json={"status": "admitted"}, headers=net.partner_a)
    assert final.status_code == 409
    assert final.json()["detail"] == "A referral that is 'declined' can move to: none."
    sent = net.sent_referral(net.center_a)
    wrong = client.post(
        f"/api/v1/partner/referrals/{sent['id']}/status",
        json={"status": "admitted"},
        headers=net.partner_a,
    )
    # The center is told its own next moves, not the practice's (cancelling).
    assert wrong.status_code == 409
    assert wrong.json()["detail"] == (
        "A referral that is 'sent' can move to: accepted, declined, received."
    )


def test_after_revocation_reads_are_403_but_updates_still_land(
    net: Network, client: TestClient
) -> None:
    referral = net.sent_referral(net.center_a)
    consent_id = referral["consent_id"]
    client.post(
        f"/api/v1/consents/{consent_id}/revoke", json={"note": "Withdrawn"}, headers=net.lead
    )
    one = client.get(f"/api/v1/partner/referrals/{referral['id']}", headers=net.partner_a)
    assert one.status_code == 403
    assert one.json()["type"] == "/api/v1/problems/consent-not-active"
    # The revocation counts as a change: polling from before it finds the referral again.
    listed = client.get(
        "/api/v1/partner/referrals",
        params={"updated_since": referral["updated_at"]},
        headers=net.partner_a,
    ).json()["items"]
    assert [r["id"] for r in listed] == [referral["id"]]
    assert listed[0]["updated_at"] > referral["updated_at"]
    assert listed[0]["disclosure_withheld"] is True
    assert listed[0]["client"] is None
    assert listed[0]["summary"] is None
    assert "Okafor" not in str(listed)
    update = client.post(
        f"/api/v1/partner/referrals/{referral['id']}/status",
        json={"status": "received"},
        headers=net.partner_a,
    )
    assert update.status_code == 200


def test_a_partner_sees_only_its_own_sent_referrals(
    net: Network, client: TestClient, make: Factory, practice: Practice
) -> None:
    to_b = net.sent_referral(net.center_b)
    draft_to_a = net.refer(net.center_a, net.consent(net.center_a)).json()
    assert client.get("/api/v1/partner/referrals", headers=net.partner_a).json()["items"] == []
    assert (
        client.get(f"/api/v1/partner/referrals/{to_b['id']}", headers=net.partner_a).status_code
        == 404
    )
    assert (
        client.get(
            f"/api/v1/partner/referrals/{draft_to_a['id']}", headers=net.partner_a
        ).status_code
        == 404
    )
    assert (
        client.post(
            f"/api/v1/partner/referrals/{to_b['id']}/status",
            json={"status": "received"},
            headers=net.partner_a,
        ).status_code
        == 404
    )
    assert client.get("/api/v1/partner/referrals", headers=net.lead).status_code == 403
    assert client.get(f"/api/v1/referrals/{to_b['id']}", headers=net.partner_a).status_code == 403
    assert (
        client.get(
            f"/api/v1/referrals/{to_b['id']}", headers=make.headers(practice.outsider)
        ).status_code
        == 404
    )


def test_staff_record_updates_only_for_centers_that_are_not_partners(
    net: Network, client: TestClient
) -> None:
    to_a, to_b = net.sent_referral(net.center_a), net.sent_referral(net.center_b)
    assert (
        client.post(
            f"/api/v1/referrals/{to_a['id']}/status", json={"status": "received"}, headers=net.lead
        ).status_code
        == 409
    )
    admitted = client.post(
        f"/api/v1/referrals/{to_b['id']}/status", json={"status": "admitted"}, headers=net.lead
    )
    assert admitted.status_code == 409  # not accepted yet
    client.post(
        f"/api/v1/referrals/{to_b['id']}/status", json={"status": "accepted"}, headers=net.lead
    )
    assert (
        client.post(
            f"/api/v1/referrals/{to_b['id']}/status", json={"status": "admitted"}, headers=net.lead
        ).status_code
        == 200
    )
    assert net.case_status() == "in_treatment"


def test_a_draft_changes_and_cancels_but_a_sent_referral_does_not_change(
    net: Network, client: TestClient
) -> None:
    draft = net.refer(net.center_a, net.consent(net.center_a)).json()
    edited = client.patch(
        f"/api/v1/referrals/{draft['id']}",
        json={"summary": "Shorter."},
        headers={**net.lead, "If-Match": '"v1"'},
    )
    assert edited.json()["summary"] == "Shorter."
    client.post(f"/api/v1/referrals/{draft['id']}/send", headers=net.lead)
    assert (
        client.patch(
            f"/api/v1/referrals/{draft['id']}", json={"summary": "x"}, headers=net.lead
        ).status_code
        == 409
    )
    cancelled = client.post(
        f"/api/v1/referrals/{draft['id']}/cancel",
        json={"reason": "Family chose another center"},
        headers=net.lead,
    )
    assert cancelled.json()["status"] == "cancelled"
    board = client.get(
        "/api/v1/referrals", params={"status": "cancelled"}, headers=net.lead
    ).json()["items"]
    assert [r["id"] for r in board] == [draft["id"]]


def test_the_partner_reports_its_capacity(net: Network, client: TestClient) -> None:
    response = client.put(
        "/api/v1/partner/capacity", json={"beds_available": 3}, headers=net.partner_a
    )
    assert response.status_code == 200
    center = client.get(f"/api/v1/treatment-centers/{net.center_a['id']}", headers=net.lead).json()
    assert center["beds_available"] == 3
    assert (
        client.put(
            "/api/v1/partner/capacity", json={"beds_available": -1}, headers=net.partner_a
        ).status_code
        == 422
    )


def test_staff_see_their_next_moves_and_who_made_each_one(net: Network, client: TestClient) -> None:
    draft = net.refer(net.center_b, net.consent(net.center_b)).json()
    assert draft["treatment_center_is_partner"] is False
    assert draft["allowed_transitions"] == ["sent", "cancelled"]

    to_a, to_b = net.sent_referral(net.center_a), net.sent_referral(net.center_b)
    # A partner answers for itself: staff may only cancel.
    assert to_a["treatment_center_is_partner"] is True
    assert to_a["allowed_transitions"] == ["cancelled"]
    assert to_b["allowed_transitions"] == ["received", "accepted", "declined", "cancelled"]

    client.post(
        f"/api/v1/partner/referrals/{to_a['id']}/status",
        json={"status": "received"},
        headers=net.partner_a,
    )
    history = client.get(f"/api/v1/referrals/{to_a['id']}", headers=net.lead).json()["history"]
    lead_name = net.practice.lead.full_name
    assert [(h["actor_type"], h["actor_name"], h["to_status"]) for h in history] == [
        ("staff", lead_name, "draft"),
        ("staff", lead_name, "sent"),
        ("partner", "A Recovery", "received"),
    ]
    # The partner's own view names the practice, never its staff (tests/interop too).
    partner_history = client.get(
        f"/api/v1/partner/referrals/{to_a['id']}", headers=net.partner_a
    ).json()["history"]
    assert [h["actor_name"] for h in partner_history] == [
        "Harbor Light",
        "Harbor Light",
        "A Recovery",
    ]


def test_a_referral_says_when_it_has_ended(net: Network, client: TestClient) -> None:
    draft = net.refer(net.center_b, net.consent(net.center_b)).json()
    assert draft["is_closed"] is False
    sent = net.sent_referral(net.center_b)
    declined = client.post(
        f"/api/v1/referrals/{sent['id']}/status",
        json={"status": "declined", "decline_reason": "No bed this month"},
        headers=net.lead,
    )
    assert declined.status_code == 200, declined.text
    assert (declined.json()["is_closed"], declined.json()["allowed_transitions"]) == (True, [])
    cancelled = client.post(
        f"/api/v1/referrals/{draft['id']}/cancel",
        json={"reason": "Family chose another center"},
        headers=net.lead,
    )
    assert cancelled.status_code == 200, cancelled.text
    assert cancelled.json()["is_closed"] is True


def test_the_board_filters_by_center(net: Network, client: TestClient) -> None:
    to_a, to_b = net.sent_referral(net.center_a), net.sent_referral(net.center_b)
    listed = client.get(
        "/api/v1/referrals",
        params={"treatment_center_id": net.center_b["id"]},
        headers=net.lead,
    ).json()["items"]
    assert [r["id"] for r in listed] == [to_b["id"]]
    assert to_a["id"] not in {r["id"] for r in listed}


def test_an_expired_consent_marks_its_referrals_changed_once(
    net: Network, client: TestClient, session_factory: object
) -> None:
    referral = net.sent_referral(net.center_a)
    expires = clock.now() + timedelta(days=90)  # consent_body's default expiry
    with clock.frozen_at(expires + timedelta(minutes=5)):
        assert run_once(session_factory)["touch_referrals_of_expired_consents"] == 1  # type: ignore[arg-type]
        listed = client.get(
            "/api/v1/partner/referrals",
            params={"updated_since": referral["updated_at"]},
            headers=net.partner_headers(net.credentials_a),  # a token of that day
        ).json()["items"]
    assert [r["id"] for r in listed] == [referral["id"]]
    assert listed[0]["disclosure_withheld"] is True
    with clock.frozen_at(expires + timedelta(minutes=10)):
        assert run_once(session_factory)["touch_referrals_of_expired_consents"] == 0  # type: ignore[arg-type]
