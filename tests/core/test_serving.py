"""How `cairn serve` serves: processes per core, compressed long-cached assets."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from api.cli import serve_workers
from api.core.config import Settings
from api.main import create_app


def test_the_api_runs_one_process_per_core_on_postgresql_and_one_on_sqlite(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CAIRN_WORKERS", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    postgresql = settings.model_copy(update={"database_url": "postgresql+psycopg://db/cairn"})
    sqlite = settings.model_copy(update={"database_url": "sqlite:///var/cairn.db"})

    assert serve_workers(None, postgresql) == 4
    assert serve_workers(None, sqlite) == 1
    assert serve_workers(3, sqlite) == 3
    monkeypatch.setenv("CAIRN_WORKERS", "2")
    assert serve_workers(None, postgresql) == 2
    assert serve_workers(5, postgresql) == 5
    with pytest.raises(SystemExit):
        serve_workers(0, postgresql)


def test_built_assets_are_compressed_and_cached_for_a_year(
    tmp_path: Path, settings: Settings, engine: Engine
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><script src="/assets/app-1a2b.js">')
    script = "export const caseload = 'Cairn';\n" * 400
    (tmp_path / "assets" / "app-1a2b.js").write_text(script)
    client = TestClient(
        create_app(settings.model_copy(update={"spa_dist": tmp_path}), engine=engine)
    )

    zipped = client.get("/assets/app-1a2b.js", headers={"Accept-Encoding": "gzip"})
    plain = client.get("/assets/app-1a2b.js", headers={"Accept-Encoding": "identity"})

    assert zipped.status_code == 200
    assert zipped.headers["content-encoding"] == "gzip"
    assert int(zipped.headers["content-length"]) < len(script) / 5
    assert zipped.text == script  # the client inflates it back
    assert zipped.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert "content-encoding" not in plain.headers
    assert plain.text == script
    # The page that names the hashed files is revalidated every time, however it is asked for.
    for path in ("/", "/cases", "/index.html"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert page.headers["cache-control"] == "no-cache", path
