"""/users: an admin manages the staff of their practice; everyone else sees only the
directory of active colleagues (id, name, role)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from api.organizations.models import Organization
from api.users.models import Role, User
from tests.factories import PASSWORD, Factory

USERS = "/api/v1/users"
PROBLEM = "application/problem+json"
NEW_COLLEAGUE = {
    "email": "sam.rivera@hillside.example",
    "full_name": "Sam Rivera",
    "role": "interventionist",
    "password": "a-long-initial-password",
}


def user_url(user: User | str) -> str:
    return f"{USERS}/{user.id if isinstance(user, User) else user}"


def sign_in(client: TestClient, email: str, password: str = PASSWORD) -> Response:
    return client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": email, "password": password},
    )


def assert_problem(response: Response, status: int, slug: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    problem: dict[str, Any] = response.json()
    assert problem["type"] == f"/api/v1/problems/{slug}"
    assert problem["status"] == status
    return problem


@pytest.fixture
def practice(make: Factory) -> Organization:
    return make.organization("Hillside Recovery Partners")


@pytest.fixture
def admin(make: Factory, practice: Organization) -> User:
    return make.user(practice, Role.admin, email="ada@hillside.example", full_name="Ada Okoro")


# --- list -------------------------------------------------------------------------


def test_walking_the_staff_list_one_page_at_a_time_shows_everyone_once(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    make.user(practice, Role.supervisor, email="bea@hillside.example")
    make.user(practice, Role.interventionist, email="cal@hillside.example")
    make.user(practice, Role.interventionist, email="dev@hillside.example")
    make.user(make.organization(), Role.admin, email="eve@elsewhere.example")

    seen: list[str] = []
    cursor: str | None = None
    for _ in range(10):
        params: dict[str, Any] = {"limit": 1}
        if cursor:
            params["cursor"] = cursor
        page = client.get(USERS, params=params, headers=make.headers(admin))
        assert page.status_code == 200, page.text
        body = page.json()
        assert len(body["items"]) == 1
        seen.append(body["items"][0]["email"])
        cursor = body["next_cursor"]
        if cursor is None:
            break

    assert seen == [
        "ada@hillside.example",
        "bea@hillside.example",
        "cal@hillside.example",
        "dev@hillside.example",
    ]


def test_a_list_item_shows_the_staff_fields_and_never_the_password(
    client: TestClient, make: Factory, admin: User
) -> None:
    body = client.get(USERS, headers=make.headers(admin)).json()

    assert body["next_cursor"] is None
    (item,) = body["items"]
    assert item["id"] == str(admin.id)
    assert item["full_name"] == "Ada Okoro"
    assert item["role"] == "admin"
    assert item["is_active"] is True
    assert item["version"] == 1
    assert {"created_at", "updated_at"} <= item.keys()
    assert not {"password", "password_hash", "session_epoch", "organization_id"} & item.keys()


def test_the_staff_list_can_be_searched_by_name_or_email(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    make.user(practice, email="bea@hillside.example", full_name="Beatrix Lindqvist")
    make.user(practice, email="cal@hillside.example", full_name="Calum Reid")

    def search(q: str) -> list[str]:
        response = client.get(USERS, params={"q": q}, headers=make.headers(admin))
        assert response.status_code == 200
        return [u["email"] for u in response.json()["items"]]

    assert search("LINDQ") == ["bea@hillside.example"]
    assert search("cal@") == ["cal@hillside.example"]
    assert search("nobody") == []
    # Wildcards are searched for literally, not as patterns.
    assert search("%") == []
    assert search("_") == []


def test_the_staff_list_finds_names_as_they_are_written(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    make.user(practice, email="angela@hillside.example", full_name="Ángela NÚÑEZ")
    make.user(practice, email="siobhan@hillside.example", full_name="Siobhan O\u2019Brien")
    liam = make.user(practice, email="liam@hillside.example", full_name="Liam O'Connor")

    def search(q: str) -> list[str]:
        response = client.get(USERS, params={"q": q}, headers=make.headers(admin))
        assert response.status_code == 200
        return [u["email"] for u in response.json()["items"]]

    for q in ("NÚÑEZ", "núñez", "ángela", "nunez", "angela nunez"):
        assert search(q) == ["angela@hillside.example"], q
    for q in ("O'Brien", "O\u2019Brien", "obrien", "siobhan o'brien"):
        assert search(q) == ["siobhan@hillside.example"], q
    assert search("O\u2019Connor") == ["liam@hillside.example"]
    assert search("liam@hillside") == ["liam@hillside.example"]

    # A rename through the API is found by its new spelling only.
    renamed = client.patch(
        user_url(liam), json={"full_name": "Liam Ó Conchúir"}, headers=make.headers(admin)
    )
    assert renamed.status_code == 200, renamed.text
    assert search("o conchuir") == ["liam@hillside.example"]
    assert search("oconnor") == []


def test_the_staff_list_can_be_filtered_by_role_and_active_flag(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    make.user(practice, Role.supervisor, email="bea@hillside.example")
    make.user(practice, Role.interventionist, email="cal@hillside.example")
    make.user(practice, Role.interventionist, email="dev@hillside.example", is_active=False)

    def emails(**params: Any) -> list[str]:
        response = client.get(USERS, params=params, headers=make.headers(admin))
        assert response.status_code == 200
        return [u["email"] for u in response.json()["items"]]

    assert emails(role="interventionist") == ["cal@hillside.example", "dev@hillside.example"]
    assert emails(role="supervisor") == ["bea@hillside.example"]
    assert emails(role="interventionist", is_active="false") == ["dev@hillside.example"]


@pytest.mark.parametrize(
    "params",
    [
        pytest.param({"role": "owner"}, id="unknown-role"),
        pytest.param({"limit": 0}, id="limit-zero"),
        pytest.param({"limit": 201}, id="limit-too-big"),
    ],
)
def test_bad_list_parameters_are_rejected(
    client: TestClient, make: Factory, admin: User, params: dict[str, Any]
) -> None:
    response = client.get(USERS, params=params, headers=make.headers(admin))

    problem = assert_problem(response, 422, "validation-error")
    assert problem["errors"][0]["loc"][0] == "query"


def test_a_forged_cursor_is_a_bad_request(client: TestClient, make: Factory, admin: User) -> None:
    response = client.get(USERS, params={"cursor": "not-a-cursor"}, headers=make.headers(admin))

    assert_problem(response, 400, "bad-request")


DIRECTORY = "/api/v1/colleagues"


@pytest.mark.parametrize("role", [Role.supervisor, Role.interventionist])
def test_only_admins_may_list_or_read_full_staff_records(
    client: TestClient, make: Factory, practice: Organization, admin: User, role: Role
) -> None:
    someone = make.user(practice, role)

    assert_problem(client.get(USERS, headers=make.headers(someone)), 403, "forbidden")
    assert_problem(client.get(user_url(admin), headers=make.headers(someone)), 403, "forbidden")
    assert_problem(client.get(user_url(someone), headers=make.headers(someone)), 403, "forbidden")


@pytest.mark.parametrize("role", [Role.admin, Role.supervisor, Role.interventionist])
def test_every_staff_member_sees_the_directory_of_active_colleagues(
    client: TestClient, make: Factory, practice: Organization, admin: User, role: Role
) -> None:
    me = admin if role is Role.admin else make.user(practice, role, full_name="Bea Moss")
    cal = make.user(practice, Role.interventionist, full_name="Cal Reid")
    make.user(practice, Role.interventionist, full_name="Gone Away", is_active=False)
    make.user(make.organization(), Role.interventionist, full_name="Elsewhere Person")

    response = client.get(DIRECTORY, headers=make.headers(me))

    assert response.status_code == 200, response.text
    items = response.json()["items"]
    expected = {admin.full_name, cal.full_name, me.full_name}
    assert [u["full_name"] for u in items] == sorted(expected)
    by_id = {u["id"]: u for u in items}
    assert by_id[str(cal.id)] == {
        "id": str(cal.id),
        "full_name": "Cal Reid",
        "role": "interventionist",
    }
    assert by_id[str(admin.id)]["role"] == "admin"


def test_the_directory_pages_and_searches_by_name(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    for name in ("Cal Reid", "Dana Reid", "Eli Stone"):
        make.user(practice, Role.interventionist, full_name=name)
    headers = make.headers(admin)

    found = client.get(DIRECTORY, params={"q": "reid"}, headers=headers).json()["items"]
    first = client.get(DIRECTORY, params={"limit": 2}, headers=headers).json()
    rest = client.get(
        DIRECTORY, params={"limit": 2, "cursor": first["next_cursor"]}, headers=headers
    ).json()

    assert [u["full_name"] for u in found] == ["Cal Reid", "Dana Reid"]
    names = [u["full_name"] for u in first["items"] + rest["items"]]
    assert names == ["Ada Okoro", "Cal Reid", "Dana Reid", "Eli Stone"]
    assert rest["next_cursor"] is None


def test_the_directory_never_matches_hidden_email_addresses(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    """`/colleagues` shows no e-mail address, so its search must not probe them either;
    the admins' full list still finds a colleague by address."""
    cal = make.user(
        practice, Role.interventionist, full_name="Cal Reid", email="cal@clinic.example"
    )
    me = make.user(practice, Role.interventionist, full_name="Bea Moss")

    by_address = client.get(DIRECTORY, params={"q": "clinic.example"}, headers=make.headers(me))
    by_name = client.get(DIRECTORY, params={"q": "reid"}, headers=make.headers(me))
    admins = client.get(USERS, params={"q": "cal@clinic"}, headers=make.headers(admin))

    assert by_address.status_code == 200, by_address.text
    assert by_address.json()["items"] == []
    assert [u["id"] for u in by_name.json()["items"]] == [str(cal.id)]
    assert [u["id"] for u in admins.json()["items"]] == [str(cal.id)]


