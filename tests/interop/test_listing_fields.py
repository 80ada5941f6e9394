"""The listing fields centers and resources gain, and the ASAM withdrawal-management levels."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.practice import Practice

CENTERS = "/api/v1/treatment-centers"


def test_levels_accept_the_withdrawal_management_codes_and_normalise_1_0_and_4_0(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = client.post(
        CENTERS,
        json={"name": "Lakeview", "levels_of_care": ["1.0", "4.0", "3.2-WM", "OTP", "2-WM", "1"]},
        headers=make.headers(practice.admin),
    )
    assert created.status_code == 201, created.text
    assert created.json()["levels_of_care"] == ["1", "4", "3.2-WM", "OTP", "2-WM"]
    found = client.get(
        CENTERS, params={"level_of_care": "4.0"}, headers=make.headers(practice.lead)
    )
    assert [c["name"] for c in found.json()["items"]] == ["Lakeview"]
    refused = client.post(
        CENTERS,
        json={"name": "X", "levels_of_care": ["3.3-WM"]},
        headers=make.headers(practice.admin),
    )
    assert refused.status_code == 422


def test_listing_fields_are_stored_split_and_edited(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    admin = make.headers(practice.admin)
    created = client.post(
        CENTERS,
        json={
            "name": "Lakeview",
            "intake_phone": "(555) 555-0142 ext. 12",
            "hotline_phone": "800-555-0100",
            "hotline_phone_extension": "x9",
            "payment_accepted": ["medicaid", "free", "medicaid"],
            "opioid_medications": ["unspecified", "buprenorphine"],
            "accreditation": ["CARF"],
            "telehealth": True,
            "languages": ["en", "es-MX"],
            "genders_accepted": ["female"],
            "external_source": "samhsa_locator",
            "external_id": "ABC123",
        },
        headers=admin,
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert (body["intake_phone"], body["intake_phone_extension"]) == ("(555) 555-0142", "12")
    assert (body["hotline_phone"], body["hotline_phone_extension"]) == ("800-555-0100", "9")
    assert body["payment_accepted"] == ["medicaid", "free"]
    assert body["opioid_medications"] == ["buprenorphine"]
    assert body["telehealth"] is True

    path = f"{CENTERS}/{body['id']}"
    patched = client.patch(
        path, json={"intake_phone": None, "opioid_medications": ["methadone"]}, headers=admin
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["intake_phone"] is None
    assert patched.json()["intake_phone_extension"] is None
    assert patched.json()["opioid_medications"] == ["methadone"]
    found = client.get(
        CENTERS, params={"opioid_medication": "methadone"}, headers=make.headers(practice.lead)
    )
    assert [c["name"] for c in found.json()["items"]] == ["Lakeview"]

    duplicate = client.post(
        CENTERS,
        json={"name": "Copy", "external_source": "samhsa_locator", "external_id": "ABC123"},
        headers=admin,
    )
    assert duplicate.status_code == 409
    # The same id from another source, or in another practice, is someone else's.
    other_source = client.post(
        CENTERS,
        json={"name": "Copy", "external_source": "hsds", "external_id": "ABC123"},
        headers=admin,
    )
    assert other_source.status_code == 201
    other_org = client.post(
        CENTERS,
        json={"name": "Copy", "external_source": "samhsa_locator", "external_id": "ABC123"},
        headers=make.headers(practice.outsider),
    )
    assert other_org.status_code == 201


def test_bad_listing_values_are_422(client: TestClient, make: Factory, practice: Practice) -> None:
    admin = make.headers(practice.admin)
    for body, field in (
        ({"payment_accepted": ["bitcoin"]}, "payment_accepted"),
        ({"opioid_medications": ["mat"]}, "opioid_medications"),
        ({"genders_accepted": ["any"]}, "genders_accepted"),
        ({"intake_phone": "call us"}, "intake_phone"),
        ({"longitude": 200, "latitude": 0}, "longitude"),
        ({"telehealth": "yes"}, "telehealth"),
        ({"external_source": "SAMHSA Locator"}, "external_source"),
    ):
        response = client.post(CENTERS, json={"name": "X", **body}, headers=admin)
        assert response.status_code == 422, (body, response.text)
        assert response.json()["errors"][0]["loc"][:2] == ["body", field], body
    no_source = client.post(CENTERS, json={"name": "X", "external_id": "1"}, headers=admin)
    assert no_source.status_code == 422
    assert no_source.json()["errors"][0]["loc"] == ["body", "external_source"]
    no_number = client.post(
        CENTERS, json={"name": "X", "intake_phone_extension": "12"}, headers=admin
    )
    assert no_number.status_code == 422
    assert no_number.json()["errors"][0]["loc"] == ["body", "intake_phone_extension"]


def test_resources_take_the_same_listing_fields(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = client.post(
        "/api/v1/resources",
        json={
            "name": "Recovery Café",
            "kind": "community_program",
            "audience": "both",
            "format": "in_person",
            "latitude": 47.61,
            "longitude": -122.33,
            "hotline_phone": "206-555-0100 #4",
            "populations": ["veterans"],
            "genders_accepted": ["female", "male", "nonbinary"],
            "payment_accepted": ["free"],
        },
        headers=make.headers(practice.supervisor),
    )
    assert created.status_code == 201, created.text
    body = created.json()
    assert body["hotline_phone_extension"] == "4"
    assert body["populations"] == ["veterans"]
    assert body["opioid_medications"] == []
