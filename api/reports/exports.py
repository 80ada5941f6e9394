"""CSV exports of the cases, check-ins and referrals a report covers.

Rows stream from a server-side cursor (`yield_per`) through the standard `csv` writer, so
memory stays flat however many rows there are. Every text cell a spreadsheet would run as
a formula (starting with = + - @, a tab or a carriage return) gets a leading apostrophe
(OWASP "CSV Injection"). Dates are ISO 8601; timestamps are UTC.

Besides the one `export` event the router writes, each case whose rows an export sends gets
one `read` event of its own, so the case's access log shows who exported it and when."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable, Iterator, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.cases.models import Case, CaseStatus, CaseTeamMember, TeamRole
from api.checkins.models import CheckIn
from api.core import audit, clock
from api.core.audit import AuditAction, AuditContext, AuditEvent
from api.core.db import READ_ONLY
from api.participants.models import Participant
from api.plans.models import InterventionPlan
from api.referrals.models import Referral
from api.reports.scope import Scope, Window
from api.treatment_centers.models import TreatmentCenter
from api.users.models import User

BATCH = 1000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralize(value: Any) -> Any:
    """The value as a spreadsheet should show it: formulas disarmed, dates in ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class Export:
    def __init__(self, header: Sequence[str], statement: Any, case_column: int) -> None:
        self.header = header
        self.statement = statement
        self.case_column = case_column  # where each row holds its case's id

    def stream(
        self, open_session: Callable[[], Session], ctx: AuditContext, filename: str
    ) -> Iterator[str]:
        """The CSV text in chunks of BATCH rows, read in its own session (the request's has
        committed and closed by the time the body is sent).

        Before a chunk is handed on, each case with a row in it gets an audit event `read`
        (`resource_type` "case", `details` {"export": filename}, the export event's
        `request_id`), once per export, committed in a session of its own: a client that
        disconnects mid-stream is on record for every case it was sent, and for no other."""
        started = clock.now()
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(self.header)
        with open_session() as reader:
            # On SQLite a read-only transaction takes no write lock, so the audit sessions
            # can commit while the cursor is open.
            reader.connection(execution_options=READ_ONLY)
            rows = reader.execute(self.statement.execution_options(yield_per=BATCH))
            for batch in rows.partitions(BATCH):
                case_ids = {row[self.case_column] for row in batch}
                _record_reads(open_session, ctx, filename, case_ids, started)
                writer.writerows([neutralize(v) for v in row] for row in batch)
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
            # Nothing to keep, but where both sessions share one connection (the tests'
            # savepoints) a rollback here would take the audit events with it.
            reader.commit()
        yield buffer.getvalue()


def _record_reads(
    open_session: Callable[[], Session],
    ctx: AuditContext,
    filename: str,
    case_ids: set[uuid.UUID],
    started: datetime,
) -> None:
    """Audit events `read` for the cases among `case_ids` this export has not recorded yet.
    Which it has is asked of the audit log (its events since `started` with this request's
    id; index `ix_audit_events_case_at`), not kept in memory, which then stays flat."""
    with open_session() as session:
        recorded = session.scalars(
            select(col(AuditEvent.case_id)).where(
                col(AuditEvent.case_id).in_(case_ids),
                col(AuditEvent.at) >= started,
                col(AuditEvent.action) == AuditAction.read.value,
                col(AuditEvent.resource_type) == "case",
                col(AuditEvent.actor_id) == ctx.actor_id,
                col(AuditEvent.request_id) == ctx.request_id,
            )
        ).all()
        new = sorted(case_ids.difference(recorded))
        audit.record_many(
            session,
            ctx,
            AuditAction.read,
            "case",
            [(case_id, case_id) for case_id in new],
            details={"export": filename},
        )
        session.commit()


def _lead_name() -> Any:
    return (
        select(col(User.full_name))
        .join(CaseTeamMember, col(CaseTeamMember.user_id) == col(User.id))
        .where(
            col(CaseTeamMember.case_id) == col(Case.id),
            col(CaseTeamMember.role) == TeamRole.lead.value,
        )
        .limit(1)
        .scalar_subquery()
    )


