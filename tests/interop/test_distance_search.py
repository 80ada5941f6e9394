"""?near=lat,lon&within_km= on /treatment-centers and /resources: nearest first."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from api.interop.geo import haversine_km
from tests.factories import Factory
from tests.practice import Practice

PIONEER_SQUARE = "45.5189,-122.6793"  # downtown Portland, OR
PLACES = {
    "Downtown Recovery": (45.5231, -122.6765),  # 0.5 km
    "Gresham Outpatient": (45.4982, -122.4310),  # about 19.5 km
    "Salem Residential": (44.9429, -123.0351),  # about 71 km
    "Seattle Withdrawal Management": (47.6040, -122.3238),  # about 233 km
}


@pytest.fixture
def directory(client: TestClient, make: Factory, practice: Practice) -> None:
    admin = make.headers(practice.admin)
    for name, (lat, lon) in PLACES.items():
        created = client.post(
            "/api/v1/treatment-centers",
            json={"name": name, "latitude": lat, "longitude": lon, "levels_of_care": ["1"]},
            headers=admin,
        )
        assert created.status_code == 201, created.text
        resource = client.post(
            "/api/v1/resources",
            json={
                "name": f"{name} group",
                "kind": "mutual_help",
                "audience": "client",
                "format": "in_person",
                "latitude": lat,
                "longitude": lon,
            },
            headers=admin,
        )
        assert resource.status_code == 201, resource.text
    no_place = client.post(
        "/api/v1/treatment-centers", json={"name": "Nowhere Known"}, headers=admin
    )
    assert no_place.status_code == 201


@pytest.mark.usefixtures("directory")
@pytest.mark.parametrize("path", ["/api/v1/treatment-centers", "/api/v1/resources"])
def test_near_lists_the_nearest_first_with_distances(
    client: TestClient, make: Factory, practice: Practice, path: str
) -> None:
    headers = make.headers(practice.lead)
    response = client.get(path, params={"near": PIONEER_SQUARE, "within_km": 100}, headers=headers)
    assert response.status_code == 200, response.text
    page = response.json()
    names = [item["name"].removesuffix(" group") for item in page["items"]]
    assert names == ["Downtown Recovery", "Gresham Outpatient", "Salem Residential"]
    distances = [item["distance_km"] for item in page["items"]]
    assert distances == sorted(distances)
    lat, lon = (float(x) for x in PIONEER_SQUARE.split(","))
    assert distances[1] == pytest.approx(
        haversine_km(lat, lon, *PLACES["Gresham Outpatient"]), abs=0.001
    )
    assert 19 < distances[1] < 20
    assert page["next_cursor"] is None

    default_radius = client.get(path, params={"near": PIONEER_SQUARE}, headers=headers).json()
    assert len(default_radius["items"]) == 2  # 50 km by default
    nearest_one = client.get(
        path, params={"near": PIONEER_SQUARE, "within_km": 500, "limit": 1}, headers=headers
    )
    assert [i["name"].removesuffix(" group") for i in nearest_one.json()["items"]] == [
        "Downtown Recovery"
    ]
    everything = client.get(
        path, params={"near": PIONEER_SQUARE, "within_km": 500}, headers=headers
    ).json()
    assert len(everything["items"]) == 4  # the entry without coordinates is never "near"
    # Without near, the list is by name and carries no distance.
    plain = client.get(path, headers=headers).json()["items"]
    assert all(item["distance_km"] is None for item in plain)


@pytest.mark.usefixtures("directory")
def test_near_combines_with_other_filters(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    found = client.get(
        "/api/v1/treatment-centers",
        params={"near": PIONEER_SQUARE, "within_km": 100, "q": "salem"},
        headers=make.headers(practice.lead),
    ).json()["items"]
    assert [c["name"] for c in found] == ["Salem Residential"]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"near": "45.5"}, "near"),
        ({"near": "north,south"}, "near"),
        ({"near": "95,-122"}, "near"),
        ({"near": "45,-190"}, "near"),
        ({"near": "45,-122", "within_km": 0}, "within_km"),
        ({"near": "45,-122", "within_km": 99999}, "within_km"),
    ],
)
@pytest.mark.parametrize("path", ["/api/v1/treatment-centers", "/api/v1/resources"])
def test_a_bad_near_is_422_naming_it(
    client: TestClient,
    make: Factory,
    practice: Practice,
    params: dict[str, object],
    field: str,
    path: str,
) -> None:
    response = client.get(path, params=params, headers=make.headers(practice.lead))
    assert response.status_code == 422, response.text
    assert response.json()["errors"][0]["loc"] == ["query", field]
    assert "should match" not in response.text  # says how to write it, not a regular expression
    # A radius alone asks nothing of distance: the plain list by name.
    alone = client.get(path, params={"within_km": 10}, headers=make.headers(practice.lead))
    assert alone.status_code == 200


def test_coordinates_are_validated_on_write(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    admin = make.headers(practice.admin)
    too_far = client.post(
        "/api/v1/treatment-centers",
        json={"name": "X", "latitude": 91, "longitude": 0},
        headers=admin,
    )
    assert too_far.status_code == 422
    assert too_far.json()["errors"][0]["loc"] == ["body", "latitude"]
    half = client.post(
        "/api/v1/treatment-centers", json={"name": "X", "latitude": 45}, headers=admin
    )
    assert half.status_code == 422


def test_the_box_crosses_the_antimeridian() -> None:
    """Points either side of 180° are both inside a box around Fiji."""
    from sqlalchemy import column, select

    from api.interop.geo import Near, bounding_box

    condition = bounding_box(column("lat"), column("lon"), Near(-17.7, 179.9, 100))
    assert " OR " in str(select(column("x")).where(condition))
    assert haversine_km(-17.7, 179.9, -17.7, -179.9) < 25
