"""GET /partner/referrals/{id} with Accept: application/fhir+json: the minimum Bundle, under
the same consent gate and the same `disclose` audit as the JSON form; no staff ids."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core import clock
from api.core.audit import AuditEvent
from tests.factories import Factory
from tests.interop.fhir_check import validate_bundle
from tests.practice import Practice
from tests.referrals.test_referrals import Network

FHIR = {"Accept": "application/fhir+json"}


@pytest.fixture
def net(client: TestClient, make: Factory, practice: Practice) -> Network:
    return Network(client, make, practice)


def _read(net: Network, referral: dict[str, Any], **headers: str) -> Any:
    return net.client.get(
        f"/api/v1/partner/referrals/{referral['id']}", headers={**net.partner_a, **headers}
    )


def test_a_partner_reads_the_referral_as_fhir(net: Network, db: Session) -> None:
    referral = net.sent_referral(net.center_a)
    response = _read(net, referral, **FHIR)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/fhir+json")
    body = response.json()
    assert validate_bundle(body) == {"Patient": 1, "ServiceRequest": 1, "Task": 1}
    patient = next(
        e["resource"] for e in body["entry"] if e["resource"]["resourceType"] == "Patient"
    )
    # The minimum: name and date of birth; no contact details, no case reference.
    assert set(patient) <= {"resourceType", "id", "meta", "name", "birthDate"}
    task = next(e["resource"] for e in body["entry"] if e["resource"]["resourceType"] == "Task")
    assert task["status"] == "requested"
    assert task["owner"] == {"type": "Organization", "display": "A Recovery"}
    request = next(
        e["resource"] for e in body["entry"] if e["resource"]["resourceType"] == "ServiceRequest"
    )
    assert any("42 CFR part 2" in note["text"] for note in request["note"])
    disclosures = db.scalars(
        select(AuditEvent).where(
            AuditEvent.action == "disclose", AuditEvent.resource_id == referral["id"]
        )
    ).all()
    assert len(disclosures) == 1
    assert disclosures[0].actor_type == "partner"


def test_the_json_form_is_still_the_default(net: Network) -> None:
    referral = net.sent_referral(net.center_a)
    response = _read(net, referral)
    assert response.headers["content-type"].startswith("application/json")
    assert response.json()["id"] == referral["id"]


def test_after_revocation_the_fhir_form_is_the_same_403(net: Network) -> None:
    referral = net.sent_referral(net.center_a)
    net.client.post(
        f"/api/v1/consents/{referral['consent_id']}/revoke", json={"note": "No"}, headers=net.lead
    )
    response = _read(net, referral, **FHIR)
    assert response.status_code == 403
    assert response.json()["type"] == "/api/v1/problems/consent-not-active"


def test_after_expiry_the_fhir_form_is_the_same_403(net: Network) -> None:
    consent = net.consent(net.center_a, expires_at=(clock.now() + timedelta(minutes=1)).isoformat())
    referral = net.refer(net.center_a, consent).json()
    sent = net.client.post(f"/api/v1/referrals/{referral['id']}/send", headers=net.lead)
    assert sent.status_code == 200, sent.text
    assert _read(net, referral, **FHIR).status_code == 200
    with clock.frozen_at(clock.now() + timedelta(minutes=2)):
        response = _read(net, referral, **FHIR)
    assert response.status_code == 403
    assert response.json()["type"] == "/api/v1/problems/consent-not-active"


def test_another_centers_referral_is_404_in_fhir_too(net: Network) -> None:
    referral = net.sent_referral(net.center_b)
    assert _read(net, referral, **FHIR).status_code == 404


def test_no_staff_user_id_reaches_a_partner(net: Network, practice: Practice) -> None:
    referral = net.sent_referral(net.center_a)
    net.client.post(
        f"/api/v1/partner/referrals/{referral['id']}/status",
        json={"status": "received", "note": "Reviewing"},
        headers=net.partner_a,
    )
    staff_ids = {str(u.id) for u in (practice.lead, practice.admin, practice.supervisor)}
    listed = net.client.get("/api/v1/partner/referrals", headers=net.partner_a).text
    one = _read(net, referral).text
    fhir = _read(net, referral, **FHIR).text
    for text in (listed, one, fhir):
        assert not any(staff_id in text for staff_id in staff_ids)
        assert net.credentials_a["id"] not in text  # nor the API client's own id
    history = _read(net, referral).json()["history"]
    assert [(h["actor_type"], h["actor_name"]) for h in history] == [
        ("practice", "Harbor Light"),
        ("practice", "Harbor Light"),
        ("treatment_center", "A Recovery"),
    ]
    assert "actor_id" not in history[0]
