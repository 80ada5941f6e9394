from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.factories import Factory
from tests.practice import Practice

HAZELDEN = {
    "name": "Hazelden Betty Ford, Center City",
    "levels_of_care": ["3.5", "3.7"],
    "services": ["detox", "family_program"],
    "city": "Center City",
    "country": "US",
    "beds_available": 4,
}


def add(client: TestClient, make: Factory, practice: Practice, **body: Any) -> Any:
    return client.post("/api/v1/treatment-centers", json=body, headers=make.headers(practice.admin))


def test_an_admin_builds_the_directory_and_everyone_filters_it(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    hazelden = add(client, make, practice, **HAZELDEN)
    assert hazelden.status_code == 201, hazelden.text
    assert hazelden.json()["beds_updated_at"] is not None
    assert hazelden.json()["is_partner"] is False
    add(
        client,
        make,
        practice,
        name="Riverside Outpatient",
        levels_of_care=["1", "2.1"],
        services=["sober_living"],
        beds_available=0,
    )
    headers = make.headers(practice.lead)

    def names(**params: Any) -> list[str]:
        response = client.get("/api/v1/treatment-centers", params=params, headers=headers)
        assert response.status_code == 200, response.text
        return [c["name"] for c in response.json()["items"]]

    assert names() == ["Hazelden Betty Ford, Center City", "Riverside Outpatient"]
    assert names(level_of_care="3.7") == ["Hazelden Betty Ford, Center City"]
    assert names(level_of_care="1") == ["Riverside Outpatient"]
    assert names(service="sober_living") == ["Riverside Outpatient"]
    assert names(has_beds="true") == ["Hazelden Betty Ford, Center City"]
    assert names(has_beds="false") == ["Riverside Outpatient"]
    assert names(q="center city") == ["Hazelden Betty Ford, Center City"]
    assert (
        client.get(
            "/api/v1/treatment-centers", params={"level_of_care": "3.6"}, headers=headers
        ).status_code
        == 422
    )


def test_the_directory_finds_centers_as_they_are_written(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    created = add(
        client, make, practice, name="Centro de Recuperación Nuestra Señora", city="San José"
    )
    assert created.status_code == 201, created.text
    add(client, make, practice, name="St. Mary\u2019s Recovery\u2013Residential", city="Saint Paul")
    headers = make.headers(practice.lead)

    def names(q: str) -> list[str]:
        response = client.get("/api/v1/treatment-centers", params={"q": q}, headers=headers)
        assert response.status_code == 200, response.text
        return [c["name"] for c in response.json()["items"]]

    for q in ("RECUPERACIÓN", "recuperacion", "senora", "san jose", "SAN JOSÉ"):
        assert names(q) == ["Centro de Recuperación Nuestra Señora"], q
    for q in ("st mary's", "st. marys", "recovery-residential", "saint paul"):
        assert names(q) == ["St. Mary\u2019s Recovery\u2013Residential"], q

    edited = client.patch(
        f"/api/v1/treatment-centers/{created.json()['id']}",
        json={"city": "Mayagüez"},
        headers=make.headers(practice.admin),
    )
    assert edited.status_code == 200, edited.text
    assert names("mayaguez") == ["Centro de Recuperación Nuestra Señora"]
    assert names("san jose") == []


@pytest.mark.parametrize(
    "body",
    [
        {"levels_of_care": ["5"]},
        {"services": ["spa"]},
        {"website": "not a url"},
        {"country": "usa"},
        {"beds_available": -1},
        {"is_partner": True},
        {"name": ""},
    ],
)
def test_bad_directory_input_is_422(
    client: TestClient, make: Factory, practice: Practice, body: dict[str, Any]
) -> None:
    assert add(client, make, practice, **{"name": "X", **body}).status_code == 422


def test_only_admins_write_the_directory_and_others_never_see_it(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    assert add(client, make, practice, **HAZELDEN) is not None
    center = client.get("/api/v1/treatment-centers", headers=make.headers(practice.admin)).json()[
        "items"
    ][0]
    path = f"/api/v1/treatment-centers/{center['id']}"
    assert (
        client.post(
            "/api/v1/treatment-centers", json=HAZELDEN, headers=make.headers(practice.supervisor)
        ).status_code
        == 403
    )
    assert (
        client.patch(
            path, json={"beds_available": 1}, headers=make.headers(practice.lead)
        ).status_code
        == 403
    )
    assert client.get(path, headers=make.headers(practice.outsider)).status_code == 404
    assert (
        client.patch(
            path, json={"beds_available": 1}, headers=make.headers(practice.outsider)
        ).status_code
        == 404
    )
    assert (
        client.get("/api/v1/treatment-centers", headers=make.headers(practice.outsider)).json()[
            "items"
        ]
        == []
    )
    updated = client.patch(
        path,
        json={"beds_available": 0},
        headers=make.headers(practice.admin, **{"If-Match": '"v1"'}),
    )
    assert updated.json()["beds_available"] == 0
    assert (
        client.patch(
            path, json={"city": "x"}, headers=make.headers(practice.admin, **{"If-Match": '"v1"'})
        ).status_code
        == 412
    )


def test_a_partner_api_client_signs_in_with_client_credentials_until_revoked(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    center = add(client, make, practice, **HAZELDEN).json()
    created = client.post(
        f"/api/v1/treatment-centers/{center['id']}/api-clients",
        json={"webhook_url": "https://partner.example.org/hooks"},
        headers=make.headers(practice.admin),
    )
    assert created.status_code == 201, created.text
    credentials = created.json()
    assert credentials["client_secret"]
    assert credentials["webhook_secret"]
    listed = client.get(
        f"/api/v1/treatment-centers/{center['id']}/api-clients",
        headers=make.headers(practice.admin),
    )
    assert "client_secret" not in listed.text
    assert credentials["client_secret"] not in listed.text
    assert client.get(
        f"/api/v1/treatment-centers/{center['id']}", headers=make.headers(practice.lead)
    ).json()["is_partner"]

    def token(secret: str) -> Any:
        return client.post(
            "/api/v1/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": credentials["client_id"],
                "client_secret": secret,
            },
        )

    assert token("wrong").status_code == 401
    granted = token(credentials["client_secret"])
    assert granted.status_code == 200
    assert granted.json().get("refresh_token") is None
    partner = {"Authorization": f"Bearer {granted.json()['access_token']}"}
    me = client.get("/api/v1/auth/me", headers=partner).json()
    assert me["kind"] == "partner"
    assert me["full_name"] == HAZELDEN["name"]
    assert client.get("/api/v1/cases", headers=partner).status_code == 403
    assert client.get("/api/v1/treatment-centers", headers=partner).status_code == 403

    assert (
        client.delete(
            f"/api/v1/api-clients/{credentials['id']}", headers=make.headers(practice.admin)
        ).status_code
        == 204
    )
    assert client.get("/api/v1/auth/me", headers=partner).status_code == 401
    assert token(credentials["client_secret"]).status_code == 401
    assert (
        client.delete(
            f"/api/v1/api-clients/{credentials['id']}", headers=make.headers(practice.outsider)
        ).status_code
        == 404
    )
