"""Password sign-in throttling: per account and address (lockout with back-off), and
per address (attempts a minute). Refresh grants are not throttled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from httpx import Response

from api.core import clock
from api.core.config import Settings
from api.users.models import Role
from tests.factories import PASSWORD, Factory

TOKEN = "/api/v1/auth/token"
WRONG = "not the password"
MAYA = "maya@hillside.example"


class Clock:
    """The app's clock, frozen at a moment the test moves forward."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def moment(monkeypatch: pytest.MonkeyPatch) -> Clock:
    current = Clock(datetime.now(UTC))
    monkeypatch.setattr(clock, "now", lambda: current.now)
    return current


def sign_in(client: TestClient, email: str = MAYA, password: str = PASSWORD) -> Response:
    return client.post(
        TOKEN, data={"grant_type": "password", "username": email, "password": password}
    )


def fail(client: TestClient, times: int, email: str = MAYA) -> None:
    for _ in range(times):
        response = sign_in(client, email, WRONG)
        assert response.status_code == 401, response.text


def assert_locked(response: Response) -> int:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/account-locked"
    assert "access_token" not in response.json()
    retry_after = response.headers["retry-after"]
    assert retry_after.isdigit(), retry_after
    return int(retry_after)


def assert_rate_limited(response: Response) -> int:
    assert response.status_code == 429, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/rate-limited"
    retry_after = response.headers["retry-after"]
    assert retry_after.isdigit(), retry_after
    return int(retry_after)


@pytest.fixture
def maya(make: Factory) -> None:
    make.user(make.organization(), Role.interventionist, email=MAYA)


# --- per account and address ------------------------------------------------------


