from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy.orm import Session

from api.core import clock
from api.organizations.models import Organization
from tests.practice import Practice
from tests.reports.dataset import Builder, at

NOW = at("2026-07-01T12:00:00")  # 08:00 in New York; the window below ends at 04:00 UTC


@pytest.fixture
def frozen() -> Iterator[None]:
    with clock.frozen_at(NOW):
        yield


@pytest.fixture
def dataset(db: Session, practice: Practice, frozen: None) -> Builder:
    """The hand-built practice (see test_summary.py for the figures it must give)."""
    practice.org.time_zone = "America/New_York"
    db.add(practice.org)
    lead, colleague = practice.lead, practice.colleague
    b = Builder(db, practice.org, practice.admin)

    # A: Johnson, intake Jan 10, held 30 days later, admitted 2 days after that,
    # discharged having completed treatment on April 1.
    a = b.case("A", lead=lead, model="johnson", created="2026-01-10T15:00:00", status="aftercare")
    b.held(a, "2026-02-09T15:00:00")
    b.referral(
        a,
        created="2026-02-05T15:00:00",
        admitted="2026-02-11T15:00:00",
        discharged="2026-04-01T15:00:00",
        reason="completed",
    )
    # B: Johnson, held 40 days after intake, declined; no admission.
    bb = b.case("B", lead=lead, model="johnson", created="2026-01-20T15:00:00", status="closed")
    b.held(bb, "2026-03-01T15:00:00", result="declined")
    # C: ARISE (invitational): admitted Feb 15 with no formal intervention held; left early.
    c = b.case(
        "C", lead=colleague, model="arise", created="2026-02-01T15:00:00", status="in_treatment"
    )
    b.referral(
        c,
        created="2026-02-10T15:00:00",
        admitted="2026-02-15T15:00:00",
        discharged="2026-05-01T15:00:00",
        reason="left_against_advice",
    )
    # D: CRAFT, opened before the window; held Jan 15 (75 days after intake), admitted 10 days later.
    d = b.case(
        "D", lead=colleague, model="craft", created="2025-11-01T15:00:00", status="in_treatment"
    )
    b.held(d, "2026-01-15T15:00:00")
    b.referral(d, created="2026-01-20T15:00:00", admitted="2026-01-25T15:00:00")
    # E: Love First, opened 2026-03-01 03:00 UTC = Feb 28 22:00 in New York (a February case).
    e = b.case("E", lead=lead, model="love_first", created="2026-03-01T03:00:00", status="planning")
    # F: opened 2026-07-01 06:00 UTC = July 1 in New York: after the window, before now.
    b.case("F", lead=lead, model="johnson", created="2026-07-01T06:00:00", status="intake")
    # H: Johnson, held 2026-01-01 03:00 UTC = Dec 31 in New York (before the window);
    # admitted three days later, Jan 3 in New York.
    h = b.case(
        "H", lead=lead, model="johnson", created="2025-06-01T15:00:00", status="in_treatment"
    )
    b.held(h, "2026-01-01T03:00:00")
    b.referral(h, created="2025-12-20T15:00:00", admitted="2026-01-04T03:00:00")

    b.alert(a, "critical")
    b.alert(a, "high")
    b.alert(c, "critical", status="acknowledged")
    b.task(a, "2026-06-01T12:00:00")  # overdue
    b.task(a, "2026-08-01T12:00:00")  # open, not yet due
    b.task(bb, "2026-05-01T12:00:00", status="done")
    b.task(e, None)  # no due time: not counted

    mother = b.participant(a)
    # The client's weekly schedule, active since intake.
    b.schedule(a, cadence=7, created="2026-01-10T15:00:00")
    # The mother's fortnightly schedule, from before the window, switched off on March 1.
    b.schedule(
        a,
        cadence=14,
        created="2025-12-01T15:00:00",
        participant=mother,
        active=False,
        updated="2026-03-01T05:00:00",
    )
    b.check_in(a, "2026-01-01T04:30:00")  # Dec 31 in New York: outside
    b.check_in(a, "2026-01-17T15:00:00")
    b.check_in(a, "2026-01-24T15:00:00")
    b.check_in(a, "2026-03-10T15:00:00")
    b.check_in(a, "2026-01-20T15:00:00", participant=mother)
    b.check_in(a, "2026-02-03T15:00:00", participant=mother)

    b.goal(a, date(2026, 3, 1), "achieved")
    b.goal(a, date(2026, 6, 30), "not_achieved")  # the window's last day counts
    b.goal(bb, date(2026, 4, 1), "achieved", lifecycle="cancelled")
    b.goal(d, date(2026, 7, 1), "achieved")  # after the window

    # Another organisation's case, with everything: never counted.
    elsewhere = db.get(Organization, practice.outsider.organization_id)
    assert elsewhere is not None
    other = Builder(db, elsewhere, practice.outsider)
    g = other.case(
        "G",
        lead=practice.outsider,
        model="johnson",
        created="2026-02-01T15:00:00",
        status="in_treatment",
    )
    other.held(g, "2026-02-02T15:00:00")
    other.referral(g, created="2026-02-02T15:00:00", admitted="2026-02-03T15:00:00")
    other.alert(g, "critical")
    other.check_in(g, "2026-02-05T15:00:00")
    db.commit()
    return b