def test_the_directory_is_for_staff_only(client: TestClient) -> None:
    assert_problem(client.get(DIRECTORY), 401, "invalid-token")


def test_listing_staff_needs_a_signed_in_user(client: TestClient) -> None:
    assert_problem(client.get(USERS), 401, "invalid-token")


# --- create -----------------------------------------------------------------------


def test_an_admin_adds_a_colleague_who_can_then_sign_in(
    client: TestClient, make: Factory, admin: User, db: Session
) -> None:
    response = client.post(USERS, json=NEW_COLLEAGUE, headers=make.headers(admin))

    assert response.status_code == 201, response.text
    created = response.json()
    assert response.headers["location"] == f"/api/v1/users/{created['id']}"
    assert response.headers["etag"] == '"v1"'
    assert created["email"] == "sam.rivera@hillside.example"
    assert created["full_name"] == "Sam Rivera"
    assert created["role"] == "interventionist"
    assert created["is_active"] is True
    assert "password" not in created
    assert "password_hash" not in created

    stored = db.get(User, uuid.UUID(created["id"]))
    assert stored is not None
    assert stored.organization_id == admin.organization_id
    assert stored.password_hash.startswith("$argon2")
    assert NEW_COLLEAGUE["password"] not in stored.password_hash

    fetched = client.get(response.headers["location"], headers=make.headers(admin))
    assert fetched.status_code == 200
    assert fetched.json() == created
    assert fetched.headers["etag"] == '"v1"'
    assert (
        sign_in(client, "sam.rivera@hillside.example", "a-long-initial-password").status_code == 200
    )


