"""The demo practice tells one coherent story, for the reports dashboard and for anyone who
opens a case: every case's status agrees with its referrals and its intervention plan, things
happen in order, in the past and after the case's intake, and summaries name no substance
other than the case's own. Checked for every case, the live ones and the year of history:
each has a primary substance and an intake summary said of it, a client name of its own, and
the check-ins were asked for by a schedule, so adherence over any past window has something to
count."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.aftercare.models import AftercarePlan
from api.cases.models import Case, CaseEvent
from api.checkins.models import CheckIn, CheckInSchedule
from api.consents.models import Consent
from api.core import clock
from api.core.config import Settings
from api.demo.seed import DEMO_PASSWORD, seed_demo
from api.demo.stories import SUMMARIES
from api.participants.models import Participant
from api.plans.models import InterventionPlan
from api.referrals.models import Referral

# Invited rather than surprised: the client may enter treatment before any formal
# intervention (and then none is held afterwards).
INVITATIONAL = {"arise", "craft", "systemic_family"}
BEFORE_TREATMENT = {"intake", "planning", "scheduled", "intervention_held"}
PLAN_STATUSES = {
    "intake": {None, "draft"},
    "planning": {"draft", "in_review"},
    "scheduled": {"approved"},
    "intervention_held": {"delivered"},
}
# Words that name a substance (or give it away), and what in the case's substances allows them.
SUBSTANCE_WORDS: dict[str, tuple[str, ...]] = {
    "alcohol": ("alcohol",),
    "drinking": ("alcohol",),
    "drunk": ("alcohol",),
    "bottles?": ("alcohol",),
    "opioids?": ("opioid",),
    "fentanyl": ("fentanyl",),
    "heroin": ("heroin",),
    "oxycodone": ("prescription opioid",),
    "naloxone": ("opioid",),
    "stimulants?": ("stimulant", "methamphetamine", "cocaine"),
    "methamphetamine": ("methamphetamine",),
    "meth": ("methamphetamine",),
    "cocaine": ("cocaine",),
    "crack": ("cocaine",),
    "cannabis": ("cannabis",),
    "marijuana": ("cannabis",),
    "benzodiazepines?": ("benzodiazepine",),
    "xanax": ("benzodiazepine",),
    "gambling": ("gambling",),
    "betting": ("gambling",),
}


def test_every_demo_case_tells_a_coherent_story(
    client: TestClient, session_factory: Callable[[], Session], db: Session, settings: Settings
) -> None:
    """One test, because loading the practice is the slow part (seconds)."""
    seed_demo(session_factory, settings=settings)
    now = clock.now()
    cases = db.scalars(select(Case)).all()
    assert len(cases) > 50  # the live cases and the year of history
    referrals = _by_case(db.scalars(select(Referral)))
    plans = {p.case_id: p for p in db.scalars(select(InterventionPlan))}
    aftercare = {p.case_id: p for p in db.scalars(select(AftercarePlan))}
    moments: dict[uuid.UUID, list[tuple[str, datetime | None]]] = defaultdict(list)
    for event in db.scalars(select(CaseEvent)):
        moments[event.case_id].append((f"event {event.kind}", event.at))
    for consent in db.scalars(select(Consent)):
        moments[consent.case_id].append(("consent signed", consent.signed_at))
    for participant in db.scalars(select(Participant)):
        moments[participant.case_id].append(("participant added", participant.created_at))
    for check_in in db.scalars(select(CheckIn)):
        moments[check_in.case_id].append(("check-in", check_in.submitted_at))

    problems: list[str] = []
    for case in cases:
        plan = plans.get(case.id)
        case_referrals = referrals[case.id]
        for label, at in _dates(case, plan, case_referrals, aftercare.get(case.id), moments):
            if at is not None and not case.created_at <= at <= now:
                problems.append(f"{case.reference}: {label} at {at}, outside intake..now")
        problems += [
            f"{case.reference}: {p}"
            for p in (
                *_status_agrees(case, plan, case_referrals, aftercare.get(case.id)),
                *_events_in_order(case, plan, case_referrals),
                *_summaries_name_the_case_substances(case, case_referrals),
                *_summary_fits_the_primary_substance(case),
            )
        ]
    problems += _client_names_are_unique(cases)
    problems += _check_ins_were_asked_for(db, cases)
    assert not problems, "\n".join(problems)
    _first_half_adherence_has_a_denominator(client)


def _summary_fits_the_primary_substance(case: Case) -> list[str]:
    primary = case.primary_substance
    if not primary:
        return ["no primary substance"]
    problems = []
    if primary not in case.substances:
        problems.append(f"primary substance {primary!r} not among {case.substances}")
    fitting = {text for text, fits in SUMMARIES if fits is None or primary in fits}
    if case.summary not in fitting:
        problems.append(f"summary {case.summary!r} is not one said of {primary!r}")
    return problems


def _client_names_are_unique(cases: Iterable[Case]) -> list[str]:
    seen: dict[tuple[str, str], str] = {}
    problems = []
    for case in cases:
        name = (case.client_first_name, case.client_last_name)
        if any(re.search(r"\d", part or "") for part in name):
            problems.append(f"{case.reference}: client named {name}")
        if name in seen:
            problems.append(f"{case.reference}: client {' '.join(name)} as on {seen[name]}")
        seen.setdefault(name, case.reference)
    return problems


def _check_ins_were_asked_for(db: Session, cases: Iterable[Case]) -> list[str]:
    """Every client check-in was sent while a schedule asked for it, and a closed case's
    schedules were switched off when it closed (the reports count them up to then)."""
    by_id = {case.id: case for case in cases}
    problems = [
        f"{by_id[c.case_id].reference}: a client check-in at {c.submitted_at} off schedule"
        for c in db.scalars(select(CheckIn).where(col(CheckIn.respondent_participant_id).is_(None)))
        if not c.on_schedule
    ]
    for schedule in db.scalars(select(CheckInSchedule)):
        case = by_id[schedule.case_id]
        if case.status == "closed" and (schedule.active or schedule.updated_at > case.updated_at):
            problems.append(
                f"{case.reference}: schedule active={schedule.active}, last changed "
                f"{schedule.updated_at}, the case closed {case.updated_at}"
            )
    return problems


def _first_half_adherence_has_a_denominator(client: TestClient) -> None:
    token = client.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "password",
            "username": "supervisor@demo.cairn.test",
            "password": DEMO_PASSWORD,
        },
    ).json()["access_token"]
    year = clock.now().year
    response = client.get(
        "/api/v1/reports/summary",
        params={"from": date(year, 1, 1).isoformat(), "to": date(year, 6, 30).isoformat()},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200, response.text
    adherence = response.json()["check_in_adherence"]["client"]
    assert adherence["denominator"] > 0, adherence
    assert 0 < adherence["numerator"] <= adherence["denominator"], adherence


def _by_case(referrals: Iterable[Referral]) -> dict[uuid.UUID, list[Referral]]:
    grouped: dict[uuid.UUID, list[Referral]] = defaultdict(list)
    for referral in referrals:
        grouped[referral.case_id].append(referral)
    return grouped


def _dates(
    case: Case,
    plan: InterventionPlan | None,
    referrals: list[Referral],
    aftercare: AftercarePlan | None,
    moments: dict[uuid.UUID, list[tuple[str, datetime | None]]],
) -> list[tuple[str, datetime | None]]:
    dates: list[tuple[str, datetime | None]] = [("last change", case.updated_at)]
    if plan is not None:
        dates += [
            ("plan created", plan.created_at),
            ("plan submitted", plan.submitted_at),
            ("plan approved", plan.approved_at),
            ("intervention held", plan.held_at),
        ]
    for r in referrals:
        dates += [
            (f"{r.status} referral created", r.created_at),
            (f"{r.status} referral sent", r.sent_at),
            (f"{r.status} referral admitted", r.admitted_at),
            (f"{r.status} referral discharged", r.discharged_at),
        ]
    if aftercare is not None:
        dates.append(("aftercare started", aftercare.started_at))
    return dates + moments[case.id]


def _status_agrees(
    case: Case,
    plan: InterventionPlan | None,
    referrals: list[Referral],
    aftercare: AftercarePlan | None,
) -> list[str]:
    problems = []
    admitted = [r for r in referrals if r.admitted_at is not None]
    discharged = [r for r in admitted if r.discharged_at is not None]
    plan_status = plan.status if plan is not None else None
    if case.status in BEFORE_TREATMENT:
        if admitted:
            problems.append(f"{case.status} but a referral was admitted")
        if plan_status not in PLAN_STATUSES[case.status]:
            problems.append(f"{case.status} with a plan that is {plan_status}")
    if case.status in ("in_treatment", "aftercare") and not admitted:
        problems.append(f"{case.status} without an admitted referral")
    if case.status == "aftercare":
        if aftercare is None:
            problems.append("in aftercare without an aftercare plan")
        elif not any(
            r.discharged_at <= aftercare.started_at for r in discharged if r.discharged_at
        ):
            problems.append("aftercare began before any stay in treatment ended")
    if case.status == "closed":
        completed = [r for r in discharged if r.discharge_reason == "completed"]
        if case.outcome == "completed_treatment" and not completed:
            problems.append("closed as completed_treatment without a completed discharge")
        if case.outcome == "entered_treatment" and not admitted:
            problems.append("closed as entered_treatment without an admitted referral")
        if case.outcome == "declined_treatment" and admitted:
            problems.append("closed as declined_treatment, but a referral was admitted")
    if admitted and plan_status != "delivered" and case.intervention_model not in INVITATIONAL:
        problems.append(
            f"admitted without a held intervention, but {case.intervention_model} "
            "is not an invitational model"
        )
    return problems


def _events_in_order(
    case: Case, plan: InterventionPlan | None, referrals: list[Referral]
) -> list[str]:
    problems = []
    held = plan.held_at if plan is not None else None
    if plan is not None and held is not None and held < plan.created_at:
        problems.append("intervention held before its plan was made")
    if plan is not None and (plan.status == "delivered") != (held is not None):
        problems.append(f"a {plan.status} plan with held_at {held}")
    for r in referrals:
        steps = [t for t in (r.created_at, r.sent_at, r.admitted_at, r.discharged_at) if t]
        if steps != sorted(steps):
            problems.append(f"{r.status} referral's steps out of order: {steps}")
        if r.discharged_at is not None and (
            r.admitted_at is None or r.admitted_at >= r.discharged_at
        ):
            problems.append(f"discharged at {r.discharged_at}, admitted at {r.admitted_at}")
        if r.admitted_at is not None and held is not None and held >= r.admitted_at:
            # A formal intervention comes before the admission it led to; a client invited
            # in first (ARISE, CRAFT, systemic) has no intervention held afterwards.
            problems.append(f"intervention held at {held}, after the admission at {r.admitted_at}")
    return problems


def _summaries_name_the_case_substances(case: Case, referrals: list[Referral]) -> list[str]:
    own = [s.lower() for s in (case.primary_substance, *case.substances) if s]
    problems = []
    texts = [("case summary", case.summary)] + [
        (f"{r.status} referral summary", r.summary) for r in referrals
    ]
    for label, text in texts:
        for word, allowed_by in SUBSTANCE_WORDS.items():
            found = re.search(rf"\b{word}\b", text or "", re.IGNORECASE)
            if found and not any(a in s for a in allowed_by for s in own):
                problems.append(f"{label} says {found.group(0)!r}; the case's substances: {own}")
    return problems
