"""Property-based fuzz of the whole OpenAPI document: the document says what the server does.

Every schemathesis check runs, in both generation modes: schema-valid requests must be
accepted (positive_data_acceptance), schema-invalid ones refused (negative_data_rejection),
no 5xx, every response as declared. It runs signed in as each kind of principal (an admin
and an interventionist of a practice with a case, a portal participant, a partner treatment
center's API client), each on the operations it may call, and then statefully: sequences
of calls linked through the ids the responses carry.

Deterministic by default so CI is repeatable; CAIRN_FUZZ_RANDOM=1 and a larger
CAIRN_FUZZ_EXAMPLES explore further when hunting for bugs. How the contract is checked, and
the few things a fuzz cannot know (below), are described in docs/api.md.
"""

from __future__ import annotations

import copy
import hashlib
import json
import os
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, assume, settings
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from api.checkins.schemas import DAY_COUNT_ITEMS
from api.core.contact import split_phone
from api.core.idempotency import KEY_PATTERN
from tests.checkins.driver import CaseDriver
from tests.factories import Factory
from tests.practice import Practice

EXAMPLES = int(os.environ.get("CAIRN_FUZZ_EXAMPLES", "25"))
STATEFUL_SEQUENCES = int(os.environ.get("CAIRN_FUZZ_SEQUENCES", "15"))
DERANDOMIZE = os.environ.get("CAIRN_FUZZ_RANDOM") != "1"
TIMEOUT = 120  # seconds; a shared CI machine can be slow, and a slow answer is not a wrong one

# Statuses that answer a well-formed request whose *state* disagrees, like the 409 that
# schemathesis already counts as accepted: 410 an `updated_since` older than the removals
# kept (90 days before now), 412 an If-Match that is not the current ETag (a fuzz cannot
# guess the version), 428 the plan's required If-Match left out.
ACCEPTED = ["2xx", "3xx", "401", "403", "404", "409", "410", "412", "429", "5xx"]
CONFIG = SchemathesisConfig.from_dict(
    {
        "checks": {
            "positive_data_acceptance": {"expected-statuses": ACCEPTED},
            # 410 refuses the value too: an `updated_since` the server will not sync from.
            "negative_data_rejection": {
                "expected-statuses": [
                    "400",
                    "401",
                    "403",
                    "404",
                    "405",
                    "406",
                    "409",
                    "410",
                    "415",
                    "422",
                    "428",
                    "429",
                    "5xx",
                ]
            },
            "missing_required_header": {
                "expected-statuses": ["400", "401", "403", "406", "415", "422", "428"]
            },
        }
    }
)


def _document(app: FastAPI) -> dict[str, Any]:
    # Every request carries a valid token, so the document is fuzzed without its
    # security requirements: otherwise "drop the Authorization header" mutations
    # would be re-signed by the test and wrongly reported as accepted.
    # Missing and forged tokens are tested directly in tests/auth.
    document = copy.deepcopy(app.openapi())
    for operations in document["paths"].values():
        for operation in operations.values():
            operation.pop("security", None)
    return document


@pytest.fixture
def openapi_schema(app: FastAPI, client: TestClient) -> Any:
    schema = schemathesis.openapi.from_dict(_document(app), config=CONFIG)
    schema.app = app
    return schema


api_schema = schemathesis.pytest.from_fixture("openapi_schema")

PORTAL = r"^/api/v1/portal/"
PARTNER = r"^/api/v1/partner/"
STAFF = r"^/api/v1/(?!portal/|partner/)"
FUZZ_SETTINGS = settings(
    max_examples=EXAMPLES,
    derandomize=DERANDOMIZE,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)


@dataclass
class Callers:
    admin: dict[str, str]
    interventionist: dict[str, str]
    portal: dict[str, str]
    partner: dict[str, str]


