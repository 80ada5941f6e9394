"""Phones with extensions and e-mails at special-use domains, on every record that keeps one
(issue #10 §6). The number and the extension are stored and returned apart."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response

from tests.factories import PASSWORD, Factory, case_body
from tests.practice import Practice

WRITTEN = [
    ("(555) 555-0142 ext. 12", "(555) 555-0142", "12"),
    ("608-555-0100 x11", "608-555-0100", "11"),
    ("+1 555 0100 #7", "+1 555 0100", "7"),
    ("555-555-0142 extension 3", "555-555-0142", "3"),
    ("555 555 0142 EXT12", "555 555 0142", "12"),
    ("555 555 0142x9", "555 555 0142", "9"),
    ("+1 555 555 0142,12", "+1 555 555 0142", "12"),
    ("+1 555 555 0142", "+1 555 555 0142", None),
]
KINDS = ["case client", "participant", "treatment center"]


class Records:
    """Create, read and change the phone of one kind of record over HTTP."""

    def __init__(self, http: TestClient, make: Factory, practice: Practice, kind: str) -> None:
        self.http, self.make, self.practice, self.kind = http, make, practice, kind

    @property
    def headers(self) -> dict[str, str]:
        user = self.practice.admin if self.kind == "treatment center" else self.practice.lead
        return self.make.headers(user)

    def create(self, **fields: Any) -> Response:
        if self.kind == "case client":
            client = {"first_name": "Daniel", "last_name": "Okafor", **fields}
            return self.http.post(
                "/api/v1/cases", json=case_body(client=client), headers=self.headers
            )
        if self.kind == "participant":
            case = self.practice.open_case(self.http, self.make)
            body = {"full_name": "Grace Okafor", "relationship": "sibling", **fields}
            return self.http.post(
                f"/api/v1/cases/{case['id']}/participants", json=body, headers=self.headers
            )
        body = {"name": "Lakeside Recovery", **fields}
        return self.http.post("/api/v1/treatment-centers", json=body, headers=self.headers)

    def path(self, record: dict[str, Any]) -> str:
        collection = {
            "case client": "cases",
            "participant": "participants",
            "treatment center": "treatment-centers",
        }[self.kind]
        return f"/api/v1/{collection}/{record['id']}"

    def change(self, record: dict[str, Any], **fields: Any) -> Response:
        body = {"client": fields} if self.kind == "case client" else fields
        return self.http.patch(self.path(record), json=body, headers=self.headers)

    def read(self, record: dict[str, Any]) -> tuple[str | None, str | None]:
        response = self.http.get(self.path(record), headers=self.headers)
        assert response.status_code == 200, response.text
        return phone_of(self.kind, response.json())

    def field(self, name: str) -> list[str]:
        """Where a 422 names `name` in this kind's body."""
        return ["body", "client", name] if self.kind == "case client" else ["body", name]


def phone_of(kind: str, record: dict[str, Any]) -> tuple[str | None, str | None]:
    holder = record["client"] if kind == "case client" else record
    return holder["phone"], holder["phone_extension"]


@pytest.fixture(params=KINDS)
def records(
    request: pytest.FixtureRequest, client: TestClient, make: Factory, practice: Practice
) -> Records:
    return Records(client, make, practice, request.param)


def assert_names(response: Response, loc: list[str]) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert any(err["loc"] == loc for err in response.json()["errors"]), response.json()


@pytest.mark.parametrize(("written", "number", "extension"), WRITTEN)
def test_a_phone_written_with_an_extension_is_stored_as_number_and_extension(
    records: Records, written: str, number: str, extension: str | None
) -> None:
    created = records.create(phone=written)
    assert created.status_code == 201, created.text
    assert phone_of(records.kind, created.json()) == (number, extension)
    assert records.read(created.json()) == (number, extension)


def test_the_extension_may_come_in_its_own_field(records: Records) -> None:
    created = records.create(phone="(555) 555-0142", phone_extension="12")
    assert created.status_code == 201, created.text
    assert records.read(created.json()) == ("(555) 555-0142", "12")
    same = records.create(phone="(555) 555-0142 ext. 12", phone_extension="ext. 12")
    assert phone_of(records.kind, same.json()) == ("(555) 555-0142", "12")


def test_changing_the_number_or_the_extension(records: Records) -> None:
    record = records.create(phone="608-555-0100 x11").json()
    only_extension = records.change(record, phone_extension="14")
    assert only_extension.status_code == 200, only_extension.text
    assert records.read(record) == ("608-555-0100", "14")
    # A new number replaces the old one whole: its extension goes with it.
    new_number = records.change(record, phone="608-555-0199")
    assert new_number.status_code == 200, new_number.text
    assert records.read(record) == ("608-555-0199", None)
    records.change(record, phone="608-555-0199 #3")
    assert records.read(record) == ("608-555-0199", "3")
    assert records.change(record, phone=None).status_code == 200
    assert records.read(record) == (None, None)