def test_adding_a_colleague_is_audited(
    client: TestClient, make: Factory, admin: User, db: Session
) -> None:
    created = client.post(USERS, json=NEW_COLLEAGUE, headers=make.headers(admin)).json()

    events = db.scalars(
        select(AuditEvent).where(AuditEvent.action == "create", AuditEvent.resource_type == "user")
    ).all()
    assert [(e.actor_id, e.resource_id) for e in events] == [(admin.id, created["id"])]


def test_a_new_colleagues_email_is_stored_in_lower_case(
    client: TestClient, make: Factory, admin: User
) -> None:
    body = {**NEW_COLLEAGUE, "email": "Sam.Rivera@Hillside.Example"}

    created = client.post(USERS, json=body, headers=make.headers(admin))

    assert created.json()["email"] == "sam.rivera@hillside.example"
    assert (
        sign_in(client, "SAM.rivera@hillside.example", NEW_COLLEAGUE["password"]).status_code == 200
    )


@pytest.mark.parametrize(
    "email", ["ada@hillside.example", "ADA@Hillside.example"], ids=["same", "other-case"]
)
def test_an_email_already_in_use_is_a_conflict(
    client: TestClient, make: Factory, admin: User, db: Session, email: str
) -> None:
    response = client.post(
        USERS, json={**NEW_COLLEAGUE, "email": email}, headers=make.headers(admin)
    )

    assert_problem(response, 409, "conflict")
    assert db.scalar(select(User).where(User.full_name == "Sam Rivera")) is None


