"""The `cairn` command, run as an operator would run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def cairn(*args: str, db: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {
        **os.environ,
        "CAIRN_DATABASE_URL": f"sqlite:///{db}",
        "CAIRN_ENV": "development",
        **env,
    }
    return subprocess.run(  # noqa: S603  (our own command)
        [sys.executable, "-m", "api.cli", *args],
        capture_output=True,
        text=True,
        env=environment,
        timeout=120,
        check=False,
    )


def test_create_admin_makes_the_organisation_once(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    first = cairn(
        "create-admin",
        "--organization",
        "Harbor Light",
        "--email",
        "Ada@Example.org",
        "--password",
        "a-long-password",
        "--full-name",
        "Ada Admin",
        db=db,
    )
    assert first.returncode == 0, first.stderr
    assert "new organization 'Harbor Light'" in first.stdout
    second = cairn(
        "create-admin",
        "--organization",
        "Harbor Light",
        "--email",
        "bo@example.org",
        "--password",
        "a-long-password",
        db=db,
    )
    assert "existing organization" in second.stdout
    again = cairn(
        "create-admin",
        "--organization",
        "Harbor Light",
        "--email",
        "ada@example.org",
        "--password",
        "a-long-password",
        db=db,
    )
    assert again.returncode == 2
    assert "already exists" in again.stderr
    short = cairn(
        "create-admin",
        "--organization",
        "X",
        "--email",
        "c@example.org",
        "--password",
        "short",
        db=db,
    )
    assert short.returncode == 2


def test_seed_demo_refuses_in_production(tmp_path: Path) -> None:
    result = cairn(
        "seed-demo", db=tmp_path / "prod.db", CAIRN_ENV="production", CAIRN_SECRET_KEY="s" * 40
    )
    assert result.returncode == 2
    assert "refuses" in result.stderr


def test_production_without_a_real_secret_does_not_start(tmp_path: Path) -> None:
    result = cairn("migrate", db=tmp_path / "prod.db", CAIRN_ENV="production")
    assert result.returncode != 0
    assert "CAIRN_SECRET_KEY" in result.stderr


def test_seed_demo_loads_a_practice_once(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    loaded = cairn("seed-demo", db=db)
    assert loaded.returncode == 0, loaded.stderr
    assert "admin@demo.cairn.test" in loaded.stdout
    assert "already" in cairn("seed-demo", "--if-empty", db=db).stdout


def test_openapi_prints_the_document(tmp_path: Path) -> None:
    result = cairn("openapi", db=tmp_path / "unused.db")
    document = json.loads(result.stdout)
    assert document["info"]["title"] == "Cairn API"
    assert "/api/v1/cases" in document["paths"]
