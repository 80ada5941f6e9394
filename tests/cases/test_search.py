"""GET /cases?q=: people are found as they are written (issue #10 §1), the same on both databases."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, select, text
from sqlmodel import col

from api.cases.models import Case
from api.core.search import matches
from tests.factories import Factory
from tests.practice import Practice

CURLY = "\u2019"  # RIGHT SINGLE QUOTATION MARK, the apostrophe phones insert


@pytest.fixture
def caseload(client: TestClient, make: Factory, practice: Practice) -> dict[str, str]:
    """Reference of each client, by name as written at intake."""
    names = {
        "Ángela NÚÑEZ": {"first_name": "Ángela", "last_name": "NÚÑEZ"},
        f"Siobhan O{CURLY}Brien": {"first_name": "Siobhan", "last_name": f"O{CURLY}Brien"},
        "Liam O'Connor": {"first_name": "Liam", "last_name": "O'Connor"},
        "Mary-Kate Smith-Jones": {
            "first_name": "Mary-Kate",
            "last_name": "Smith-Jones",
            "preferred_name": "Katie",
        },
        "Daniel Okafor": {"first_name": "Daniel", "last_name": "Okafor"},
    }
    return {
        name: practice.open_case(client, make, client=body)["reference"]
        for name, body in names.items()
    }


def found(client: TestClient, make: Factory, practice: Practice, q: str) -> list[str]:
    response = client.get("/api/v1/cases", params={"q": q}, headers=make.headers(practice.lead))
    assert response.status_code == 200, response.text
    return sorted(item["reference"] for item in response.json()["items"])


@pytest.mark.parametrize(
    ("q", "name"),
    [
        # Case and accents, whichever way they are typed.
        ("NÚÑEZ", "Ángela NÚÑEZ"),
        ("núñez", "Ángela NÚÑEZ"),
        ("ángela", "Ángela NÚÑEZ"),
        ("nunez", "Ángela NÚÑEZ"),
        ("ANGELA", "Ángela NÚÑEZ"),
        # The whole first-and-last name, with or without its accents.
        ("Ángela Núñez", "Ángela NÚÑEZ"),
        ("angela nunez", "Ángela NÚÑEZ"),
        ("  angela   nunez ", "Ángela NÚÑEZ"),
        # Apostrophe variants, and none at all.
        ("O'Brien", f"Siobhan O{CURLY}Brien"),
        (f"O{CURLY}Brien", f"Siobhan O{CURLY}Brien"),
        ("obrien", f"Siobhan O{CURLY}Brien"),
        ("O\u02bcBrien", f"Siobhan O{CURLY}Brien"),  # MODIFIER LETTER APOSTROPHE
        ("siobhan o'brien", f"Siobhan O{CURLY}Brien"),
        (f"O{CURLY}Connor", "Liam O'Connor"),
        ("O\u2018Connor", "Liam O'Connor"),  # LEFT SINGLE QUOTATION MARK
        ("oconnor", "Liam O'Connor"),
        # Dash variants, a space, or none.
        ("smith\u2013jones", "Mary-Kate Smith-Jones"),  # EN DASH
        ("smith jones", "Mary-Kate Smith-Jones"),
        ("smithjones", "Mary-Kate Smith-Jones"),
        ("mary kate", "Mary-Kate Smith-Jones"),
        # The preferred name with the last name.
        ("katie smith-jones", "Mary-Kate Smith-Jones"),
    ],
)
def test_a_client_is_found_however_the_name_is_typed(
    client: TestClient,
    make: Factory,
    practice: Practice,
    caseload: dict[str, str],
    q: str,
    name: str,
) -> None:
    assert found(client, make, practice, q) == [caseload[name]]


def test_a_case_is_found_by_its_reference_however_it_is_typed(
    client: TestClient, make: Factory, practice: Practice, caseload: dict[str, str]
) -> None:
    reference = caseload["Liam O'Connor"]  # C-<year>-NNNN
    assert found(client, make, practice, reference) == [reference]
    assert found(client, make, practice, reference.lower()) == [reference]
    assert found(client, make, practice, reference.replace("-", "\u2011")) == [reference]


def test_a_search_never_spans_two_fields_and_wildcards_are_literal(
    client: TestClient, make: Factory, practice: Practice, caseload: dict[str, str]
) -> None:
    # "okafor" ends the name and "c" begins the reference: not one run of text.
    assert found(client, make, practice, "okafor c") == []
    assert found(client, make, practice, "%") == []
    assert found(client, make, practice, "_") == []
    assert found(client, make, practice, f"{CURLY}-") == []


def test_an_edited_name_is_found_by_its_new_spelling_only(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    case = practice.open_case(client, make, client={"first_name": "Jose", "last_name": "Pena"})
    edited = client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"client": {"first_name": "José", "last_name": "Peña", "preferred_name": "Pepe"}},
        headers=make.headers(practice.lead, **{"If-Match": '"v1"'}),
    )
    assert edited.status_code == 200, edited.text
    assert found(client, make, practice, "josé peña") == [case["reference"]]
    assert found(client, make, practice, "pepe pena") == [case["reference"]]
    assert found(client, make, practice, "jose pena") == [case["reference"]]

    renamed = client.patch(
        f"/api/v1/cases/{case['id']}",
        json={"client": {"last_name": "Ibáñez", "preferred_name": None}},
        headers=make.headers(practice.lead, **{"If-Match": '"v2"'}),
    )
    assert renamed.status_code == 200, renamed.text
    assert found(client, make, practice, "ibanez") == [case["reference"]]
    assert found(client, make, practice, "pena") == []
    assert found(client, make, practice, "pepe") == []


def test_the_search_stays_inside_what_the_caller_may_see(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    practice.open_case(client, make, client={"first_name": "Ángela", "last_name": "Núñez"})
    theirs = practice.open_case(
        client, make, by=practice.outsider, client={"first_name": "Ángela", "last_name": "Núñez"}
    )
    response = client.get(
        "/api/v1/cases", params={"q": "nunez"}, headers=make.headers(practice.outsider)
    )
    assert [item["reference"] for item in response.json()["items"]] == [theirs["reference"]]
    # The colleague is on neither team.
    response = client.get(
        "/api/v1/cases", params={"q": "nunez"}, headers=make.headers(practice.colleague)
    )
    assert response.json()["items"] == []


@pytest.mark.postgres_only
def test_the_case_search_can_use_the_trigram_index(connection: Connection) -> None:
    query = select(col(Case.id)).where(matches(col(Case.search_key), "Núñez"))
    compiled = query.compile(connection)
    connection.execute(text("SET LOCAL enable_seqscan = off"))
    explained = connection.exec_driver_sql(f"EXPLAIN {compiled}", compiled.params)
    plan = "\n".join(row[0] for row in explained)
    assert "ix_cases_search_key" in plan, plan
    assert "%nunez%" in plan, plan