def test_an_email_used_in_another_organisation_is_also_taken(
    client: TestClient, make: Factory, admin: User
) -> None:
    make.user(make.organization(), email="sam.rivera@hillside.example")

    response = client.post(USERS, json=NEW_COLLEAGUE, headers=make.headers(admin))

    assert_problem(response, 409, "conflict")


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        pytest.param({"email": "not-an-email"}, ["body", "email"], id="bad-email"),
        pytest.param({"password": "short"}, ["body", "password"], id="short-password"),
        pytest.param({"role": "owner"}, ["body", "role"], id="unknown-role"),
        pytest.param({"full_name": "   "}, ["body", "full_name"], id="blank-name"),
        pytest.param({"full_name": "x" * 201}, ["body", "full_name"], id="long-name"),
        pytest.param({"is_superuser": True}, ["body", "is_superuser"], id="unknown-field"),
        pytest.param({"id": str(uuid.uuid4())}, ["body", "id"], id="read-only-id"),
        pytest.param({"version": 7}, ["body", "version"], id="read-only-version"),
        pytest.param(
            {"organization_id": str(uuid.uuid4())}, ["body", "organization_id"], id="read-only-org"
        ),
        pytest.param({"password_hash": "$argon2id$x"}, ["body", "password_hash"], id="hash"),
    ],
)
def test_adding_a_colleague_with_bad_input_is_rejected(
    client: TestClient,
    make: Factory,
    admin: User,
    db: Session,
    change: dict[str, Any],
    loc: list[str],
) -> None:
    response = client.post(USERS, json={**NEW_COLLEAGUE, **change}, headers=make.headers(admin))

    problem = assert_problem(response, 422, "validation-error")
    assert loc in [e["loc"] for e in problem["errors"]]
    assert db.scalar(select(User).where(User.full_name == "Sam Rivera")) is None


def test_a_missing_field_is_named_in_the_problem(
    client: TestClient, make: Factory, admin: User
) -> None:
    body = {k: v for k, v in NEW_COLLEAGUE.items() if k != "role"}

    response = client.post(USERS, json=body, headers=make.headers(admin))

    problem = assert_problem(response, 422, "validation-error")
    assert ["body", "role"] in [e["loc"] for e in problem["errors"]]


@pytest.mark.parametrize("role", [Role.supervisor, Role.interventionist])
def test_only_admins_may_add_colleagues(
    client: TestClient,
    make: Factory,
    practice: Organization,
    db: Session,
    role: Role,
) -> None:
    someone = make.user(practice, role)

    response = client.post(USERS, json=NEW_COLLEAGUE, headers=make.headers(someone))

    assert_problem(response, 403, "forbidden")
    assert db.scalar(select(User).where(User.full_name == "Sam Rivera")) is None


# --- read and change one user -----------------------------------------------------


def patch(
    client: TestClient,
    make: Factory,
    actor: User,
    target: User,
    body: dict[str, Any],
    **headers: str,
) -> Response:
    return client.patch(user_url(target), json=body, headers=make.headers(actor, **headers))


