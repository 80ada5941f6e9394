"""`cairn seed-demo`: a believable practice to explore, built through the real services.

Everything here is fictional. The cases walk the real status machine with
back-dated timelines, so the caseload, timelines and audit log look lived-in.
Every case that reached treatment was moved there by its referral's admission (and on to
aftercare by its discharge), as a partner's status updates move them; its intervention was
held before that admission.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from rich.progress import Progress
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.cases import lifecycle
from api.cases.models import CaseOutcome, CaseStatus, InterventionModel, RiskFlag, TeamRole
from api.cases.schemas import CaseCreate, ClientIn, TeamMemberIn, TeamUpdate
from api.cases.service import open_case
from api.cases.team import replace_team
from api.consents.service import warn_expiring_consents
from api.core import clock
from api.core.audit import AuditContext
from api.core.config import Settings, get_settings
from api.core.db import SessionFactory
from api.demo import referrals as demo_referrals
from api.demo.accountability import seed_accountability, seed_open_safety_alert
from api.demo.aftercare import seed_aftercare, seed_plan
from api.demo.centers import (
    DEMO_PARTNER_CENTER,
    DEMO_PARTNER_CLIENT_ID,
    DEMO_PARTNER_SECRET,
    DEMO_WEBHOOK_SECRET,
    DEMO_WEBHOOK_URL,
    Directory,
    finish_directory,
    seed_directory,
)
from api.demo.history import seed_history
from api.demo.intervention import seed_intervention
from api.demo.resources import seed_resources
from api.demo.stories import substances_for, summary_for
from api.organizations.models import Organization
from api.organizations.service import get_or_create
from api.partner.models import PartnerApiClient
from api.users.models import Role, User
from api.users.service import create_user

ORGANIZATION = "Harbor Light Interventions"
DEMO_PASSWORD = "cairn-demo-2026"  # noqa: S105  (fictional demo accounts only)

STAFF = [
    ("Alex Morgan", "admin@demo.cairn.test", Role.admin),
    ("Dr. Priya Nair", "supervisor@demo.cairn.test", Role.supervisor),
    ("Jordan Ellis", "jordan@demo.cairn.test", Role.interventionist),
    ("Maya Chen", "maya@demo.cairn.test", Role.interventionist),
]

# The demo practice works from Chicago; one client lives on the West Coast.
PRACTICE_TIME_ZONE = "America/Chicago"
CLIENT_TIME_ZONES = {1: "America/Los_Angeles"}

CLIENTS = [
    ("Daniel", "Okafor", "Danny"),
    ("Rebecca", "Lindqvist", "Becca"),
    ("Marcus", "Hale", None),
    # Names as real records hold them: accents, and the curly apostrophe phones insert.
    ("Ángela", "Núñez", None),
    ("Thomas", "Brennan", "Tom"),
    ("Aisha", "Rahman", None),
    ("Kevin", "O\u2019Donnell", None),
    ("Laura", "Petrova", None),
    ("Christopher", "Nguyen", "Chris"),
    ("Emily", "Whitaker", "Em"),
    ("Jamal", "Washington", None),
    ("Hannah", "Kowalski", None),
    ("Ryan", "Gallagher", None),
    ("Natalie", "Brooks", None),
    ("Samuel", "Adeyemi", "Sam"),
    ("Megan", "Fitzgerald", None),
    ("Luis", "Herrera", None),
    ("Grace", "Thompson", None),
    ("Patrick", "Sullivan", "Pat"),
    ("Olivia", "Bennett", "Liv"),
    ("Nathan", "Rosenberg", "Nate"),
    ("Chloe", "Dubois", None),
    ("Victor", "Santos", None),
    ("Irene", "Castellano", None),
    ("Derek", "Fowler", None),
    ("Tessa", "Morales", None),
]

# Statuses the case walks through on its way to where it is now.
PATHS: dict[CaseStatus, list[CaseStatus]] = {
    CaseStatus.intake: [],
    CaseStatus.planning: [CaseStatus.planning],
    CaseStatus.scheduled: [CaseStatus.planning, CaseStatus.scheduled],
    CaseStatus.intervention_held: [
        CaseStatus.planning,
        CaseStatus.scheduled,
        CaseStatus.intervention_held,
    ],
    CaseStatus.in_treatment: [
        CaseStatus.planning,
        CaseStatus.scheduled,
        CaseStatus.intervention_held,
        CaseStatus.in_treatment,
    ],
    CaseStatus.aftercare: [
        CaseStatus.planning,
        CaseStatus.scheduled,
        CaseStatus.intervention_held,
        CaseStatus.in_treatment,
        CaseStatus.aftercare,
    ],
    CaseStatus.closed: [
        CaseStatus.planning,
        CaseStatus.scheduled,
        CaseStatus.intervention_held,
        CaseStatus.in_treatment,
        CaseStatus.aftercare,
        CaseStatus.closed,
    ],
}
STATUS_MIX = (
    [CaseStatus.intake] * 4
    + [CaseStatus.planning] * 5
    + [CaseStatus.scheduled] * 3
    + [CaseStatus.intervention_held] * 2
    + [CaseStatus.in_treatment] * 4
    + [CaseStatus.aftercare] * 4
    + [CaseStatus.closed] * 4
)
REASONS = {
    CaseStatus.planning: "Family agreed to prepare a structured intervention.",
    CaseStatus.scheduled: "Plan approved; date and place confirmed with the team.",
    CaseStatus.intervention_held: "Intervention held; client listened to every letter.",
    CaseStatus.in_treatment: "Admitted to residential treatment.",
    CaseStatus.aftercare: "Completed residential programme; aftercare plan in place.",
    CaseStatus.closed: "Six months of aftercare completed.",
}


@dataclass
class DemoStaff:
    user: User
    principal: Staff


def _principal(user: User) -> Staff:
    ctx = AuditContext("staff", user.id, user.organization_id, "127.0.0.1", "cairn seed-demo", None)
    return Staff(user=user, ctx=ctx)


def demo_sign_ins(*, with_partner: bool = True) -> str:
    lines = ["Demo sign-ins:"]
    lines += [f"  {role.value:<16} {email}  /  {DEMO_PASSWORD}" for _, email, role in STAFF]
    if not with_partner:
        lines.append(
            "This demo was loaded by an older Cairn, without treatment centers and the demo "
            "partner API client: delete its database (var/cairn.db for make run) and load it "
            "again."
        )
        return "\n".join(lines)
    lines += [
        f"Demo partner API client ({DEMO_PARTNER_CENTER}), for examples/partner_client.py:",
        f"  CAIRN_CLIENT_ID={DEMO_PARTNER_CLIENT_ID}",
        f"  CAIRN_CLIENT_SECRET={DEMO_PARTNER_SECRET}",
        f"  CAIRN_WEBHOOK_SECRET={DEMO_WEBHOOK_SECRET}  (events go to {DEMO_WEBHOOK_URL})",
    ]
    return "\n".join(lines)


def seed_demo(
    factory: SessionFactory, *, only_if_empty: bool = False, settings: Settings | None = None
) -> str:
    with factory() as session:
        demo = select(col(Organization.id)).where(col(Organization.name) == ORGANIZATION)
        if session.scalar(demo) is not None:
            partner = select(col(PartnerApiClient.id)).where(
                col(PartnerApiClient.client_id) == DEMO_PARTNER_CLIENT_ID
            )
            sign_ins = demo_sign_ins(with_partner=session.scalar(partner) is not None)
            return f"The demo practice {ORGANIZATION!r} is already loaded. {sign_ins}"
        if only_if_empty and session.scalar(select(col(Organization.id)).limit(1)) is not None:
            return "The database already has data; the demo practice was not loaded."
        rng = random.Random(2026)
        org, _ = get_or_create(session, ORGANIZATION)
        org.time_zone = PRACTICE_TIME_ZONE
        staff = [
            DemoStaff(user, _principal(user))
            for user in (
                create_user(session, org.id, email, name, role, DEMO_PASSWORD)
                for name, email, role in STAFF
            )
        ]
        admin = next(s for s in staff if s.user.role == Role.admin)
        with clock.frozen_at(clock.now() - timedelta(days=240)):
            directory = seed_directory(
                session, settings or get_settings(), ORGANIZATION, admin.principal
            )
            seed_resources(session, admin.principal)
        with Progress() as progress:
            task = progress.add_task("Loading the demo practice", total=len(STATUS_MIX))
            for index, target in enumerate(STATUS_MIX):
                _seed_case(session, rng, staff, directory, index, target)
                progress.advance(task)
        seed_aftercare(session, org.id)
        finish_directory(session, directory)
        seed_history(
            session,
            rng,
            org.id,
            [s.principal for s in staff if s.user.role == Role.interventionist],
            list(directory.centers.values()),
            first_index=len(STATUS_MIX),
        )
        warn_expiring_consents(session, clock.now())  # the worker's job, run once now
        session.commit()
    return f"Loaded {len(STATUS_MIX)} cases into {ORGANIZATION!r}. {demo_sign_ins()}"


def _aftercare_days(target: CaseStatus, nth: int) -> int:
    """How long the case has been (or was) in aftercare beyond the usual step: closed cases
    after six months of it, the cases still in aftercare at different points of their
    year, so the follow-up report has 30-, 90- and 180-day points to show."""
    if target is CaseStatus.closed:
        return 185
    if target is CaseStatus.aftercare:
        return (0, 45, 100, 200)[nth % 4]
    return 0


def _step_gap(rng: random.Random, step: CaseStatus, aftercare_days: int) -> timedelta:
    """How long after the previous step the case moved into `step`: a few days to two weeks,
    except a residential stay of three to six weeks before aftercare, and the aftercare
    itself before the case closes."""
    days = rng.randint(21, 42) if step is CaseStatus.aftercare else rng.randint(5, 14)
    if step is CaseStatus.closed:
        days += aftercare_days  # "Six months of aftercare completed."
    return timedelta(days=days, hours=rng.randint(1, 8))


def _seed_case(
    session: Session,
    rng: random.Random,
    staff: list[DemoStaff],
    directory: Directory,
    index: int,
    target: CaseStatus,
) -> None:
    interventionists = [s for s in staff if s.user.role == Role.interventionist]
    supervisor = next(s for s in staff if s.user.role == Role.supervisor)
    lead = interventionists[index % len(interventionists)]
    first, last, preferred = CLIENTS[index % len(CLIENTS)]
    primary, substances = substances_for(index)
    flags = rng.sample(list(RiskFlag), k=rng.choice([0, 1, 1, 2, 3]))
    if "opioid" in primary and RiskFlag.overdose_history not in flags:
        flags.append(RiskFlag.overdose_history)
    path = PATHS[target]
    nth = STATUS_MIX[:index].count(target)
    aftercare_days = _aftercare_days(target, nth)
    # The case's steps, counted back from today so that every one of them is in the past: the
    # last one at least five days ago (for a case in aftercare, plus its time in aftercare).
    gaps = [_step_gap(rng, step, aftercare_days) for step in path]
    quiet = timedelta(
        days=rng.randint(5, 45) + (aftercare_days if target is CaseStatus.aftercare else 0)
    )
    opened = clock.now() - quiet - sum(gaps, timedelta())
    data = CaseCreate(
        client=ClientIn(
            first_name=first,
            last_name=last,
            preferred_name=preferred,
            date_of_birth=date(rng.randint(1962, 2003), rng.randint(1, 12), rng.randint(1, 28)),
            phone=f"+1 555 01{rng.randint(10, 99)} {rng.randint(1000, 9999)}",
        ),
        primary_substance=primary,
        substances=substances,
        risk_flags=flags,
        intervention_model=rng.choice(list(InterventionModel)[:5]),
        summary=summary_for(index),
        time_zone=CLIENT_TIME_ZONES.get(index),
    )
    with clock.frozen_at(opened):
        case = open_case(session, lead.principal, data)
        members = [TeamMemberIn(user_id=lead.user.id, role=TeamRole.lead)]
        if index % 3 == 0:
            other = interventionists[(index + 1) % len(interventionists)]
            members.append(TeamMemberIn(user_id=other.user.id, role=TeamRole.co_interventionist))
        members.append(TeamMemberIn(user_id=supervisor.user.id, role=TeamRole.supervisor))
        replace_team(session, lead.principal, case, TeamUpdate(members=members))
    timeline: dict[CaseStatus, datetime] = {}
    moment = opened
    for step, gap in zip(path, gaps, strict=True):
        moment += gap
        timeline[step] = moment
    # Every case that reached treatment got there by an admitted referral (and to aftercare
    # by its completed discharge); `story` is the case's own referral story, if any, which
    # may be a later, still open referral (a step up from aftercare).
    stay = demo_referrals.stay_for(target, nth)
    story = demo_referrals.story_for(target, nth)
    previous = opened
    for step, moment in timeline.items():
        if stay is not None and stay.carries(step):
            demo_referrals.walk_step(
                session,
                directory,
                lead.principal,
                case,
                stay,
                step,
                since=previous,
                at=moment,
                timeline=timeline,
            )
        else:
            with clock.frozen_at(moment):
                outcome = CaseOutcome.completed_treatment if step is CaseStatus.closed else None
                lifecycle.change_status(
                    session, lead.principal, case, step, reason=REASONS[step], outcome=outcome
                )
        previous = moment
    seed_intervention(session, rng, lead.principal, supervisor.principal, case, timeline)
    seed_plan(session, directory, case)
    seed_accountability(session, rng, lead.principal, case, timeline)
    if story is not None:
        demo_referrals.finish_case(session, directory, lead.principal, case, story, previous)
    if index == len(STATUS_MIX) - 5:  # an aftercare case
        seed_open_safety_alert(session, lead.principal, case)
