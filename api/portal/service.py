"""The client and family portal: invitations, and each respondent's own view of their case."""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import Mapped, Session
from sqlmodel import col

from api.auth import throttle
from api.auth.dependencies import Portal, Staff
from api.auth.schemas import TokenPair
from api.auth.service import issue_session
from api.cases.models import Case
from api.checkins.models import CheckIn, CheckInSchedule
from api.checkins.schemas import CheckInAnswers
from api.core import audit, clock
from api.core.audit import AuditAction, AuditContext
from api.core.config import Settings
from api.core.problems import Conflict, FieldError, InvalidGrant, NotFound, UnprocessableContent
from api.core.references import GOAL, Ref, require_references
from api.core.security import digest, hash_password
from api.goals.models import (
    WITHDRAWN,
    AchievementStatus,
    CheckInItem,
    Direction,
    Goal,
    GoalMeasurement,
    LifecycleStatus,
)
from api.organizations.models import Organization
from api.organizations.service import time_zone_of_case
from api.participants.models import Participant, PortalStatus
from api.participants.service import resolve_subject
from api.plans.models import InterventionPlan
from api.portal.models import Invitation, PortalAccount, PortalAccountStatus
from api.portal.schemas import (
    CheckInDue,
    InvitationPreview,
    InvitationRead,
    PortalGoal,
    PortalMe,
    PortalMeasurement,
    PortalPlan,
)
from api.sync.service import check_window
from api.users.models import User

INVITATION_LIFETIME = timedelta(days=7)
# No 0/O, 1/I/L: codes are read aloud over the phone and typed on phones.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
SERIES_POINTS = 52


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


# Whitespace (non-breaking too) and dashes, as phones and messaging apps turn them.
_CODE_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u2212]")


def _normalized(code: str) -> str:
    return _CODE_SEPARATORS.sub("", code).upper()


def invite(
    session: Session, staff: Staff, case: Case, respondent: str | uuid.UUID
) -> InvitationRead:
    participant_id = resolve_subject(session, case, respondent, "respondent")
    participant = session.get(Participant, participant_id) if participant_id else None
    email = (participant.email if participant else case.client_email) or ""
    if not email:
        who = participant.full_name if participant else "the client"
        raise UnprocessableContent(
            f"Add an email address for {who} first: it is their sign-in name for the portal.",
            errors=[
                FieldError(loc=["body", "respondent"], msg="no email on record", type="value_error")
            ],
        )
    email = email.lower()
    account = session.scalar(
        select(PortalAccount).where(
            col(PortalAccount.case_id) == case.id,
            col(PortalAccount.participant_id) == participant_id
            if participant_id
            else col(PortalAccount.participant_id).is_(None),
        )
    )
    clash = session.scalar(select(col(PortalAccount.id)).where(col(PortalAccount.email) == email))
    if session.scalar(select(col(User.id)).where(col(User.email) == email)) is not None or (
        clash is not None and (account is None or clash != account.id)
    ):
        raise Conflict(
            f"{email} already signs in to Cairn for someone else. Use a different email for this person."
        )
    now = clock.now()
    if account is None:
        account = PortalAccount(
            organization_id=case.organization_id,
            case_id=case.id,
            participant_id=participant_id,
            email=email,
            created_at=now,
        )
        session.add(account)
        session.flush()
    account.email = email
    session.execute(
        update(Invitation)
        .where(
            col(Invitation.portal_account_id) == account.id,
            col(Invitation.used_at).is_(None),
            col(Invitation.revoked_at).is_(None),
        )
        .values(revoked_at=now)
    )
    code = _new_code()
    session.add(
        Invitation(
            portal_account_id=account.id,
            code_hash=digest(_normalized(code)),
            expires_at=now + INVITATION_LIFETIME,
            created_by_id=staff.id,
            created_at=now,
        )
    )
    if participant is not None and participant.portal_status == PortalStatus.none.value:
        participant.portal_status, participant.updated_at = PortalStatus.invited.value, now
    session.flush()
    audit.record(
        session, staff.ctx, AuditAction.create, "portal_invitation", account.id, case_id=case.id
    )
    return InvitationRead(
        code=code,
        expires_at=now + INVITATION_LIFETIME,
        respondent=participant_id or "client",
        email=email,
        accept_path=f"/portal/accept?code={code}",
    )