def test_an_admin_renames_and_promotes_a_colleague_and_the_etag_advances(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    cal = make.user(practice, Role.interventionist, full_name="Cal Reid")
    etag = client.get(user_url(cal), headers=make.headers(admin)).headers["etag"]

    response = patch(
        client,
        make,
        admin,
        cal,
        {"full_name": "Calum Reid", "role": "supervisor"},
        **{"If-Match": etag},
    )

    assert response.status_code == 200, response.text
    assert response.json()["full_name"] == "Calum Reid"
    assert response.json()["role"] == "supervisor"
    assert response.json()["version"] == 2
    assert response.headers["etag"] == '"v2"' != etag
    fetched = client.get(user_url(cal), headers=make.headers(admin))
    assert fetched.json()["role"] == "supervisor"
    assert fetched.headers["etag"] == '"v2"'


def test_a_change_based_on_a_stale_etag_is_refused_and_writes_nothing(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    cal = make.user(practice, Role.interventionist, full_name="Cal Reid")
    stale = client.get(user_url(cal), headers=make.headers(admin)).headers["etag"]
    assert patch(client, make, admin, cal, {"full_name": "Calum Reid"}).status_code == 200

    response = patch(client, make, admin, cal, {"role": "supervisor"}, **{"If-Match": stale})

    assert_problem(response, 412, "precondition-failed")
    current = client.get(user_url(cal), headers=make.headers(admin))
    assert current.json()["role"] == "interventionist"
    assert current.json()["full_name"] == "Calum Reid"
    assert current.headers["etag"] == '"v2"'


def test_a_weak_etag_does_not_satisfy_if_match(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    cal = make.user(practice, Role.interventionist)

    response = patch(client, make, admin, cal, {"role": "supervisor"}, **{"If-Match": 'W/"v1"'})

    assert_problem(response, 412, "precondition-failed")


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        pytest.param({"email": "not-an-email"}, ["body", "email"], id="bad-email"),
        pytest.param({"role": "owner"}, ["body", "role"], id="unknown-role"),
        pytest.param({"version": 9}, ["body", "version"], id="read-only-version"),
        pytest.param({"id": str(uuid.uuid4())}, ["body", "id"], id="read-only-id"),
        pytest.param({"password": "a-long-new-password"}, ["body", "password"], id="password"),
        pytest.param({"organization_id": str(uuid.uuid4())}, ["body", "organization_id"], id="org"),
    ],
)
def test_a_change_with_bad_input_is_rejected_and_writes_nothing(
    client: TestClient,
    make: Factory,
    practice: Organization,
    admin: User,
    body: dict[str, Any],
    loc: list[str],
) -> None:
    cal = make.user(practice, Role.interventionist)

    response = patch(client, make, admin, cal, body)

    problem = assert_problem(response, 422, "validation-error")
    assert loc in [e["loc"] for e in problem["errors"]]
    assert client.get(user_url(cal), headers=make.headers(admin)).headers["etag"] == '"v1"'


def test_changing_an_email_to_one_in_use_is_a_conflict(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    cal = make.user(practice, email="cal@hillside.example")

    response = patch(client, make, admin, cal, {"email": "Ada@hillside.example"})

    assert_problem(response, 409, "conflict")
    assert client.get(user_url(cal), headers=make.headers(admin)).json()["email"] == (
        "cal@hillside.example"
    )


@pytest.mark.parametrize("role", [Role.supervisor, Role.interventionist])
def test_only_admins_may_change_colleagues(
    client: TestClient, make: Factory, practice: Organization, admin: User, role: Role
) -> None:
    someone = make.user(practice, role)
    colleague = make.user(practice, Role.interventionist)

    response = patch(client, make, someone, colleague, {"role": "admin"})

    assert_problem(response, 403, "forbidden")
    assert client.get(user_url(colleague), headers=make.headers(someone)).status_code == 403
    db_role = client.get(user_url(colleague), headers=make.headers(admin)).json()["role"]
    assert db_role == "interventionist"


def test_an_admin_reads_a_colleagues_full_record(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    cal = make.user(practice, Role.interventionist, email="cal@hillside.example")

    response = client.get(user_url(cal), headers=make.headers(admin))

    assert response.status_code == 200
    assert response.json()["email"] == "cal@hillside.example"


def test_another_practices_staff_are_invisible(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    cal = make.user(practice, Role.interventionist, full_name="Cal Reid")
    rival_admin = make.user(make.organization(), Role.admin)

    read = client.get(user_url(cal), headers=make.headers(rival_admin))
    change = patch(client, make, rival_admin, cal, {"full_name": "Hijacked", "is_active": False})
    listing = client.get(USERS, headers=make.headers(rival_admin))

    assert_problem(read, 404, "not-found")
    assert_problem(change, 404, "not-found")
    assert str(cal.id) not in {u["id"] for u in listing.json()["items"]}
    current = client.get(user_url(cal), headers=make.headers(admin)).json()
    assert current["full_name"] == "Cal Reid"
    assert current["is_active"] is True


def test_an_unknown_user_id_is_not_found(client: TestClient, make: Factory, admin: User) -> None:
    assert_problem(
        client.get(user_url(str(uuid.uuid4())), headers=make.headers(admin)), 404, "not-found"
    )
    assert_problem(
        client.get(user_url("not-a-uuid"), headers=make.headers(admin)), 422, "validation-error"
    )


def test_deactivating_a_colleague_ends_their_sessions(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    make.user(practice, Role.interventionist, email="cal@hillside.example")
    tokens = sign_in(client, "cal@hillside.example").json()
    cal_headers = {"Authorization": f"Bearer {tokens['access_token']}"}
    assert client.get("/api/v1/auth/me", headers=cal_headers).status_code == 200
    cal_id = client.get("/api/v1/auth/me", headers=cal_headers).json()["id"]

    response = client.patch(
        user_url(cal_id), json={"is_active": False}, headers=make.headers(admin)
    )

    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert_problem(client.get("/api/v1/auth/me", headers=cal_headers), 401, "invalid-token")
    refresh = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]},
    )
    assert refresh.status_code == 401
    assert sign_in(client, "cal@hillside.example").status_code == 401


def test_a_reactivated_colleague_can_sign_in_again(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    cal = make.user(practice, email="cal@hillside.example", is_active=False)

    response = patch(client, make, admin, cal, {"is_active": True})

    assert response.status_code == 200
    assert sign_in(client, "cal@hillside.example").status_code == 200


def test_a_demoted_admin_loses_admin_rights_at_once(
    client: TestClient, make: Factory, practice: Organization, admin: User
) -> None:
    bea = make.user(practice, Role.admin)
    bea_headers = make.headers(bea)

    assert patch(client, make, admin, bea, {"role": "supervisor"}).status_code == 200

    response = client.post(USERS, json=NEW_COLLEAGUE, headers=bea_headers)
    assert_problem(response, 403, "forbidden")


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"is_active": False}, id="deactivate"),
        pytest.param({"role": "supervisor"}, id="demote-supervisor"),
        pytest.param({"role": "interventionist"}, id="demote-interventionist"),
    ],
)
def test_an_admin_cannot_remove_their_own_admin_access(
    client: TestClient, make: Factory, admin: User, body: dict[str, Any]
) -> None:
    response = patch(client, make, admin, admin, body)

    assert_problem(response, 409, "conflict")
    me = client.get(user_url(admin), headers=make.headers(admin))
    assert me.json()["role"] == "admin"
    assert me.json()["is_active"] is True
    assert me.headers["etag"] == '"v1"'


def test_an_admin_may_still_edit_their_own_name(
    client: TestClient, make: Factory, admin: User
) -> None:
    response = patch(client, make, admin, admin, {"full_name": "Ada N. Okoro", "role": "admin"})

    assert response.status_code == 200
    assert response.json()["full_name"] == "Ada N. Okoro"


@pytest.mark.parametrize("field", ["email", "full_name", "role", "is_active"])
def test_required_user_fields_cannot_be_emptied(
    client: TestClient, make: Factory, field: str
) -> None:
    org = make.organization()
    admin, colleague = make.user(org, Role.admin), make.user(org)
    response = client.patch(
        f"/api/v1/users/{colleague.id}", json={field: None}, headers=make.headers(admin)
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == ["body", field]