@pytest.fixture
def callers(client: TestClient, make: Factory, practice: Practice) -> Callers:
    """A practice with a case led by an interventionist, a family member signed in to the
    portal, and a partner treatment center holding a consented referral."""
    case = CaseDriver(client, make, practice)
    grace = case.participant("Grace Okafor", email="grace@example.org", letter="Dear Danny")
    case.schedule(respondent=grace["id"])
    admin = make.headers(practice.admin)
    center = client.post(
        "/api/v1/treatment-centers",
        json={"name": "A Recovery", "levels_of_care": ["3.7"]},
        headers=admin,
    ).json()
    credentials = client.post(
        f"/api/v1/treatment-centers/{center['id']}/api-clients", json={}, headers=admin
    ).json()
    partner_token = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": credentials["client_id"],
            "client_secret": credentials["client_secret"],
        },
    ).json()["access_token"]
    return Callers(
        admin=admin,
        interventionist=case.headers(),
        portal=case.portal_headers(grace["id"]),
        partner={"Authorization": f"Bearer {partner_token}"},
    )


def _as_the_server_expects(case: Any) -> None:
    """What a fuzz cannot know, made as a real client would make it (docs/api.md):
    - `cursor` is opaque: only a `next_cursor` the server gave is valid, so schema-valid
      requests leave it out (schema-invalid ones keep their broken cursor: 400);
    - a valid Idempotency-Key is reused only with its own body (reused with another body it
      is a 422 by design), so the key is made unique to the body it comes with."""
    if case.meta is not None and case.meta.generation.mode.is_positive and case.query:
        case.query.pop("cursor", None)
    key = (case.headers or {}).get("Idempotency-Key")
    if isinstance(key, str) and re.match(KEY_PATTERN, key) and not key.endswith("\n"):
        body = json.dumps(case.body, sort_keys=True, default=str)
        case.headers["Idempotency-Key"] = hashlib.sha256(f"{key}|{body}".encode()).hexdigest()


# 422s that answer a well-formed request whose value only the server can judge: a
# six-digit code that is not the one the authenticator shows now.
# And a directory import's file, which the document can only call `binary`: whether its
# content is a locator file or an HSDS package only the server can tell.
STATE_PROBLEMS = {
    "/api/v1/problems/incorrect-mfa-code",
    "/api/v1/problems/malformed-import-file",
    "/api/v1/problems/unsupported-import-file",
}


def _answers_state(case: Any, response: Any) -> bool:
    if response.status_code == 422 and response.json().get("type") in STATE_PROBLEMS:
        return True
    # Inviting someone the case has no e-mail address for: the record's state, not the body.
    if response.status_code == 422 and all(
        error.get("msg") == "no email on record" for error in response.json().get("errors") or [{}]
    ):
        return True
    return _names_unknown_ids(case, response)


def _names_unknown_ids(case: Any, response: Any) -> bool:
    """A 422 whose every error points at a UUID in the body: an id that names nothing the
    caller can see (a center, a consent, a goal, a participant). Any UUID is schema-valid and
    only the server knows which exist, so this is the answer a valid request gets (the
    stateful test sends real ids from earlier responses)."""
    if response.status_code != 422:
        return False
    errors = response.json().get("errors") or []
    return bool(errors) and all(_uuid_at(case.body, error["loc"]) for error in errors)


def _uuid_at(body: Any, loc: list[str | int]) -> bool:
    if not loc or loc[0] != "body":
        return False
    value = body
    for part in loc[1:]:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return False
    return isinstance(value, str) and UUID.match(value) is not None


UUID = re.compile(r"^[0-9a-fA-F]{8}-?(?:[0-9a-fA-F]{4}-?){3}[0-9a-fA-F]{12}$")


def _day_counts_within_period(body: dict[str, Any]) -> bool:
    period = body.get("period_days", 7)
    counts = {name: body.get(name) for name in DAY_COUNT_ITEMS}
    heavy, used = counts["heavy_drinking_days"], counts["days_used"]
    return (
        all(count is None or count <= period for count in counts.values())
        and (heavy is None or used is None or heavy <= used)
        and not (used == 0 and body.get("substances_used"))
    )


def _consent_ends_after_signing(body: dict[str, Any]) -> bool:
    expires, signed = body.get("expires_at"), body.get("signed_at")
    if body.get("expiration_event") == "on_discharge" and not body.get(
        "recipient_treatment_center_id"
    ):
        return False
    if not isinstance(expires, str) or not isinstance(signed, str):
        return True
    return str(expires) > str(signed)[:10] if len(expires) == 10 else expires > signed


