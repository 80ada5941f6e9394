"""A small practice built row by row, whose report figures are worked out by hand in
test_summary.py. The practice's zone is New York, so the window's edges are 05:00 UTC
in winter and 04:00 UTC in summer."""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import ColumnElement
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import Alert
from api.cases.models import Case, CaseTeamMember
from api.checkins.models import CheckIn, CheckInSchedule
from api.checkins.schedules import refresh_on_schedule
from api.consents.models import Consent
from api.goals.models import Goal
from api.organizations.models import Organization
from api.participants.models import Participant
from api.plans.models import InterventionPlan
from api.referrals.models import Referral
from api.tasks.models import Task
from api.treatment_centers.models import TreatmentCenter
from api.users.models import User

_refs = itertools.count(1)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@dataclass
class Builder:
    db: Session
    org: Organization
    creator: User
    cases: dict[str, Case] = field(default_factory=dict)
    center: TreatmentCenter | None = None

    def case(
        self,
        name: str,
        *,
        lead: User,
        model: str | None,
        created: str,
        status: str,
        first_name: str | None = None,
        summary: str | None = None,
    ) -> Case:
        created_at = at(created)
        case = Case(
            organization_id=self.org.id,
            reference=f"C-2026-{next(_refs):04d}",
            client_first_name=first_name or name,
            client_last_name="Tester",
            intervention_model=model,
            status=status,
            summary=summary,
            created_at=created_at,
            updated_at=created_at,
        )
        self.db.add(case)
        self.db.flush()
        self.db.add(
            CaseTeamMember(case_id=case.id, user_id=lead.id, role="lead", added_at=created_at)
        )
        self.cases[name] = case
        return case

    def held(self, case: Case, held: str, result: str = "accepted") -> None:
        self.db.add(
            InterventionPlan(
                case_id=case.id,
                organization_id=self.org.id,
                model=case.intervention_model or "other",
                status="delivered",
                held_at=at(held),
                result=result,
                created_at=case.created_at,
                updated_at=at(held),
            )
        )

    def _center(self) -> TreatmentCenter:
        if self.center is None:
            now = at("2025-01-01T00:00:00")
            self.center = TreatmentCenter(
                organization_id=self.org.id, name="Ridge House", created_at=now, updated_at=now
            )
            self.db.add(self.center)
            self.db.flush()
        return self.center

    def referral(
        self,
        case: Case,
        *,
        created: str,
        admitted: str | None = None,
        discharged: str | None = None,
        reason: str | None = None,
        status: str | None = None,
        summary: str = "Needs residential care.",
    ) -> Referral:
        center = self._center()
        consent = Consent(
            case_id=case.id,
            organization_id=self.org.id,
            patient_name="Client",
            disclosing_party="Practice",
            recipient_treatment_center_id=center.id,
            purpose="Referral",
            information_description="Minimum necessary",
            signed_by="Client",
            signer_relationship="self",
            signed_at=at(created),
            signature_method="wet_ink",
            created_by_id=self.creator.id,
            created_at=at(created),
            expires_at=at("2030-01-01T00:00:00"),
        )
        self.db.add(consent)
        self.db.flush()
        referral = Referral(
            case_id=case.id,
            organization_id=self.org.id,
            treatment_center_id=center.id,
            consent_id=consent.id,
            level_of_care="3.5",
            summary=summary,
            status=status or ("discharged" if discharged else "admitted" if admitted else "sent"),
            admitted_at=at(admitted) if admitted else None,
            discharged_at=at(discharged) if discharged else None,
            discharge_reason=reason,
            created_by_id=self.creator.id,
            created_at=at(created),
            updated_at=at(created),
        )
        self.db.add(referral)
        return referral

    def alert(self, case: Case, severity: str, *, status: str = "open") -> None:
        now = at("2026-06-20T00:00:00")
        self.db.add(
            Alert(
                case_id=case.id,
                organization_id=case.organization_id,
                kind="safety",
                severity=severity,
                status=status,
                title=f"{severity} alert",
                created_at=now,
                updated_at=now,
            )
        )

    def task(self, case: Case, due: str | None, *, status: str = "open") -> None:
        now = at("2026-01-01T00:00:00")
        self.db.add(
            Task(
                case_id=case.id,
                organization_id=self.org.id,
                title="Call the family",
                phase="aftercare",
                due_at=at(due) if due else None,
                status=status,
                created_at=now,
                updated_at=now,
            )
        )

    def participant(self, case: Case, name: str = "Rosa Tester") -> Participant:
        participant = Participant(
            case_id=case.id,
            organization_id=self.org.id,
            full_name=name,
            relationship="parent",
            role="speaker",
            readiness="committed",
            created_at=case.created_at,
            updated_at=case.created_at,
        )
        self.db.add(participant)
        self.db.flush()
        return participant

    def schedule(
        self,
        case: Case,
        *,
        cadence: int,
        created: str,
        participant: Participant | None = None,
        active: bool = True,
        updated: str | None = None,
    ) -> None:
        due = at("2026-07-05T12:00:00")
        self.db.add(
            CheckInSchedule(
                case_id=case.id,
                organization_id=self.org.id,
                respondent_participant_id=participant.id if participant else None,
                cadence_days=cadence,
                grace_hours=24,
                active=active,
                time_zone="America/New_York",
                next_due_local=due.replace(tzinfo=None),
                next_due_at=due,
                overdue_after=due + timedelta(hours=24),
                created_at=at(created),
                updated_at=at(updated or created),
            )
        )
        self._refresh_on_schedule(col(CheckIn.case_id) == case.id)

    def check_in(
        self,
        case: Case,
        submitted: str,
        participant: Participant | None = None,
        note: str | None = None,
    ) -> None:
        check_in = CheckIn(
            case_id=case.id,
            organization_id=case.organization_id,
            respondent_participant_id=participant.id if participant else None,
            submitted_by_kind="staff",
            submitted_by_id=uuid.uuid4(),
            submitted_at=at(submitted),
            period_days=7,
            risk_level="low",
            note=note,
        )
        self.db.add(check_in)
        self._refresh_on_schedule(col(CheckIn.id) == check_in.id)

    def _refresh_on_schedule(self, which: ColumnElement[bool]) -> None:
        """As the product does when a check-in or a schedule is recorded."""
        self.db.flush()
        refresh_on_schedule(self.db, which)

    def goal(self, case: Case, due: date, achievement: str, lifecycle: str = "active") -> None:
        self.db.add(
            Goal(
                case_id=case.id,
                organization_id=self.org.id,
                title="Stay sober",
                category="abstinence",
                metric="days abstinent",
                unit="days",
                target_value=30,
                direction="at_least",
                start_date=date(2026, 1, 1),
                due_date=due,
                lifecycle_status=lifecycle,
                achievement_status=achievement,
                created_at=at("2026-01-01T00:00:00"),
                updated_at=at("2026-01-01T00:00:00"),
            )
        )
