"""The adherence figure counts per schedule from the partial index of on-schedule
check-ins alone (migration 0032): the index's predicate and the query's condition must
stay spelled the same, or PostgreSQL falls back to reading check-in rows (issue 13's speed
target; `make bench-reports` measures it)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, event, text

from tests.factories import Factory
from tests.practice import Practice
from tests.reports.dataset import Builder

pytestmark = pytest.mark.postgres_only


def test_adherence_counts_from_the_on_schedule_index_alone(
    client: TestClient,
    make: Factory,
    practice: Practice,
    dataset: Builder,
    engine: Engine,
    connection: Connection,
) -> None:
    sent: list[tuple[str, Any]] = []

    def capture(_c: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if "LEAST(" in statement:
            sent.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        response = client.get(
            "/api/v1/reports/summary",
            params={"from": "2026-01-01", "to": "2026-06-30"},
            headers=make.headers(practice.supervisor),
        )
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert response.status_code == 200, response.text
    assert len(sent) == 1, "the adherence query is the one that caps with LEAST"

    connection.execute(text("SET LOCAL enable_seqscan = off"))  # as at 200k check-ins
    statement, parameters = sent[0]
    plan = connection.exec_driver_sql(f"EXPLAIN (FORMAT JSON) {statement}", parameters)
    nodes = [
        n for n in _nodes(plan.scalar_one()[0]["Plan"]) if n.get("Relation Name") == "check_ins"
    ]
    assert nodes, json.dumps(plan, default=str)
    for node in nodes:
        assert node["Node Type"] == "Index Only Scan", node
        assert node["Index Name"] == "ix_check_ins_case_on_schedule", node


def _nodes(node: dict[str, Any]) -> list[dict[str, Any]]:
    return [node] + [n for child in node.get("Plans", []) for n in _nodes(child)]