def cases_export(scope: Scope, window: Window) -> Export:
    """Cases open at some time in the window: opened before its end, and not closed, or
    last changed on or after its start."""
    first_admission = (
        select(func.min(col(Referral.admitted_at)))
        .where(col(Referral.case_id) == col(Case.id))
        .scalar_subquery()
    )
    statement = (
        select(
            col(Case.id),
            col(Case.reference),
            col(Case.client_first_name),
            col(Case.client_last_name),
            col(Case.client_preferred_name),
            col(Case.intervention_model),
            col(Case.status),
            col(Case.outcome),
            col(Case.primary_substance),
            _lead_name(),
            col(Case.created_at),
            col(Case.updated_at),
            col(InterventionPlan.held_at),
            col(InterventionPlan.result),
            first_admission,
            col(Case.summary),
        )
        .outerjoin(InterventionPlan, col(InterventionPlan.case_id) == col(Case.id))
        .where(
            *scope.case_conditions(),
            col(Case.created_at) < window.ends_at,
            or_(
                col(Case.status) != CaseStatus.closed.value,
                col(Case.updated_at) >= window.starts_at,
            ),
        )
        .order_by(col(Case.created_at), col(Case.id))
    )
    header = (
        "id",
        "reference",
        "client_first_name",
        "client_last_name",
        "client_preferred_name",
        "intervention_model",
        "status",
        "outcome",
        "primary_substance",
        "lead",
        "created_at",
        "updated_at",
        "intervention_held_at",
        "intervention_result",
        "first_admitted_at",
        "summary",
    )
    return Export(header, statement, case_column=0)


def check_ins_export(scope: Scope, window: Window) -> Export:
    """Check-ins submitted in the window."""
    statement = (
        select(
            col(CheckIn.id),
            col(Case.reference),
            col(CheckIn.case_id),
            func.coalesce(col(Participant.full_name), "client"),
            col(CheckIn.respondent_participant_id),
            col(CheckIn.submitted_at),
            col(CheckIn.period_days),
            col(CheckIn.days_used),
            col(CheckIn.craving),
            col(CheckIn.mood),
            col(CheckIn.sleep_quality),
            col(CheckIn.risky_situations),
            col(CheckIn.confidence),
            col(CheckIn.meetings_attended),
            col(CheckIn.sober_support_contact),
            col(CheckIn.commitments_kept),
            col(CheckIn.wellbeing),
            col(CheckIn.safety_overdose),
            col(CheckIn.safety_self_harm_thoughts),
            col(CheckIn.safety_violence),
            col(CheckIn.risk_level),
            col(CheckIn.note),
        )
        .join(Case, col(Case.id) == col(CheckIn.case_id))
        .outerjoin(Participant, col(Participant.id) == col(CheckIn.respondent_participant_id))
        .where(
            *scope.case_conditions(),
            and_(
                col(CheckIn.submitted_at) >= window.starts_at,
                col(CheckIn.submitted_at) < window.ends_at,
            ),
        )
        .order_by(col(CheckIn.submitted_at), col(CheckIn.id))
    )
    header = (
        "id",
        "case_reference",
        "case_id",
        "respondent",
        "respondent_participant_id",
        "submitted_at",
        "period_days",
        "days_used",
        "craving",
        "mood",
        "sleep_quality",
        "risky_situations",
        "confidence",
        "meetings_attended",
        "sober_support_contact",
        "commitments_kept",
        "wellbeing",
        "safety_overdose",
        "safety_self_harm_thoughts",
        "safety_violence",
        "risk_level",
        "note",
    )
    return Export(header, statement, case_column=2)


def referrals_export(scope: Scope, window: Window) -> Export:
    """Referrals created in the window."""
    statement = (
        select(
            col(Referral.id),
            col(Case.reference),
            col(Referral.case_id),
            col(TreatmentCenter.name),
            col(Referral.level_of_care),
            col(Referral.status),
            col(Referral.requested_admission_date),
            col(Referral.created_at),
            col(Referral.sent_at),
            col(Referral.admitted_at),
            col(Referral.discharged_at),
            col(Referral.discharge_reason),
            col(Referral.decline_reason),
            col(Referral.summary),
        )
        .join(Case, col(Case.id) == col(Referral.case_id))
        .join(TreatmentCenter, col(TreatmentCenter.id) == col(Referral.treatment_center_id))
        .where(
            *scope.case_conditions(),
            col(Referral.created_at) >= window.starts_at,
            col(Referral.created_at) < window.ends_at,
        )
        .order_by(col(Referral.created_at), col(Referral.id))
    )
    header = (
        "id",
        "case_reference",
        "case_id",
        "treatment_center",
        "level_of_care",
        "status",
        "requested_admission_date",
        "created_at",
        "sent_at",
        "admitted_at",
        "discharged_at",
        "discharge_reason",
        "decline_reason",
        "summary",
    )
    return Export(header, statement, case_column=2)


EXPORTS: dict[str, Callable[[Scope, Window], Export]] = {
    "cases": cases_export,
    "check_ins": check_ins_export,
    "referrals": referrals_export,
}
