"""api.core.security: password hashing and access tokens, without HTTP."""

from __future__ import annotations

import base64
import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from jose import jwt

from api.core import clock
from api.core.config import Settings
from api.core.security import (
    InvalidToken,
    constant_time_equals,
    digest,
    hash_password,
    issue_access_token,
    new_secret,
    token_principal_key,
    verify_access_token,
    verify_password,
)

ORG = str(uuid.uuid4())
SUBJECT = str(uuid.uuid4())


@pytest.fixture(scope="module")
def keys() -> Settings:
    return Settings(env="test", secret_key="unit-test-secret-" + "k" * 40, database_url="sqlite://")


def issue(keys: Settings, **kwargs: Any) -> str:
    arguments: dict[str, Any] = {"subject": SUBJECT, "kind": "staff", "organization_id": ORG}
    arguments.update(kwargs)
    token, _ = issue_access_token(keys, **arguments)
    return token


def claims(keys: Settings, **overrides: Any) -> dict[str, Any]:
    now = int(clock.now().timestamp())
    base: dict[str, Any] = {
        "iss": keys.jwt_issuer,
        "aud": keys.jwt_audience,
        "sub": SUBJECT,
        "iat": now,
        "nbf": now,
        "exp": now + 900,
        "kind": "staff",
        "org": ORG,
        "epoch": 0,
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def b64url(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


# --- passwords --------------------------------------------------------------------


def test_a_password_hash_is_argon2_salted_and_verifies() -> None:
    first = hash_password("correct horse battery staple")
    second = hash_password("correct horse battery staple")

    assert first.startswith("$argon2id$")
    assert first != second
    assert "correct horse" not in first
    assert verify_password("correct horse battery staple", first)
    assert verify_password("correct horse battery staple", second)


def test_a_wrong_password_does_not_verify() -> None:
    hashed = hash_password("correct horse battery staple")

    assert not verify_password("correct horse battery stapler", hashed)
    assert not verify_password("Correct horse battery staple", hashed)
    assert not verify_password("", hashed)


def test_no_stored_hash_never_verifies() -> None:
    assert verify_password("anything at all", None) is False
    assert verify_password("", None) is False


# --- opaque secrets ---------------------------------------------------------------


def test_new_secrets_are_long_and_unique() -> None:
    secrets = {new_secret() for _ in range(50)}

    assert len(secrets) == 50
    assert all(len(s) >= 43 for s in secrets)


def test_a_digest_is_a_stable_sha256_that_hides_the_secret() -> None:
    secret = new_secret()

    assert digest(secret) == digest(secret)
    assert digest(secret) != digest(secret + "x")
    assert len(digest(secret)) == 64
    assert secret not in digest(secret)
    assert digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_constant_time_equals_compares_exactly() -> None:
    assert constant_time_equals("s3cret", "s3cret")
    assert not constant_time_equals("s3cret", "s3creT")
    assert not constant_time_equals("s3cret", "s3cret ")


# --- access tokens ----------------------------------------------------------------


def test_an_access_token_round_trips_its_claims(keys: Settings) -> None:
    issued_at = datetime.now(UTC).replace(microsecond=0)
    with clock.frozen_at(issued_at):
        token, expires_in = issue_access_token(
            keys, subject=SUBJECT, kind="portal", organization_id=ORG, session_epoch=3
        )
        verified = verify_access_token(keys, token)

    assert expires_in == keys.access_token_minutes * 60 == 900
    assert verified.subject == SUBJECT
    assert verified.kind == "portal"
    assert verified.organization_id == ORG
    assert verified.session_epoch == 3
    assert verified.expires_at == issued_at + timedelta(minutes=15)


def test_an_access_token_carries_issuer_audience_and_a_unique_id(keys: Settings) -> None:
    first, second = issue(keys), issue(keys)

    payload = jwt.get_unverified_claims(first)
    assert jwt.get_unverified_header(first)["alg"] == "HS256"
    assert payload["iss"] == keys.jwt_issuer
    assert payload["aud"] == keys.jwt_audience
    assert payload["exp"] - payload["iat"] == 900
    assert payload["jti"] != jwt.get_unverified_claims(second)["jti"]


def test_an_access_token_expires_on_the_apps_clock(keys: Settings) -> None:
    issued_at = datetime.now(UTC)
    with clock.frozen_at(issued_at):
        token = issue(keys)

    with clock.frozen_at(issued_at + timedelta(minutes=14, seconds=58)):
        assert verify_access_token(keys, token).subject == SUBJECT
    with (
        clock.frozen_at(issued_at + timedelta(minutes=15, seconds=1)),
        pytest.raises(InvalidToken),
    ):
        verify_access_token(keys, token)


def test_a_token_expired_by_the_wall_clock_is_invalid(keys: Settings) -> None:
    with clock.frozen_at(datetime.now(UTC) - timedelta(hours=1)):
        token = issue(keys)

    with pytest.raises(InvalidToken):
        verify_access_token(keys, token)


def test_a_token_from_the_future_is_invalid(keys: Settings) -> None:
    later = int((datetime.now(UTC) + timedelta(hours=1)).timestamp())
    token = jwt.encode(
        claims(keys, iat=later, nbf=later, exp=later + 900), keys.secret_key, "HS256"
    )

    with pytest.raises(InvalidToken):
        verify_access_token(keys, token)


@pytest.mark.parametrize("alg", ["HS384", "HS512"])
def test_an_algorithm_outside_the_list_is_rejected_even_with_the_right_key(
    keys: Settings, alg: str
) -> None:
    token = jwt.encode(claims(keys), keys.secret_key, algorithm=alg)

    with pytest.raises(InvalidToken):
        verify_access_token(keys, token)


@pytest.mark.parametrize("alg", ["none", "None"])
def test_an_unsigned_token_is_rejected(keys: Settings, alg: str) -> None:
    token = f"{b64url({'alg': alg, 'typ': 'JWT'})}.{b64url(claims(keys))}."

    with pytest.raises(InvalidToken):
        verify_access_token(keys, token)


def test_a_token_signed_with_another_secret_is_rejected(keys: Settings) -> None:
    token = jwt.encode(claims(keys), "another-secret-" + "z" * 40, "HS256")

    with pytest.raises(InvalidToken):
        verify_access_token(keys, token)


def test_the_same_claims_signed_with_our_key_are_accepted(keys: Settings) -> None:
    """Guards the rejections around it: they fail for the one thing each changes."""
    token = jwt.encode(claims(keys), keys.secret_key, "HS256")

    assert verify_access_token(keys, token).subject == SUBJECT


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"aud": "another-api"}, id="wrong-audience"),
        pytest.param({"iss": "another-issuer"}, id="wrong-issuer"),
        pytest.param({"aud": None}, id="no-audience"),
        pytest.param({"iss": None}, id="no-issuer"),
        pytest.param({"sub": None}, id="no-subject"),
        pytest.param({"exp": None}, id="no-expiry"),
        pytest.param({"kind": "robot"}, id="unknown-kind"),
        pytest.param({"kind": None}, id="no-kind"),
        pytest.param({"org": None}, id="no-organization"),
        pytest.param({"org": 42}, id="organization-not-a-string"),
    ],
)
def test_a_correctly_signed_token_with_bad_claims_is_rejected(
    keys: Settings, overrides: dict[str, Any]
) -> None:
    token = jwt.encode(claims(keys, **overrides), keys.secret_key, "HS256")

    with pytest.raises(InvalidToken):
        verify_access_token(keys, token)


@pytest.mark.parametrize("token", ["", "garbage", "a.b.c", "e30.e30.", "....."])
def test_garbage_is_an_invalid_token_not_a_crash(keys: Settings, token: str) -> None:
    with pytest.raises(InvalidToken):
        verify_access_token(keys, token)


def test_the_principal_key_names_a_verified_subject_only(keys: Settings) -> None:
    assert token_principal_key(keys, issue(keys, kind="partner")) == f"partner:{SUBJECT}"
    assert token_principal_key(keys, "garbage") is None
    forged = jwt.encode(claims(keys), "another-secret-" + "z" * 40, "HS256")
    assert token_principal_key(keys, forged) is None
