"""Benchmark of POST /directory/import with a 5,000-row SAMHSA locator file (issue 16).

Writes a locator JSON answer and the same rows as CSV (real-shaped rows: services, phones
with extensions, coordinates), then imports each through the HTTP API as an admin: once
for real (5,000 created), once again (5,000 unchanged: matched by external id), and once as
a dry run. Prints the wall time of each and the peak Python memory the import allocated
(tracemalloc), which stays flat as the file grows because rows are streamed and written
500 at a time.

    make bench-import
    .venv/bin/python scripts/bench_directory_import.py [--rows 5000] [--url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

Without `--url` it runs on a fresh SQLite file; with it, on its own PostgreSQL database
(`cairn_import_bench`, dropped and recreated).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import tempfile
import time
import tracemalloc
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import Session

from api.auth.service import staff_session
from api.core.config import Settings
from api.core.db import create_db_engine
from api.core.migrations import upgrade_to_head
from api.core.security import hash_password
from api.main import create_app
from api.organizations.models import Organization
from api.users.models import User

SETTINGS = (
    "Outpatient; Regular outpatient treatment",
    "Short-term residential; Residential detoxification",
    "Hospital inpatient detoxification",
    "Intensive outpatient treatment; Telemedicine/telehealth therapy",
)


def facility(n: int, rnd: random.Random) -> dict[str, Any]:
    return {
        "frid": f"BENCH{n:06d}",
        "name1": f"Bench Recovery Center {n}",
        "name2": rnd.choice(["", "Adult Services", "Women's Program"]),
        "street1": f"{100 + n} Main Street",
        "street2": "",
        "city": rnd.choice(["Portland", "Salem", "Eugene", "Bend", "Medford"]),
        "state": "OR",
        "zip": f"97{rnd.randint(100, 999)}",
        "phone": f"503-555-{n % 10000:04d}",
        "intake1": f"503-555-{(n + 1) % 10000:04d} x{rnd.randint(1, 999)}",
        "hotline1": "800-555-0100",
        "website": f"www.bench{n}.example",
        "latitude": f"{rnd.uniform(42.0, 46.2):.4f}",
        "longitude": f"{rnd.uniform(-124.5, -116.5):.4f}",
        "typeFacility": "SA",
        "services": [
            {"f1": "Type of Care", "f2": "TC", "f3": "Substance use treatment; Detoxification"},
            {"f1": "Service Setting", "f2": "SET", "f3": rnd.choice(SETTINGS)},
            {
                "f1": "Payment",
                "f2": "PAY",
                "f3": "Medicaid; Private health insurance; Cash or self-payment",
            },
            {
                "f1": "Opioid Medications",
                "f2": "OM",
                "f3": "Buprenorphine used in Treatment; Naltrexone used in Treatment",
            },
            {
                "f1": "Accreditation",
                "f2": "LCA",
                "f3": "State Substance use treatment agency; The Joint Commission",
            },
            {"f1": "Gender Accepted", "f2": "SN", "f3": "Female; Male"},
            {"f1": "Special Groups", "f2": "SG", "f3": "Veterans; Adolescents"},
        ],
    }


def write_files(rows: int, folder: Path) -> tuple[Path, Path]:
    rnd = random.Random(16)  # noqa: S311  (repeatable test data, not secrets)
    facilities = [facility(n, rnd) for n in range(rows)]
    as_json = folder / "locator.json"
    as_json.write_text(
        json.dumps({"page": 1, "totalPages": 1, "recordCount": rows, "rows": facilities}),
        encoding="utf-8",
    )
    as_csv = folder / "locator.csv"
    columns = [k for k in facilities[0] if k != "services"] + [
        "TC",
        "SET",
        "PAY",
        "OM",
        "LCA",
        "SN",
        "SG",
    ]
    with as_csv.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, columns)
        writer.writeheader()
        for f in facilities:
            writer.writerow(
                {
                    **{k: v for k, v in f.items() if k != "services"},
                    **{s["f2"]: s["f3"] for s in f["services"]},
                }
            )
    return as_json, as_csv


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rows", type=int, default=5000)
    parser.add_argument("--url", default=None, help="a PostgreSQL server URL (default: SQLite)")
    parser.add_argument("--database", default="cairn_import_bench")
    parser.add_argument(
        "--memory", action="store_true", help="also trace peak memory (tracemalloc slows it ~2x)"
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="cairn-import-bench-"))
    if args.url:
        admin = create_engine(args.url, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{args.database}"'))
        admin.dispose()
        url = make_url(args.url).set(database=args.database).render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{folder / 'bench.db'}"
    settings = Settings(
        env="test",
        database_url=url,
        secret_key="bench-secret-" + "x" * 40,
        spa_dist=Path("/nonexistent"),
        run_worker_in_process=False,
        log_level="WARNING",
        db_pool_size=2,
        db_max_overflow=0,
    )
    engine = create_db_engine(settings)
    upgrade_to_head(engine)
    now = datetime.now(UTC)
    with Session(engine) as session:
        org = Organization(id=uuid.uuid4(), name="Bench Practice", created_at=now)
        session.add(org)
        session.flush()
        user = User(
            organization_id=org.id,
            email="admin@bench.example",
            full_name="Bench Admin",
            role="admin",
            is_active=True,
            password_hash=hash_password("bench-password-not-secret"),
            created_at=now,
            updated_at=now,
        )
        session.add(user)
        session.flush()
        token = staff_session(session, settings, user).access_token
        session.commit()
    as_json, as_csv = write_files(args.rows, folder)
    print(
        f"{args.rows} facilities: JSON {as_json.stat().st_size / 1e6:.1f} MB, "
        f"CSV {as_csv.stat().st_size / 1e6:.1f} MB, on {'PostgreSQL' if args.url else 'SQLite'}"
    )
    app = create_app(settings, engine=engine)
    with TestClient(app) as client:
        headers = {"Authorization": f"Bearer {token}"}
        for label, path, params in (
            ("JSON, first import", as_json, {}),
            ("JSON, same file again", as_json, {}),
            ("CSV, dry run", as_csv, {"dry_run": "true"}),
            ("CSV, same rows", as_csv, {}),
        ):
            content = path.read_bytes()
            if args.memory:
                tracemalloc.start()
            started = time.perf_counter()
            response = client.post(
                "/api/v1/directory/import",
                files={"file": (path.name, io.BytesIO(content))},
                params=params,
                headers=headers,
            )
            seconds = time.perf_counter() - started
            peak = tracemalloc.get_traced_memory()[1] if args.memory else 0
            tracemalloc.stop()
            assert response.status_code == 200, response.text
            report = response.json()
            print(
                f"{label:24s} {seconds:5.2f} s  "
                + (f"peak {peak / 1e6:6.1f} MB  " if args.memory else "")
                + f"created {report['created']}, updated {report['updated']}, "
                f"unchanged {report['unchanged']}, skipped {report['skipped']}"
            )
    engine.dispose()


if __name__ == "__main__":
    main()
