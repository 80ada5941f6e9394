"""The benchmark's reference point: a bare FastAPI + psycopg app that returns the same 50
case rows as `GET /api/v1/cases?limit=50` in one query, with no auth, audit or ORM.

    BENCH_REFERENCE_DSN=postgresql://postgres@127.0.0.1:5432/cairn_bench \
    BENCH_REFERENCE_ORG=<organization id> \
    .venv/bin/uvicorn scripts.bench_reference_app:app --workers 2 --port 8011
"""

from __future__ import annotations

import os
import threading
from typing import Any

import psycopg
from fastapi import FastAPI

DSN = os.environ["BENCH_REFERENCE_DSN"]
ORG = os.environ["BENCH_REFERENCE_ORG"]
QUERY = """
    SELECT id, reference, client_first_name, client_last_name, primary_substance, status,
           intervention_model, time_zone, created_at, updated_at, version
    FROM cases WHERE organization_id = %s ORDER BY updated_at DESC, id DESC LIMIT 50
"""
NAMES = [n.strip().split()[-1] for n in QUERY.split("SELECT")[1].split("FROM")[0].split(",")]
app = FastAPI()
local = threading.local()  # one connection per thread of the pool sync endpoints run on


def connection() -> psycopg.Connection[Any]:
    if getattr(local, "connection", None) is None:
        local.connection = psycopg.connect(DSN, autocommit=True)
    return local.connection  # type: ignore[no-any-return]


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.get("/cases")
def cases() -> dict[str, Any]:
    rows = connection().execute(QUERY, (ORG,)).fetchall()
    return {"items": [dict(zip(NAMES, row, strict=True)) for row in rows], "next_cursor": None}
