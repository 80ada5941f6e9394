from __future__ import annotations

import threading

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from api.users.models import Role
from tests.factories import Factory, case_body


@pytest.mark.postgres_only
def test_cases_opened_at_the_same_moment_get_distinct_references(committed_app: FastAPI) -> None:
    with committed_app.state.session_factory() as session:
        make = Factory(session, committed_app.state.settings)
        org = make.organization()
        staff = [make.user(org, Role.interventionist) for _ in range(8)]
        headers = [make.headers(user) for user in staff]
    references: list[str] = []
    barrier = threading.Barrier(len(headers))

    def open_case(auth: dict[str, str]) -> None:
        with TestClient(committed_app) as http:
            barrier.wait()
            response = http.post("/api/v1/cases", json=case_body(), headers=auth)
            assert response.status_code == 201, response.text
            references.append(response.json()["reference"])

    threads = [threading.Thread(target=open_case, args=(h,)) for h in headers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(references) == len(headers)
    assert len(set(references)) == len(headers)
    assert sorted(int(r[-4:]) for r in references) == list(range(1, len(headers) + 1))