def _goal_range_in_order(body: dict[str, Any]) -> bool:
    """A goal's `target_low` is not above its `target_high` (the descriptions say so)."""
    low, high = body.get("target_low"), body.get("target_high")
    return not (isinstance(low, int | float) and isinstance(high, int | float) and low > high)


def _goal_change_keeps_a_threshold_whole(body: dict[str, Any]) -> bool:
    """A PATCH with `target_value` or `direction` alone keeps the other from the goal; on a
    goal that has none (a range, or a qualitative target) that is a 422 only the server can
    know (GoalUpdate's docstring), so the fuzz sends the two together."""
    value, direction = body.get("target_value"), body.get("direction")
    lone = (value is not None) != (direction is not None)
    return _goal_range_in_order(body) and not lone


# Rules between fields, which JSON Schema cannot state and each field's description does
# (a day count is at most `period_days`; a consent ends after it is signed; a phone number
# fits its 40 characters and its extension is written once). Schema-valid
# bodies that break them are refused by design; the fuzz draws only bodies that keep them.
CROSS_FIELD_RULES = {
    ("POST", "/api/v1/cases/{case_id}/check-ins"): _day_counts_within_period,
    ("POST", "/api/v1/portal/check-ins"): _day_counts_within_period,
    ("POST", "/api/v1/cases/{case_id}/consents"): _consent_ends_after_signing,
    ("POST", "/api/v1/cases/{case_id}/goals"): _goal_range_in_order,
    ("PATCH", "/api/v1/goals/{goal_id}"): _goal_change_keeps_a_threshold_whole,
}


PHONE_FIELDS = ("phone", "intake_phone", "hotline_phone")


def _phones_as_written(body: Any) -> bool:
    """A number longer than its 40-character column, or an extension written both in `phone`
    and in `phone_extension`, is refused (422); the pattern cannot say either quickly. The
    same for a directory entry's intake and hotline phones, whose extension also needs its
    number (given with it: a fuzzed entry has none stored)."""
    if isinstance(body, list):
        return all(_phones_as_written(item) for item in body)
    if not isinstance(body, dict):
        return True
    for field in PHONE_FIELDS:
        phone = body.get(field)
        if isinstance(phone, str):
            try:
                written = split_phone(phone)[1]
            except ValueError:
                return False
            if written is not None and body.get(f"{field}_extension") is not None:
                return False
        elif field != "phone" and body.get(f"{field}_extension") is not None:
            return False
    return all(_phones_as_written(value) for value in body.values())


def _listing_pairs_given(body: dict[str, Any]) -> bool:
    """A directory entry's latitude and longitude come together, and an `external_id` with
    its `external_source` (api/interop/listing.py); JSON Schema's `dependentRequired` could
    say it, but a PATCH may send one of a pair when the other is stored."""
    if (body.get("latitude") is None) != (body.get("longitude") is None):
        return False
    return body.get("external_id") is None or body.get("external_source") is not None


def _meetings_end_after_start(body: Any) -> bool:
    """A meeting's `end_time` is after its `start_time` (HH:MM, same day), as its
    description says; two patterns cannot compare."""
    if isinstance(body, list):
        return all(_meetings_end_after_start(item) for item in body)
    if not isinstance(body, dict):
        return True
    start, end = body.get("start_time"), body.get("end_time")
    if isinstance(start, str) and isinstance(end, str) and end <= start:
        return False
    return all(_meetings_end_after_start(value) for value in body.values())


def _report_window_fits(query: dict[str, Any]) -> bool:
    """A report's `from` is not after its `to` (default: today in the practice's zone) and
    the window spans at most 5 years (api/reports/scope.py); "today" is no static bound."""
    try:
        given_to = date.fromisoformat(query["to"]) if query.get("to") else None
        given_from = date.fromisoformat(query["from"]) if query.get("from") else None
    except (TypeError, ValueError):
        return True
    # Today in the practice's zone may be a day either side of UTC's.
    to = given_to or date.today() - timedelta(days=1)
    start = given_from or to - timedelta(days=364)
    return start <= to and (to - start).days < 5 * 365


