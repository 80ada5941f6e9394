"""POST /directory/import: SAMHSA locator JSON/CSV and HSDS packages into the directory."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.core.audit import AuditEvent
from api.resources.models import Resource
from api.treatment_centers.models import TreatmentCenter
from tests.factories import Factory
from tests.practice import Practice

API = "/api/v1/directory/import"
FIXTURES = Path(__file__).parent.parent / "fixtures"
LOCATOR_JSON = FIXTURES / "locator" / "facilities.json"
LOCATOR_CSV = FIXTURES / "locator" / "facilities.csv"


def hsds_package() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted((FIXTURES / "hsds" / "package").glob("*.csv")):
            zf.write(path, f"rose-city-directory/{path.name}")
    return buffer.getvalue()


def upload(
    client: TestClient,
    make: Factory,
    practice: Practice,
    name: str,
    content: bytes,
    *,
    by: Any = None,
    **params: Any,
) -> Any:
    return client.post(
        API,
        files={"file": (name, content)},
        params=params,
        headers=make.headers(by or practice.admin),
    )


def count(db: Session, model: Any) -> int:
    db.expire_all()
    return int(db.scalar(select(func.count()).select_from(model)) or 0)


def centers(client: TestClient, make: Factory, practice: Practice, **params: Any) -> list[Any]:
    response = client.get(
        "/api/v1/treatment-centers", params=params, headers=make.headers(practice.lead)
    )
    assert response.status_code == 200, response.text
    return list(response.json()["items"])


def test_locator_json_creates_centers_and_skips_rows_with_reasons(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = upload(client, make, practice, "facilities.json", LOCATOR_JSON.read_bytes())
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["format"] == "locator_json"
    assert report["source"] == "samhsa_locator"
    assert (report["created"], report["updated"], report["unchanged"], report["skipped"]) == (
        3,
        0,
        0,
        2,
    )
    skipped = {row["external_id"]: row for row in report["skipped_rows"]}
    assert skipped["MH8800X1"]["row"] == 4
    assert "mental-health" in skipped["MH8800X1"]["reason"]
    assert skipped["HAZ9BAD1"]["row"] == 5
    assert skipped["HAZ9BAD1"]["reason"].startswith("latitude")
    assert report["preview"] is None

    columbia = next(c for c in centers(client, make, practice) if c["external_id"] == "HAZ1Y2K3")
    assert columbia["name"] == "Columbia River Recovery Center — Opioid Treatment Program"
    assert columbia["address_line"] == "1800 NE Sandy Boulevard, Suite 200"
    assert columbia["intake_phone"] == "503-555-0111"
    assert columbia["intake_phone_extension"] == "204"
    assert columbia["hotline_phone"] == "800-555-0199"
    assert columbia["website"] == "https://www.columbiariver-recovery.example/"
    assert columbia["levels_of_care"] == ["1", "2.1", "1-WM", "OTP"]
    assert columbia["opioid_medications"] == ["methadone", "buprenorphine", "naltrexone"]
    assert set(columbia["payment_accepted"]) == {
        "self_pay",
        "medicaid",
        "medicare",
        "state_financed",
        "private_insurance",
        "military_insurance",
        "sliding_scale",
    }
    assert (
        "Commission on Accreditation of Rehabilitation Facilities (CARF)"
        in columbia["accreditation"]
    )
    assert columbia["genders_accepted"] == ["female", "male"]
    assert columbia["populations"] == ["Veterans", "Pregnant/postpartum women"]
    assert columbia["telehealth"] is True
    assert set(columbia["services"]) == {"detox", "dual_diagnosis"}
    assert (columbia["latitude"], columbia["longitude"]) == (45.5289, -122.6492)

    by_id = {c["external_id"]: c for c in centers(client, make, practice)}
    assert by_id["HAZ2B7Q9"]["levels_of_care"] == ["4", "4-WM"]
    assert by_id["HAZ3M4N5"]["levels_of_care"] == ["3.5", "3.1", "3.2-WM"]
    assert by_id["HAZ3M4N5"]["payment_accepted"] == ["free"]
    # The new levels are filters like the old ones.
    assert [c["external_id"] for c in centers(client, make, practice, level_of_care="4-WM")] == [
        "HAZ2B7Q9"
    ]


def test_importing_the_same_file_twice_updates_and_never_duplicates(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    content = LOCATOR_JSON.read_bytes()
    assert upload(client, make, practice, "facilities.json", content).json()["created"] == 3
    again = upload(client, make, practice, "facilities.json", content).json()
    assert (again["created"], again["updated"], again["unchanged"], again["skipped"]) == (
        0,
        0,
        3,
        2,
    )
    assert count(db, TreatmentCenter) == 3

    # A changed listing updates the entry, and keeps what Cairn alone knows (beds).
    center = next(c for c in centers(client, make, practice) if c["external_id"] == "HAZ2B7Q9")
    patched = client.patch(
        f"/api/v1/treatment-centers/{center['id']}",
        json={"beds_available": 2},
        headers=make.headers(practice.admin),
    )
    assert patched.status_code == 200, patched.text
    changed = content.replace(b"503-555-0120", b"503-555-0999")
    third = upload(client, make, practice, "facilities.json", changed).json()
    assert (third["created"], third["updated"], third["unchanged"]) == (0, 1, 2)
    after = next(c for c in centers(client, make, practice) if c["external_id"] == "HAZ2B7Q9")
    assert after["phone"] == "503-555-0999"
    assert after["beds_available"] == 2
    assert count(db, TreatmentCenter) == 3


def test_a_dry_run_previews_and_writes_nothing(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    audits_before = count(db, AuditEvent)
    response = upload(
        client, make, practice, "facilities.json", LOCATOR_JSON.read_bytes(), dry_run="true"
    )
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["dry_run"] is True
    assert report["created"] == 3
    assert [p["external_id"] for p in report["preview"]] == ["HAZ1Y2K3", "HAZ2B7Q9", "HAZ3M4N5"]
    assert {p["action"] for p in report["preview"]} == {"create"}
    assert report["preview"][0]["latitude"] == 45.5289
    assert count(db, TreatmentCenter) == 0
    assert count(db, AuditEvent) == audits_before


def test_locator_csv_rows_are_imported_with_line_numbers_for_skips(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = upload(client, make, practice, "facilities.csv", LOCATOR_CSV.read_bytes())
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["format"] == "locator_csv"
    assert (report["created"], report["skipped"]) == (2, 1)
    assert report["skipped_rows"] == [
        {"row": 3, "line": 4, "external_id": "CSV10003", "reason": "name1 is empty"}
    ]
    by_id = {c["external_id"]: c for c in centers(client, make, practice)}
    salem = by_id["CSV10001"]
    assert salem["levels_of_care"] == ["2.1", "2.5"]
    assert salem["intake_phone_extension"] == "3"
    assert salem["opioid_medications"] == ["buprenorphine"]
    bend = by_id["CSV10002"]
    assert bend["levels_of_care"] == ["3.5", "3.2-WM"]
    assert bend["services"] == ["detox"]
    assert bend["payment_accepted"] == ["self_pay", "sliding_scale"]


def test_a_malformed_file_is_422_naming_file_and_line_and_writes_nothing(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    broken_json = upload(
        client,
        make,
        practice,
        "malformed.json",
        (FIXTURES / "locator" / "malformed.json").read_bytes(),
    )
    assert broken_json.status_code == 422, broken_json.text
    problem = broken_json.json()
    assert problem["type"] == "/api/v1/problems/malformed-import-file"
    assert problem["detail"].startswith("malformed.json line 13:")
    assert problem["errors"][0]["loc"] == ["body", "file", "malformed.json", 13]

    # Two good rows come before the broken one: all or nothing, so neither is written.
    broken_csv = upload(
        client,
        make,
        practice,
        "malformed.csv",
        (FIXTURES / "locator" / "malformed.csv").read_bytes(),
    )
    assert broken_csv.status_code == 422, broken_csv.text
    assert broken_csv.json()["detail"].startswith("malformed.csv line 4:")
    assert count(db, TreatmentCenter) == 0

    no_columns = upload(client, make, practice, "listing.csv", b"id,title\n1,Somewhere\n")
    assert no_columns.status_code == 422
    assert no_columns.json()["detail"] == "listing.csv line 1: missing column(s) frid, name1"

    not_a_listing = upload(client, make, practice, "photo.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    assert not_a_listing.status_code == 422
    assert not_a_listing.json()["type"] == "/api/v1/problems/unsupported-import-file"

    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as zf:
        zf.writestr("organizations.csv", "id,name\n1,Only Org\n")
        zf.writestr("services.csv", 'id,organization_id,name\n1,1,"Unclosed\n')
    broken_zip = upload(client, make, practice, "package.zip", package.getvalue())
    assert broken_zip.status_code == 422, broken_zip.text
    assert broken_zip.json()["detail"].startswith("services.csv line")
    assert count(db, TreatmentCenter) + count(db, Resource) == 0


@pytest.mark.parametrize(
    ("body", "line"),
    [
        # A byte that is not UTF-8 on line 5, past the reader's first chunk of read-ahead.
        (
            b"frid,name1\n"
            + b"".join(b"F%d,Row %d\n" % (i, i) for i in range(3))
            + b"F9,Caf\xe9\n",
            5,
        ),
        (
            b"frid,name1\n"
            + b"".join(b"F%d,Row %d padded %s\n" % (i, i, b"x" * 60) for i in range(3000))
            + b"F9,Caf\xe9\n",
            3002,
        ),
        # A quote opened on line 4 and never closed: the record it opens is named.
        (b'frid,name1\nF1,One\nF2,Two\nF3,"Unclosed\nF4,Four\n', 4),
    ],
)
def test_a_malformed_csv_names_the_line_where_the_fault_is(
    client: TestClient, make: Factory, practice: Practice, db: Session, body: bytes, line: int
) -> None:
    response = upload(client, make, practice, "listing.csv", body)
    assert response.status_code == 422, response.text
    assert response.json()["detail"].startswith(f"listing.csv line {line}:")
    assert count(db, TreatmentCenter) == 0


def test_an_hsds_package_becomes_centers_and_resources(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    response = upload(client, make, practice, "directory.zip", hsds_package())
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["format"] == "hsds_package"
    assert report["source"] == "hsds"
    assert (report["created"], report["skipped"]) == (3, 1)
    assert report["skipped_rows"][0]["external_id"] == "a1b2c3d4-0004-4000-8000-000000000004"
    assert report["skipped_rows"][0]["line"] == 5
    assert "organization_id" in report["skipped_rows"][0]["reason"]

    (rose,) = centers(client, make, practice)
    assert rose["name"] == "Rose City Withdrawal Management"
    assert rose["levels_of_care"] == ["1-WM", "3.7-WM"]
    assert (rose["phone"], rose["intake_phone"], rose["intake_phone_extension"]) == (
        "503-555-0300",
        "503-555-0301",
        "12",
    )
    assert rose["hotline_phone"] == "800-555-0302"
    assert rose["accreditation"] == ["CARF", "The Joint Commission"]
    assert rose["languages"] == ["en", "es"]
    assert rose["address_line"] == "1100 SW Morrison Street, Floor 2"
    assert (rose["latitude"], rose["longitude"]) == (45.5231, -122.6765)

    listed = client.get("/api/v1/resources", headers=make.headers(practice.lead)).json()["items"]
    by_name = {r["name"]: r for r in listed}
    serenity = by_name["Tuesday Night Serenity Group"]
    assert serenity["kind"] == "mutual_help"
    assert serenity["meetings"] == [
        {"day_of_week": "tuesday", "start_time": "19:00", "end_time": "20:00"}
    ]
    assert serenity["phone"] == "503-555-0310"
    online = by_name["Families Anonymous Online"]
    assert online["kind"] == "family_support"
    assert online["format"] == "online"
    assert online["online_url"] == "https://familybridge.example/online"
    assert [m["day_of_week"] for m in online["meetings"]] == ["monday", "thursday"]

    again = upload(client, make, practice, "directory.zip", hsds_package()).json()
    assert (again["created"], again["unchanged"]) == (0, 3)
    assert count(db, Resource) == 2


def test_imports_are_for_admins_and_stay_in_their_organisation(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    content = LOCATOR_JSON.read_bytes()
    for who in (practice.supervisor, practice.lead):
        refused = upload(client, make, practice, "facilities.json", content, by=who)
        assert refused.status_code == 403
    assert count(db, TreatmentCenter) == 0

    # The outsider's practice imports the same listings: its own copies, matched apart.
    outsider = upload(client, make, practice, "facilities.json", content, by=practice.outsider)
    assert outsider.json()["created"] == 3
    mine = upload(client, make, practice, "facilities.json", content).json()
    assert mine["created"] == 3
    assert count(db, TreatmentCenter) == 6
    assert len(centers(client, make, practice)) == 3


def test_an_import_is_audited(
    client: TestClient, make: Factory, practice: Practice, db: Session
) -> None:
    upload(client, make, practice, "facilities.json", LOCATOR_JSON.read_bytes())
    db.expire_all()
    events = db.scalars(
        select(AuditEvent).where(AuditEvent.organization_id == practice.org.id)
    ).all()
    imports = [e for e in events if e.resource_type == "directory_import"]
    assert len(imports) == 1
    assert imports[0].details is not None
    assert imports[0].details["created"] == 3
    assert imports[0].actor_id == practice.admin.id
    assert (
        sum(1 for e in events if e.resource_type == "treatment_center" and e.action == "create")
        == 3
    )


def test_uploads_past_the_limit_are_413(
    client: TestClient, make: Factory, practice: Practice
) -> None:
    response = client.post(
        API,
        content=b"x" * 16,
        headers={
            **make.headers(practice.admin),
            "Content-Type": "multipart/form-data; boundary=x",
            "Content-Length": str(33 * 1024 * 1024),
        },
    )
    assert response.status_code == 413
    assert "32 MiB" in response.json()["detail"]