@pytest.mark.usefixtures("maya")
def test_five_failed_sign_ins_lock_the_account_even_for_the_right_password(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    fail(client, settings.login_account_failures_before_lockout)

    assert assert_locked(sign_in(client, MAYA, PASSWORD)) == settings.login_lockout_base_seconds


@pytest.mark.usefixtures("maya")
def test_four_failures_do_not_lock(client: TestClient, moment: Clock, settings: Settings) -> None:
    fail(client, settings.login_account_failures_before_lockout - 1)

    assert sign_in(client).status_code == 200


@pytest.mark.usefixtures("maya")
def test_the_lock_ends_when_retry_after_says_and_does_not_extend_itself(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    fail(client, settings.login_account_failures_before_lockout)

    moment.advance(seconds=45)
    assert assert_locked(sign_in(client, MAYA, WRONG)) == 15
    assert assert_locked(sign_in(client, MAYA, WRONG)) == 15
    moment.advance(seconds=14)
    assert assert_locked(sign_in(client)) == 1

    moment.advance(seconds=2)
    assert sign_in(client).status_code == 200


@pytest.mark.usefixtures("maya")
def test_each_new_lock_lasts_twice_as_long_up_to_the_cap(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    base, cap = settings.login_lockout_base_seconds, settings.login_lockout_max_seconds
    expected = [min(base * 2**n, cap) for n in range(6)]
    assert expected[-2:] == [cap, cap], "the cap must be reached within these rounds"

    locks = []
    for _ in expected:
        fail(client, settings.login_account_failures_before_lockout)
        retry_after = assert_locked(sign_in(client))
        locks.append(retry_after)
        moment.advance(seconds=retry_after + 1)

    assert locks == expected
    assert sign_in(client).status_code == 200


@pytest.mark.usefixtures("maya")
def test_after_a_quiet_spell_the_back_off_starts_again_from_the_bottom(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    fail(client, settings.login_account_failures_before_lockout)
    moment.advance(seconds=assert_locked(sign_in(client)) + 1)
    fail(client, settings.login_account_failures_before_lockout)
    second = assert_locked(sign_in(client))
    assert second == 2 * settings.login_lockout_base_seconds

    moment.advance(seconds=second + settings.login_lockout_max_seconds + 1)
    fail(client, settings.login_account_failures_before_lockout)

    assert assert_locked(sign_in(client)) == settings.login_lockout_base_seconds


@pytest.mark.usefixtures("maya")
def test_a_successful_sign_in_forgets_earlier_failures(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    almost = settings.login_account_failures_before_lockout - 1
    fail(client, almost)
    assert sign_in(client).status_code == 200

    fail(client, almost)

    assert sign_in(client).status_code == 200


@pytest.mark.usefixtures("maya")
def test_a_successful_sign_in_resets_the_back_off(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    fail(client, settings.login_account_failures_before_lockout)
    moment.advance(seconds=assert_locked(sign_in(client)) + 1)
    assert sign_in(client).status_code == 200

    fail(client, settings.login_account_failures_before_lockout)

    assert assert_locked(sign_in(client)) == settings.login_lockout_base_seconds


@pytest.mark.usefixtures("maya")
def test_a_lock_cannot_be_dodged_by_spelling_the_email_differently(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    fail(client, settings.login_account_failures_before_lockout)

    for spelling in ("MAYA@Hillside.Example", f" {MAYA}", f"{MAYA} ", f"\t{MAYA}"):
        assert_locked(sign_in(client, spelling, PASSWORD))


def test_the_lock_is_per_account_and_per_address(
    client: TestClient, app: FastAPI, make: Factory, moment: Clock, settings: Settings
) -> None:
    org = make.organization()
    make.user(org, email=MAYA)
    make.user(org, email="jonas@hillside.example")
    fail(client, settings.login_account_failures_before_lockout)
    assert_locked(sign_in(client))

    # A colleague at the same address is not affected...
    assert sign_in(client, "jonas@hillside.example").status_code == 200
    # ...and whoever guessed from one address cannot lock Maya out everywhere.
    from_home = TestClient(app, client=("198.51.100.7", 40000), raise_server_exceptions=False)
    assert sign_in(from_home).status_code == 200


def test_unknown_emails_lock_just_like_real_ones(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    fail(client, settings.login_account_failures_before_lockout, email="ghost@hillside.example")

    assert_locked(sign_in(client, "ghost@hillside.example", WRONG))


# --- per address ------------------------------------------------------------------


def failing_attempts_from_many_accounts(client: TestClient, count: int) -> None:
    """Failures spread over accounts, so no account lock gets in the way."""
    for n in range(count):
        response = sign_in(client, f"visitor{n}@hillside.example", WRONG)
        assert response.status_code == 401, response.text


@pytest.mark.usefixtures("maya")
def test_an_office_gets_thirty_attempts_a_minute_then_waits_for_the_next_minute(
    client: TestClient, app: FastAPI, moment: Clock, settings: Settings
) -> None:
    assert settings.login_ip_limit_per_minute == 30
    assert sign_in(client).status_code == 200
    failing_attempts_from_many_accounts(client, 29)

    assert assert_rate_limited(sign_in(client)) == 60
    moment.advance(seconds=20)
    assert assert_rate_limited(sign_in(client)) == 40
    # Another address is not held back by this one.
    elsewhere = TestClient(app, client=("203.0.113.50", 40000), raise_server_exceptions=False)
    assert sign_in(elsewhere).status_code == 200

    moment.advance(seconds=40)
    assert sign_in(client).status_code == 200


@pytest.mark.usefixtures("maya")
def test_refreshing_a_session_is_not_held_back_by_the_sign_in_limit(
    client: TestClient, moment: Clock, settings: Settings
) -> None:
    tokens = sign_in(client).json()
    failing_attempts_from_many_accounts(client, 29)
    assert_rate_limited(sign_in(client))

    refresh_token = tokens["refresh_token"]
    for _ in range(settings.login_ip_limit_per_minute + 5):
        response = client.post(
            TOKEN, data={"grant_type": "refresh_token", "refresh_token": refresh_token}
        )
        assert response.status_code == 200, response.text
        refresh_token = response.json()["refresh_token"]

    assert_rate_limited(sign_in(client))


def test_guessing_the_current_password_is_throttled_too(client: TestClient, make: Factory) -> None:
    user = make.user(make.organization())
    headers = make.headers(user)
    wrong = {"current_password": "not it at all", "new_password": "a-brand-new-password"}
    for _ in range(5):
        assert client.post("/api/v1/auth/password", json=wrong, headers=headers).status_code == 401
    locked = client.post("/api/v1/auth/password", json=wrong, headers=headers)
    assert locked.status_code == 429
    assert locked.json()["type"] == "/api/v1/problems/account-locked"