def _keeps_cross_field_rules(case: Any) -> bool:
    rule = CROSS_FIELD_RULES.get((case.method.upper(), case.path))
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive and case.path.startswith("/api/v1/reports/") and case.query:
        return _report_window_fits(case.query)
    if not positive or not isinstance(case.body, dict):
        return True
    return (
        _phones_as_written(case.body)
        and _listing_pairs_given(case.body)
        and _meetings_end_after_start(case.body)
        and (rule is None or rule(case.body))
    )


def _blank(value: Any) -> bool:
    """A string of only white space in a trimmed field is trimmed to nothing and refused by
    its `minLength: 1` (422); the document says `minLength` of the trimmed text, which JSON
    Schema cannot express without a pattern per field, so the fuzz draws no blank strings.
    (Control characters and the range of years are published as patterns and need no
    filter: api/core/text.py, api/core/schemas.py.)"""
    if isinstance(value, dict):
        return any(_blank(item) for item in value.values())
    if isinstance(value, list):
        return any(_blank(item) for item in value)
    return isinstance(value, str) and value != "" and value.strip() == ""


def _drawable(case: Any) -> bool:
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    return not positive or not _blank(case.body)


def _check(case: Any, headers: dict[str, str]) -> None:
    assume(_keeps_cross_field_rules(case))
    assume(_drawable(case))
    _as_the_server_expects(case)
    response = case.call_and_validate(
        headers=headers, excluded_checks=[positive_data_acceptance], timeout=TIMEOUT
    )
    if not _answers_state(case, response):
        case.validate_response(response, checks=[positive_data_acceptance], headers=headers)


@api_schema.include(path_regex=STAFF).parametrize()
@FUZZ_SETTINGS
def test_staff_admin_operations_keep_their_contract(case: Any, callers: Callers) -> None:
    _check(case, callers.admin)


@api_schema.include(path_regex=STAFF).parametrize()
@settings(FUZZ_SETTINGS, max_examples=max(EXAMPLES // 3, 1))
def test_interventionist_operations_keep_their_contract(case: Any, callers: Callers) -> None:
    _check(case, callers.interventionist)


@api_schema.include(path_regex=PORTAL).parametrize()
@FUZZ_SETTINGS
def test_portal_operations_keep_their_contract(case: Any, callers: Callers) -> None:
    _check(case, callers.portal)


@api_schema.include(path_regex=PARTNER).parametrize()
@FUZZ_SETTINGS
def test_partner_operations_keep_their_contract(case: Any, callers: Callers) -> None:
    _check(case, callers.partner)


def test_stateful_sequences_keep_their_contract(openapi_schema: Any, callers: Callers) -> None:
    """Sequences of calls where each uses what an earlier one answered (the links schemathesis
    infers from the document: a created case's id into its participants, plan, tasks...)."""
    base = openapi_schema.include(path_regex=STAFF).as_state_machine()
    headers = callers.admin

    class Sequences(base):  # type: ignore[misc, valid-type]
        def before_call(self, case: Any) -> None:
            assume(_keeps_cross_field_rules(case))
            assume(_drawable(case))
            _as_the_server_expects(case)

        def get_call_kwargs(self, case: Any) -> dict[str, Any]:
            return {"headers": headers, "timeout": TIMEOUT}

        def validate_response(self, response: Any, case: Any, **kwargs: Any) -> None:
            case.validate_response(
                response,
                excluded_checks=[positive_data_acceptance],
                transport_kwargs=kwargs,
                recorder=self.recorder,
            )
            if not _answers_state(case, response):
                case.validate_response(response, checks=[positive_data_acceptance])

    Sequences.run(
        settings=settings(
            FUZZ_SETTINGS,
            max_examples=STATEFUL_SEQUENCES,
            stateful_step_count=6,
            # The database keeps what earlier sequences made, so replaying one to shrink it
            # can take another path ("flaky strategy"): report failures as found instead.
            phases=[Phase.explicit, Phase.generate],
        )
    )