def _usable_invitation(
    session: Session, settings: Settings, ctx: AuditContext, code: str, now: datetime
) -> tuple[Invitation, PortalAccount]:
    """The invitation behind a code, locked, if it may still be used. Every try counts
    against the caller's address, as a sign-in does; an unknown, used, replaced or expired
    code gets the same answer, so the answer tells a guesser nothing."""
    throttle.count_ip_attempt(session, settings, ctx.ip or "unknown", now)
    invitation = session.scalar(
        select(Invitation)
        .where(col(Invitation.code_hash) == digest(_normalized(code)))
        .with_for_update()
    )
    if (
        invitation is None
        or invitation.used_at is not None
        or invitation.revoked_at is not None
        or invitation.expires_at <= now
    ):
        raise InvalidGrant(
            "This invitation code is not valid any more. Ask your interventionist for a new one."
        )
    account = session.get(PortalAccount, invitation.portal_account_id)
    assert account is not None
    return invitation, account


def preview(
    session: Session, settings: Settings, ctx: AuditContext, code: str
) -> InvitationPreview:
    """Who the invitation is for, before they choose a password. Whoever holds the link
    (a forwarded text message too) learns no more than the practice, a first name and a
    masked sign-in email: nothing about the client's case."""
    invitation, account = _usable_invitation(session, settings, ctx, code, clock.now())
    participant = (
        session.get(Participant, account.participant_id) if account.participant_id else None
    )
    if participant is not None:
        name = participant.full_name.split()[0] if participant.full_name.strip() else ""
    else:
        case = session.get(Case, account.case_id)
        assert case is not None
        name = case.client_called
    organization = session.get(Organization, account.organization_id)
    audit.record(
        session,
        ctx,
        AuditAction.read,
        "portal_invitation",
        account.id,
        case_id=account.case_id,
        organization_id=account.organization_id,
    )
    local, _, domain = account.email.partition("@")
    return InvitationPreview(
        organization_name=organization.name if organization else "",
        name=name,
        email=f"{local[:1]}•••@{domain}",
        expires_at=invitation.expires_at,
    )


def accept(
    session: Session, settings: Settings, ctx: AuditContext, code: str, password: str
) -> TokenPair:
    now = clock.now()
    invitation, account = _usable_invitation(session, settings, ctx, code, now)
    invitation.used_at = now
    account.password_hash = hash_password(password)
    account.status = PortalAccountStatus.active.value
    account.activated_at = account.activated_at or now
    account.session_epoch += 1  # a new invitation also ends older sessions
    if account.participant_id is not None:
        participant = session.get(Participant, account.participant_id)
        if participant is not None and participant.portal_status != PortalStatus.active.value:
            participant.portal_status, participant.updated_at = PortalStatus.active.value, now
    session.flush()
    signed_in = AuditContext(
        "portal", account.id, account.organization_id, ctx.ip, ctx.user_agent, ctx.request_id
    )
    audit.record(session, signed_in, AuditAction.login, "session", case_id=account.case_id)
    return issue_session(
        session,
        settings,
        kind="portal",
        principal_id=account.id,
        organization_id=account.organization_id,
        session_epoch=account.session_epoch,
    )


def case_of(session: Session, portal: Portal) -> Case:
    """A portal account reaches exactly one case: its own."""
    case = session.get(Case, portal.account.case_id)
    if case is None:
        raise NotFound("Your case is no longer available.")
    return case


def me(session: Session, portal: Portal) -> PortalMe:
    case = case_of(session, portal)
    participant = _participant(session, portal)
    organization = session.get(Organization, portal.organization_id)
    client_first = case.client_called
    return PortalMe(
        id=portal.id,
        kind="participant" if participant else "client",
        name=participant.full_name if participant else client_first,
        client_first_name=client_first,
        organization_name=organization.name if organization else "",
        time_zone=time_zone_of_case(session, case).key,
    )


def _participant(session: Session, portal: Portal) -> Participant | None:
    if portal.account.participant_id is None:
        return None
    return session.get(Participant, portal.account.participant_id)


def _mine(column: Mapped[uuid.UUID | None], portal: Portal) -> ColumnElement[bool]:
    """Rows about the signed-in respondent: their participant id, or none for the client."""
    participant_id = portal.account.participant_id
    return column == participant_id if participant_id else column.is_(None)


def due(session: Session, portal: Portal) -> CheckInDue:
    schedule = session.scalar(
        select(CheckInSchedule).where(
            col(CheckInSchedule.case_id) == portal.account.case_id,
            _mine(col(CheckInSchedule.respondent_participant_id), portal),
            col(CheckInSchedule.active).is_(True),
        )
    )
    last = session.scalar(
        select(col(CheckIn.submitted_at))
        .where(
            col(CheckIn.case_id) == portal.account.case_id,
            _mine(col(CheckIn.respondent_participant_id), portal),
        )
        .order_by(col(CheckIn.submitted_at).desc())
        .limit(1)
    )
    return CheckInDue(
        scheduled=schedule is not None,
        cadence_days=schedule.cadence_days if schedule else None,
        next_due_at=schedule.next_due_at if schedule else None,
        due_now=schedule is not None and schedule.next_due_at <= clock.now(),
        last_check_in_at=last,
    )