def test_an_extension_needs_a_number(records: Records) -> None:
    assert_names(records.create(phone_extension="12"), records.field("phone_extension"))
    record = records.create().json()
    assert_names(records.change(record, phone_extension="12"), records.field("phone_extension"))
    assert records.read(record) == (None, None)


@pytest.mark.parametrize(
    ("fields", "name"),
    [
        ({"phone": "call me"}, "phone"),
        ({"phone": "555 014 ext. 12"}, "phone"),  # 6 digits before the extension
        ({"phone": "608-555-0100 x"}, "phone"),
        ({"phone": "608-555-0100 ext. 12345678901"}, "phone"),
        ({"phone": "608-555-0100 x11 x12"}, "phone"),
        ({"phone": "608-555-0100", "phone_extension": "front desk"}, "phone_extension"),
        ({"phone": "608-555-0100 x11", "phone_extension": "12"}, "phone_extension"),
    ],
)
def test_a_phone_that_is_not_one_is_a_422_naming_the_field(
    records: Records, fields: dict[str, Any], name: str
) -> None:
    assert_names(records.create(**fields), records.field(name))


def test_the_openapi_schema_publishes_the_phone_pattern(client: TestClient) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    for model in ("ClientIn", "ParticipantCreate", "TreatmentCenterCreate"):
        phone = next(s for s in schemas[model]["properties"]["phone"]["anyOf"] if "pattern" in s)
        for written, _, _ in WRITTEN:
            assert re.fullmatch(phone["pattern"], written), (model, written)
        assert not re.fullmatch(phone["pattern"], "call me")
        assert "(555) 555-0142 ext. 12" in phone["examples"]
        assert "phone_extension" in schemas[model]["properties"]


# --- e-mail -------------------------------------------------------------------------

ACCEPTED = ["ops@clinic.local", "Amy@Demo.Cairn.TEST", "a@b.example"]
REFUSED = ["not-an-email", "a@", "a b@c.d"]


def email_writers(
    http: TestClient, make: Factory, practice: Practice
) -> dict[str, tuple[Callable[[str], Response], list[str], Callable[[Response], str]]]:
    def user(email: str) -> Response:
        body = {
            "email": email,
            "full_name": "Sam Rivera",
            "role": "interventionist",
            "password": "a-long-initial-password",
        }
        return http.post("/api/v1/users", json=body, headers=make.headers(practice.admin))

    def participant(email: str) -> Response:
        case = practice.open_case(http, make)
        return http.post(
            f"/api/v1/cases/{case['id']}/participants",
            json={"full_name": "Grace", "relationship": "sibling", "email": email},
            headers=make.headers(practice.lead),
        )

    def case_client(email: str) -> Response:
        client = {"first_name": "Daniel", "last_name": "Okafor", "email": email}
        return http.post(
            "/api/v1/cases", json=case_body(client=client), headers=make.headers(practice.lead)
        )

    return {
        "user": (user, ["body", "email"], lambda r: str(r.json()["email"])),
        "participant": (participant, ["body", "email"], lambda r: str(r.json()["email"])),
        "case client": (
            case_client,
            ["body", "client", "email"],
            lambda r: str(r.json()["client"]["email"]),
        ),
    }


@pytest.mark.parametrize("kind", ["user", "participant", "case client"])
@pytest.mark.parametrize("email", ACCEPTED)
def test_any_syntactically_valid_email_is_accepted(
    client: TestClient, make: Factory, practice: Practice, kind: str, email: str
) -> None:
    write, _, stored = email_writers(client, make, practice)[kind]
    response = write(email)
    assert response.status_code == 201, response.text
    assert stored(response) == email.lower()


@pytest.mark.parametrize("kind", ["user", "participant", "case client"])
@pytest.mark.parametrize("email", REFUSED)
def test_an_email_that_is_not_one_is_a_422_naming_the_field(
    client: TestClient, make: Factory, practice: Practice, kind: str, email: str
) -> None:
    write, loc, _ = email_writers(client, make, practice)[kind]
    assert_names(write(email), loc)


def test_staff_at_a_local_domain_sign_in_and_can_be_renamed(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    headers = make.headers(practice.admin)
    moved = client.patch(
        f"/api/v1/users/{practice.lead.id}", json={"email": "jordan@clinic.local"}, headers=headers
    )
    assert moved.status_code == 200, moved.text
    assert moved.json()["email"] == "jordan@clinic.local"
    signed_in = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "jordan@clinic.local", "password": PASSWORD},
    )
    assert signed_in.status_code == 200, signed_in.text


def test_a_bad_email_gets_a_plain_message(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = client.post(
        "/api/v1/cases",
        json={"client": {"first_name": "Ana", "last_name": "Diaz", "email": "ana@example..org"}},
        headers=make.headers(practice.lead),
    )
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    assert error["loc"] == ["body", "client", "email"]
    assert error["msg"].endswith("Not a valid email address; write it like name@example.org")
    assert "@-sign" not in error["msg"]
    assert "period" not in error["msg"]
