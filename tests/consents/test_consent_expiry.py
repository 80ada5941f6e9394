"""Consents end when they say they end (issue #10 §3): a date is the end of that day in the
practice's zone, and structured events end the consent when Cairn sees them happen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from api.core import clock
from api.worker.runner import run_once
from tests.consents.test_consents import consent_body
from tests.factories import Factory
from tests.practice import Practice
from tests.referrals.test_referrals import Network

SIGNED = datetime(2026, 12, 1, 17, 0, tzinfo=UTC)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def set_zone(db: Session, practice: Practice, name: str) -> None:
    practice.org.time_zone = name
    db.add(practice.org)
    db.commit()


@pytest.fixture
def net(client: TestClient, make: Factory, practice: Practice) -> Network:
    return Network(client, make, practice)


def record(net: Network, center: dict[str, Any], **overrides: Any) -> Any:
    return net.client.post(
        f"/api/v1/cases/{net.case['id']}/consents",
        json=consent_body(center["id"], **overrides),
        headers=net.make.headers(net.practice.lead),
    )


def refer_now(net: Network, consent: dict[str, Any]) -> Any:
    """A referral to center A under `consent`, with a token of the (frozen) day."""
    return net.client.post(
        f"/api/v1/cases/{net.case['id']}/referrals",
        json={
            "treatment_center_id": net.center_a["id"],
            "consent_id": consent["id"],
            "level_of_care": "3.7",
            "summary": "Severe alcohol use disorder.",
        },
        headers=net.make.headers(net.practice.lead),
    )


def consent_of(net: Network, consent_id: str) -> dict[str, Any]:
    return dict(
        net.client.get(
            f"/api/v1/consents/{consent_id}", headers=net.make.headers(net.practice.lead)
        ).json()
    )


# --- a date means the end of that day, in the practice's time zone ---------------------------


@pytest.mark.parametrize(
    ("zone", "end_of_day_utc"),
    [
        ("America/Los_Angeles", datetime(2027, 1, 1, 7, 59, 59, 999999, tzinfo=UTC)),
        ("America/New_York", datetime(2027, 1, 1, 4, 59, 59, 999999, tzinfo=UTC)),
    ],
)
def test_a_date_only_expiry_lasts_to_the_end_of_that_day_in_the_practice_zone(
    net: Network, db: Session, zone: str, end_of_day_utc: datetime
) -> None:
    set_zone(db, net.practice, zone)
    with clock.frozen_at(SIGNED):
        response = record(net, net.center_a, expires_at="2026-12-31", signed_at=SIGNED.isoformat())
        assert response.status_code == 201, response.text
    consent = response.json()
    assert at(consent["expires_at"]) == end_of_day_utc

    # Dec 30 in the afternoon in the Americas is already Dec 31 in UTC: still in force.
    with clock.frozen_at(datetime(2026, 12, 31, 0, 30, tzinfo=UTC)):
        assert consent_of(net, consent["id"])["status"] == "active"
    # A minute before local midnight it still holds, and a referral may still be made.
    with clock.frozen_at(end_of_day_utc - timedelta(minutes=1)):
        assert consent_of(net, consent["id"])["status"] == "active"
        assert refer_now(net, consent).status_code == 201
    # A minute after local midnight it has ended.
    with clock.frozen_at(end_of_day_utc + timedelta(minutes=1)):
        ended = consent_of(net, consent["id"])
        assert ended["status"] == "expired"
        assert at(ended["expired_at"]) == end_of_day_utc
        assert ended["expired_by"] == "date"
        late = refer_now(net, consent)
        assert late.status_code == 422
        assert late.json()["type"] == "/api/v1/problems/consent-required"


def test_a_full_timestamp_is_kept_as_given_and_bad_dates_are_refused(
    net: Network, db: Session
) -> None:
    set_zone(db, net.practice, "America/Los_Angeles")
    with clock.frozen_at(SIGNED):
        kept = record(
            net,
            net.center_a,
            expires_at="2026-12-31T17:00:00-05:00",
            signed_at=SIGNED.isoformat(),
        )
        assert kept.status_code == 201, kept.text
        assert at(kept.json()["expires_at"]) == datetime(2026, 12, 31, 22, 0, tzinfo=UTC)
        for bad in ("2026-02-30", "31/12/2026", "tomorrow", 1798675200):
            refused = record(net, net.center_a, expires_at=bad, signed_at=SIGNED.isoformat())
            assert refused.status_code == 422, bad
            assert refused.json()["errors"][0]["loc"][:2] == ["body", "expires_at"]
        # The day it was signed is fine (the end of it is later); the day before is not.
        assert (
            record(
                net, net.center_a, expires_at="2026-12-01", signed_at=SIGNED.isoformat()
            ).status_code
            == 201
        )
        before = record(net, net.center_a, expires_at="2026-11-30", signed_at=SIGNED.isoformat())
        assert before.status_code == 422
        assert before.json()["errors"][0]["loc"] == ["body", "expires_at"]


def test_the_schema_says_what_a_date_means(client: TestClient) -> None:
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]
    expires = schemas["ConsentCreate"]["properties"]["expires_at"]
    choices = expires["anyOf"]
    formats = {c.get("format") for c in choices} | {
        inner.get("format") for c in choices for inner in c.get("anyOf", [])
    }
    assert {"date", "date-time"} <= formats
    text = expires.get("description", "") + str(choices)
    assert "end of that day" in text
    assert "time zone" in text
    event = schemas["ConsentCreate"]["properties"]["expiration_event"]
    assert "on_discharge" in str(event)
    assert "on_case_closed" in str(event)
    assert "on_referral_closed" in str(event)


# --- structured events end the consent when they happen --------------------------------------


def sent_under(net: Network, consent: dict[str, Any]) -> dict[str, Any]:
    draft = net.refer(net.center_a, consent)
    assert draft.status_code == 201, draft.text
    sent = net.client.post(f"/api/v1/referrals/{draft.json()['id']}/send", headers=net.lead)
    assert sent.status_code == 200, sent.text
    return dict(sent.json())


def partner_report(net: Network, referral: dict[str, Any], *statuses: str, **last: Any) -> None:
    path = f"/api/v1/partner/referrals/{referral['id']}/status"
    for i, status in enumerate(statuses):
        body = {"status": status, **(last if i == len(statuses) - 1 else {})}
        response = net.client.post(path, json=body, headers=net.partner_a)
        assert response.status_code == 200, response.text


def assert_ended(
    net: Network,
    consent: dict[str, Any],
    event: str,
    still_waiting: dict[str, Any],
) -> None:
    """The consent reads expired by `event`; the partner is refused the referral still waiting
    under it, learns of the change by polling, and no new referral may use it."""
    ended = consent_of(net, consent["id"])
    assert ended["status"] == "expired"
    assert ended["expired_by"] == event
    assert ended["expired_at"] is not None
    assert ended["expiry_note"]
    read = net.client.get(f"/api/v1/partner/referrals/{still_waiting['id']}", headers=net.partner_a)
    assert read.status_code == 403
    assert read.json()["type"] == "/api/v1/problems/consent-not-active"
    polled = net.client.get(
        "/api/v1/partner/referrals",
        params={"updated_since": still_waiting["updated_at"]},
        headers=net.partner_a,
    ).json()["items"]
    waiting = [r for r in polled if r["id"] == still_waiting["id"]]
    assert waiting, "the referral under the ended consent was not marked changed"
    assert waiting[0]["updated_at"] > still_waiting["updated_at"]
    assert waiting[0]["disclosure_withheld"] is True
    assert waiting[0]["consent"]["status"] == "expired"
    refused = net.refer(net.center_a, consent)
    assert refused.status_code == 422
    assert refused.json()["type"] == "/api/v1/problems/consent-required"
    # Status updates are still accepted: the center must be able to close the loop.
    assert (
        net.client.post(
            f"/api/v1/partner/referrals/{still_waiting['id']}/status",
            json={"status": "received"},
            headers=net.partner_a,
        ).status_code
        == 200
    )


def test_on_discharge_ends_when_the_client_is_discharged_from_the_recipient_center(
    net: Network,
) -> None:
    consent = net.consent(net.center_a, expires_at=None, expiration_event="on_discharge")
    assert consent["expiration_event_evaluated"] is True
    assert consent["expired_at"] is None
    waiting = sent_under(net, consent)
    treated = sent_under(net, consent)
    # A discharge from another center does not end it.
    consent_b = net.consent(net.center_b)
    elsewhere = net.refer(net.center_b, consent_b).json()
    net.client.post(f"/api/v1/referrals/{elsewhere['id']}/send", headers=net.lead)
    for body in (
        {"status": "accepted"},
        {"status": "admitted"},
        {"status": "discharged", "discharge_reason": "transferred"},
    ):
        staff_recorded = net.client.post(
            f"/api/v1/referrals/{elsewhere['id']}/status", json=body, headers=net.lead
        )
        assert staff_recorded.status_code == 200, staff_recorded.text
    # Nor does an admission to the recipient center.
    partner_report(net, treated, "received", "accepted", "admitted")
    assert consent_of(net, consent["id"])["status"] == "active"

    partner_report(net, treated, "discharged", discharge_reason="left_against_advice")
    assert_ended(net, consent, "on_discharge", waiting)
    assert consent_of(net, consent["id"])["expiry_note"] == "Discharged from A Recovery (referral)."
    timeline = net.client.get(f"/api/v1/cases/{net.case['id']}/timeline", headers=net.lead).json()[
        "items"
    ]
    assert any(
        e["kind"] == "consent_expired" and "Discharged from A Recovery" in e["reason"]
        for e in timeline
    )


@pytest.mark.parametrize("closing", ["cancelled", "declined", "discharged"])
def test_on_referral_closed_ends_when_a_referral_under_it_ends(net: Network, closing: str) -> None:
    consent = net.consent(net.center_a, expires_at=None, expiration_event="on_referral_closed")
    waiting = sent_under(net, consent)
    closed = sent_under(net, consent)
    partner_report(net, closed, "received")
    # A draft withdrawn before it was sent was never a referral made under it.
    draft = net.refer(net.center_a, consent).json()
    net.client.post(f"/api/v1/referrals/{draft['id']}/cancel", json={}, headers=net.lead)
    assert consent_of(net, consent["id"])["status"] == "active"
    if closing == "cancelled":
        response = net.client.post(
            f"/api/v1/referrals/{closed['id']}/cancel", json={}, headers=net.lead
        )
        assert response.status_code == 200, response.text
    elif closing == "declined":
        partner_report(net, closed, "declined", decline_reason="No beds")
    else:
        partner_report(
            net, closed, "accepted", "admitted", "discharged", discharge_reason="completed"
        )
    assert_ended(net, consent, "on_referral_closed", waiting)


def test_on_case_closed_ends_when_the_case_is_closed_and_stays_ended_on_reopening(
    net: Network, client: TestClient
) -> None:
    consent = net.consent(net.center_a, expires_at=None, expiration_event="on_case_closed")
    waiting = sent_under(net, consent)
    draft = net.refer(net.center_a, consent).json()
    assert consent_of(net, consent["id"])["status"] == "active"
    closed = client.post(
        f"/api/v1/cases/{net.case['id']}/status",
        json={"status": "closed", "outcome": "declined_treatment"},
        headers=net.lead,
    )
    assert closed.status_code == 200, closed.text
    assert_ended(net, consent, "on_case_closed", waiting)
    assert consent_of(net, consent["id"])["expiry_note"] == "The case was closed."
    client.post(
        f"/api/v1/cases/{net.case['id']}/status",
        json={"status": "intake", "reason": "Family called again"},
        headers=net.lead,
    )
    assert consent_of(net, consent["id"])["status"] == "expired"
    send = client.post(f"/api/v1/referrals/{draft['id']}/send", headers=net.lead)
    assert send.status_code == 422
    assert send.json()["type"] == "/api/v1/problems/consent-required"


def test_an_event_consent_that_a_date_ended_first_keeps_the_date(net: Network) -> None:
    ends = clock.now() + timedelta(days=1)
    consent = net.consent(
        net.center_a, expires_at=ends.isoformat(), expiration_event="on_case_closed"
    )
    with clock.frozen_at(ends + timedelta(hours=1)):
        net.client.post(
            f"/api/v1/cases/{net.case['id']}/status",
            json={"status": "closed", "outcome": "lost_contact"},
            headers=net.make.headers(net.practice.lead),
        )
        ended = consent_of(net, consent["id"])
    assert (ended["status"], ended["expired_by"], ended["expiry_note"]) == (
        "expired",
        "date",
        None,
    )


def test_on_discharge_needs_a_recipient_center(net: Network) -> None:
    response = net.client.post(
        f"/api/v1/cases/{net.case['id']}/consents",
        json=consent_body(
            net.center_a["id"],
            recipient_treatment_center_id=None,
            recipient_description="The admissions team",
            expires_at=None,
            expiration_event="on_discharge",
        ),
        headers=net.lead,
    )
    assert response.status_code == 422
    assert "recipient_treatment_center_id" in response.text


# --- free text: staff confirm it ----------------------------------------------------------------


def test_a_free_text_event_asks_the_case_lead_to_confirm_the_consent_holds(
    net: Network, db: Session
) -> None:
    set_zone(db, net.practice, "America/Los_Angeles")
    with clock.frozen_at(SIGNED):
        response = record(
            net,
            net.center_a,
            expires_at=None,
            expiration_event="One year after admission",
            signed_at=SIGNED.isoformat(),
        )
        assert response.status_code == 201, response.text
        consent = response.json()
        assert consent["expiration_event"] == "One year after admission"
        assert consent["expiration_event_evaluated"] is False
        tasks = net.client.get(
            f"/api/v1/cases/{net.case['id']}/tasks", headers=net.make.headers(net.practice.lead)
        ).json()["items"]
        structured = record(
            net, net.center_a, expires_at=None, expiration_event="on_case_closed"
        ).json()
        after = net.client.get(
            f"/api/v1/cases/{net.case['id']}/tasks", headers=net.make.headers(net.practice.lead)
        ).json()["items"]
    assert len(tasks) == 1
    task = tasks[0]
    assert task["title"] == "Confirm the consent to disclose is still in force"
    assert "One year after admission" in task["description"]
    assert task["assignee"]["user_id"] == str(net.practice.lead.id)
    assert task["phase"] == "intervention"  # the case is at intervention_held
    assert task["status"] == "open"
    # Due soon: the end of the third day from now, in the practice's zone (Dec 4, PST).
    assert at(task["due_at"]) == datetime(2026, 12, 5, 7, 59, 59, 999999, tzinfo=UTC)
    assert structured["expiration_event_evaluated"] is True
    assert len(after) == 1  # an event Cairn evaluates needs no task


# --- the warning 14 days ahead ------------------------------------------------------------------


def test_the_expiring_alert_names_the_day_in_the_practice_zone(
    net: Network, db: Session, session_factory: object
) -> None:
    set_zone(db, net.practice, "America/Los_Angeles")
    with clock.frozen_at(datetime(2027, 2, 1, 17, tzinfo=UTC)):
        dated = record(net, net.center_a, expires_at="2027-03-01").json()
        both = record(
            net, net.center_a, expires_at="2027-03-02", expiration_event="on_case_closed"
        ).json()
    # Ends 2027-03-02T07:59:59Z: a UTC date would say Mar 2.
    assert at(dated["expires_at"]) == datetime(2027, 3, 2, 7, 59, 59, 999999, tzinfo=UTC)
    with clock.frozen_at(datetime(2027, 2, 14, 7, 0, tzinfo=UTC)):  # 15+ days ahead: not yet
        assert run_once(session_factory)["warn_expiring_consents"] == 0  # type: ignore[arg-type]
    with clock.frozen_at(datetime(2027, 2, 17, 18, tzinfo=UTC)):
        assert run_once(session_factory)["warn_expiring_consents"] == 2  # type: ignore[arg-type]
        alerts = net.client.get(
            "/api/v1/alerts",
            params={"kind": "consent_expiring"},
            headers=net.make.headers(net.practice.lead),
        ).json()["items"]
    titles = sorted(a["title"] for a in alerts)
    assert titles == [
        "A consent to disclose expires on Mon, Mar 1, 2027",
        "A consent to disclose expires on Tue, Mar 2, 2027",
    ]
    assert both["id"] != dated["id"]


def test_a_consent_ended_by_its_event_is_not_warned_about(
    net: Network, client: TestClient, session_factory: object
) -> None:
    ends = clock.now() + timedelta(days=10)
    net.consent(net.center_a, expires_at=ends.isoformat(), expiration_event="on_case_closed")
    client.post(
        f"/api/v1/cases/{net.case['id']}/status",
        json={"status": "closed", "outcome": "lost_contact"},
        headers=net.lead,
    )
    assert run_once(session_factory)["warn_expiring_consents"] == 0  # type: ignore[arg-type]