def check_own_goals(session: Session, portal: Portal, answers: CheckInAnswers) -> None:
    """A respondent records progress on their own goals only, not on anyone else's."""
    own_goal = GOAL.narrowed(
        "not one of your goals", _mine(col(Goal.subject_participant_id), portal)
    )
    require_references(
        session,
        organization_id=portal.organization_id,
        case_id=portal.account.case_id,
        refs=[
            Ref(own_goal, u.goal_id, ("body", "goal_updates", i, "goal_id"))
            for i, u in enumerate(answers.goal_updates)
        ],
        detail="Progress can be recorded on your own goals only.",
    )


def goals(
    session: Session, portal: Portal, *, updated_since: datetime | None = None
) -> list[PortalGoal]:
    """My goals that are not withdrawn; with `updated_since`, those changed since then."""
    statement = select(Goal).where(
        col(Goal.case_id) == portal.account.case_id,
        _mine(col(Goal.subject_participant_id), portal),
        col(Goal.lifecycle_status).not_in([s.value for s in WITHDRAWN]),
    )
    if updated_since is not None:
        statement = statement.where(col(Goal.updated_at) >= updated_since)
    mine = session.scalars(statement.order_by(col(Goal.created_at))).all()
    series: dict[object, list[PortalMeasurement]] = {g.id: [] for g in mine}
    if mine:
        for m in session.scalars(
            select(GoalMeasurement)
            .where(col(GoalMeasurement.goal_id).in_(series))
            .order_by(col(GoalMeasurement.measured_at))
        ):
            series[m.goal_id].append(PortalMeasurement(value=m.value, measured_at=m.measured_at))
    return [
        PortalGoal(
            id=g.id,
            title=g.title,
            metric=g.metric,
            unit=g.unit,
            target_value=g.target_value,
            direction=Direction(g.direction) if g.direction else None,
            target_low=g.target_low,
            target_high=g.target_high,
            target_text=g.target_text,
            check_in_item=CheckInItem(g.check_in_item) if g.check_in_item else None,
            due_date=g.due_date,
            lifecycle_status=LifecycleStatus(g.lifecycle_status),
            achievement_status=AchievementStatus(g.achievement_status),
            latest_value=g.latest_value,
            measurements=series[g.id][-SERIES_POINTS:],
        )
        for g in mine
    ]


def goals_removed(
    session: Session, portal: Portal, updated_since: datetime | None
) -> list[uuid.UUID]:
    """My goals that left the portal view since `updated_since`: withdrawn since then
    (cancelled, rejected, entered in error; the portal leaves those out). None without
    `updated_since`."""
    if updated_since is None:
        return []
    check_window(updated_since)
    return list(
        session.scalars(
            select(col(Goal.id)).where(
                col(Goal.case_id) == portal.account.case_id,
                _mine(col(Goal.subject_participant_id), portal),
                col(Goal.lifecycle_status).in_([s.value for s in WITHDRAWN]),
                col(Goal.updated_at) >= updated_since,
            )
        )
    )


def plan(session: Session, portal: Portal) -> PortalPlan | None:
    """The caller's part of the plan; None (200 null) when there is nothing to show yet.

    The plan is prepared with the family, so the client's own portal (no participant)
    has none; nor does a family member's before the interventionist starts one.
    """
    participant = _participant(session, portal)
    if participant is None:
        return None
    found = session.scalar(
        select(InterventionPlan).where(col(InterventionPlan.case_id) == portal.account.case_id)
    )
    if found is None:
        return None
    key = str(participant.id)
    contribution = next((c for c in found.contributions if c.get("participant_id") == key), None)
    position = found.speaking_order.index(key) + 1 if key in found.speaking_order else None
    return PortalPlan(
        scheduled_at=found.scheduled_at,
        location=found.location,
        logistics=found.logistics,
        my_role=participant.role,
        my_speaking_position=position,
        my_contribution=contribution.get("contribution") if contribution else None,
        my_letter=participant.letter,
        my_bottom_line=participant.bottom_line,
        letter_ready=bool(contribution and contribution.get("letter_ready")),
    )
