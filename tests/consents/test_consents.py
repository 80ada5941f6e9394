from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.core import clock
from api.worker.runner import run_once
from tests.factories import Factory
from tests.practice import Practice


def consent_body(center_id: str, **overrides: Any) -> dict[str, Any]:
    now = clock.now()
    body = {
        "patient_name": "Daniel Okafor",
        "disclosing_party": "Harbor Light Interventions",
        "recipient_treatment_center_id": center_id,
        "purpose": "Referral for admission and coordination of care.",
        "information_description": "Substance use history and the intervention summary.",
        "expires_at": (now + timedelta(days=90)).isoformat(),
        "signed_by": "Daniel Okafor",
        "signer_relationship": "self",
        "signed_at": (now - timedelta(minutes=5)).isoformat(),
        "signature_method": "typed_name",
    }
    body.update(overrides)
    return body


@pytest.fixture
def center(client: TestClient, make: Factory, practice: Practice) -> dict[str, Any]:
    response = client.post(
        "/api/v1/treatment-centers",
        json={"name": "Hazelden", "levels_of_care": ["3.7"]},
        headers=make.headers(practice.admin),
    )
    return dict(response.json())


def test_a_consent_is_recorded_active_and_carries_the_redisclosure_notice(
    client: TestClient, make: Factory, practice: Practice, center: dict[str, Any]
) -> None:
    case = practice.open_case(client, make)
    response = client.post(
        f"/api/v1/cases/{case['id']}/consents",
        json=consent_body(center["id"]),
        headers=make.headers(practice.lead),
    )
    assert response.status_code == 201, response.text
    consent = response.json()
    assert consent["status"] == "active"
    assert "42 CFR part 2" in consent["redisclosure_notice"]
    listed = client.get(
        f"/api/v1/cases/{case['id']}/consents", headers=make.headers(practice.lead)
    ).json()
    assert [c["id"] for c in listed["items"]] == [consent["id"]]


@pytest.mark.parametrize(
    ("overrides", "reason"),
    [
        ({"expires_at": None}, "needs expires_at or expiration_event"),
        ({"recipient_treatment_center_id": None}, "name the recipient"),
        ({"signer_relationship": "neighbour"}, "signer_relationship"),
        ({"purpose": ""}, "purpose"),
        ({"signature_method": "thumbprint"}, "signature_method"),
    ],
)
def test_a_consent_missing_an_element_is_refused(
    client: TestClient,
    make: Factory,
    practice: Practice,
    center: dict[str, Any],
    overrides: dict[str, Any],
    reason: str,
) -> None:
    case = practice.open_case(client, make)
    response = client.post(
        f"/api/v1/cases/{case['id']}/consents",
        json=consent_body(center["id"], **overrides),
        headers=make.headers(practice.lead),
    )
    assert response.status_code == 422
    assert reason in response.text


def test_an_expiration_event_may_replace_a_date_and_the_recipient_must_be_in_the_directory(
    client: TestClient, make: Factory, practice: Practice, center: dict[str, Any]
) -> None:
    case = practice.open_case(client, make)
    by_event = consent_body(
        center["id"], expires_at=None, expiration_event="Discharge from residential treatment"
    )
    assert (
        client.post(
            f"/api/v1/cases/{case['id']}/consents",
            json=by_event,
            headers=make.headers(practice.lead),
        ).status_code
        == 201
    )
    theirs = client.post(
        "/api/v1/treatment-centers",
        json={"name": "Elsewhere"},
        headers=make.headers(practice.outsider),
    ).json()
    foreign = client.post(
        f"/api/v1/cases/{case['id']}/consents",
        json=consent_body(theirs["id"]),
        headers=make.headers(practice.lead),
    )
    assert foreign.status_code == 422


def test_a_consent_cannot_change_but_can_be_revoked_once(
    client: TestClient, make: Factory, practice: Practice, center: dict[str, Any]
) -> None:
    case = practice.open_case(client, make)
    consent = client.post(
        f"/api/v1/cases/{case['id']}/consents",
        json=consent_body(center["id"]),
        headers=make.headers(practice.lead),
    ).json()
    path = f"/api/v1/consents/{consent['id']}"
    assert (
        client.patch(
            path, json={"purpose": "anything"}, headers=make.headers(practice.lead)
        ).status_code
        == 405
    )
    revoked = client.post(
        f"{path}/revoke",
        json={"note": "Client withdrew consent by phone."},
        headers=make.headers(practice.lead),
    )
    assert revoked.json()["status"] == "revoked"
    assert (
        client.post(f"{path}/revoke", json={}, headers=make.headers(practice.lead)).status_code
        == 409
    )
    assert client.get(path, headers=make.headers(practice.outsider)).status_code == 404
    assert client.get(path, headers=make.headers(practice.colleague)).status_code == 404


def test_a_consent_expires_and_is_announced_two_weeks_ahead(
    client: TestClient,
    make: Factory,
    practice: Practice,
    center: dict[str, Any],
    session_factory: object,
) -> None:
    case = practice.open_case(client, make)
    expires = clock.now() + timedelta(days=20)
    consent = client.post(
        f"/api/v1/cases/{case['id']}/consents",
        json=consent_body(center["id"], expires_at=expires.isoformat()),
        headers=make.headers(practice.lead),
    ).json()
    with clock.frozen_at(expires - timedelta(days=10)):
        assert run_once(session_factory)["warn_expiring_consents"] == 1  # type: ignore[arg-type]
    with clock.frozen_at(expires - timedelta(days=9)):
        assert run_once(session_factory)["warn_expiring_consents"] == 0  # type: ignore[arg-type]
        alerts = client.get(
            "/api/v1/alerts",
            params={"kind": "consent_expiring"},
            headers=make.headers(practice.lead),
        ).json()
    assert len(alerts["items"]) == 1
    with clock.frozen_at(expires + timedelta(minutes=1)):
        status = client.get(
            f"/api/v1/consents/{consent['id']}", headers=make.headers(practice.lead)
        ).json()["status"]
    assert status == "expired"
