"""The reports summary: aggregate SQL over the cases a caller may see (DESIGN.md §4 Reports).

Every figure is computed in the database (counts, sums, window-function medians); no rows
are loaded into Python beyond one row per group. Definitions are in docs/reports.md."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import and_, case, func, literal, select, union_all
from sqlalchemy.orm import Session
from sqlmodel import col

from api.alerts.models import Alert, AlertStatus, Severity
from api.cases.models import Case, CaseStatus, InterventionModel
from api.checkins.models import CheckIn, CheckInSchedule
from api.core import clock
from api.goals.models import WITHDRAWN, AchievementStatus, Goal
from api.plans.models import InterventionPlan
from api.referrals.models import DischargeReason, Referral
from api.reports import followups
from api.reports.published import INVITATIONAL_MODELS, PUBLISHED_RATES
from api.reports.schemas import (
    Attention,
    AttentionAlert,
    AttentionTask,
    CasesByStatus,
    CheckInAdherence,
    MedianDays,
    ModelEntry,
    OpenAlerts,
    Ratio,
    ReportFilters,
    ReportSummary,
    ReportWindow,
    SeriesPoint,
    SeverityCount,
    StatusCount,
)
from api.reports.scope import Scope, Window
from api.reports.sql import (
    count_where,
    days_between,
    larger,
    median_of,
    moment,
    month_bucket,
    smaller,
    whole,
    within,
)
from api.tasks.models import Task, TaskStatus, due_order

ATTENTION_LIMIT = 10


def summary(session: Session, scope: Scope, window: Window) -> ReportSummary:
    now = clock.now()
    entry_total, by_model = _treatment_entry(session, scope, window)
    overdue_follow_ups, follow_up_reason = followups.overdue(session, scope, now)
    series = _series(session, scope, window)
    return ReportSummary(
        window=ReportWindow(
            **{"from": window.from_date, "to": window.to_date},
            time_zone=window.tz.key,
            starts_at=window.starts_at,
            ends_at=window.ends_at,
        ),
        filters=ReportFilters(lead_id=scope.lead_id, model=scope.model),
        generated_at=now,
        cases_by_status=_cases_by_status(session, scope, window),
        new_cases=sum(point.new_cases for point in series),
        open_alerts=_open_alerts(session, scope),
        overdue_tasks=_overdue_tasks(session, scope, now),
        overdue_follow_ups=overdue_follow_ups,
        overdue_follow_ups_unavailable_reason=follow_up_reason,
        check_in_adherence=_adherence(session, scope, window, now),
        treatment_entry=entry_total,
        treatment_entry_by_model=by_model,
        days_intake_to_intervention=_median_intake_to_held(session, scope, window),
        days_intervention_to_admission=_median_held_to_admission(session, scope, window),
        treatment_completion=_treatment_completion(session, scope, window),
        follow_up_completion=followups.completion(session, scope, window, now),
        goals_achieved=_goals_achieved(session, scope, window),
        attention=_attention(session, scope, now),
        series=series,
    )


def _cases(scope: Scope) -> list[Any]:
    return scope.case_conditions()


def _cases_by_status(session: Session, scope: Scope, window: Window) -> CasesByStatus:
    rows = session.execute(
        select(col(Case.status), func.count())
        .where(*_cases(scope), col(Case.created_at) < window.ends_at)
        .group_by(col(Case.status))
    ).all()
    counts = {status: int(n) for status, n in rows}
    return CasesByStatus(
        total=sum(counts.values()),
        items=[StatusCount(status=s.value, count=counts.get(s.value, 0)) for s in CaseStatus],
    )


def _open_alerts(session: Session, scope: Scope) -> OpenAlerts:
    rows = session.execute(
        select(col(Alert.severity), func.count())
        .where(
            scope.covers(col(Alert.case_id), col(Alert.organization_id)),
            col(Alert.status) == AlertStatus.open.value,
        )
        .group_by(col(Alert.severity))
    ).all()
    counts = {severity: int(n) for severity, n in rows}
    return OpenAlerts(
        total=sum(counts.values()),
        items=[SeverityCount(severity=s.value, count=counts.get(s.value, 0)) for s in Severity],
    )


def _overdue_tasks(session: Session, scope: Scope, now: datetime) -> Ratio:
    row = session.execute(
        select(count_where(col(Task.due_at) < now), func.count()).where(
            scope.covers(col(Task.case_id), col(Task.organization_id)),
            col(Task.status) == TaskStatus.open.value,
            col(Task.due_at).is_not(None),
        )
    ).one()
    return Ratio.of(int(row[0]), int(row[1]))


def _check_in_counts(session: Session, scope: Scope, window: Window) -> dict[int, int]:
    """Month index → check-ins submitted in the window, for the monthly series. Joining the
    months as ranges lets each month be an index range scan (no per-row CASE) of
    `ix_check_ins_org_submitted`, read without the table."""
    starts = [month.starts_at for month in window.months()] + [window.ends_at]
    months = union_all(
        *(
            select(
                literal(i).label("i"),
                moment(starts[i]).label("starts_at"),
                moment(starts[i + 1]).label("ends_at"),
            )
            for i in range(len(starts) - 1)
        )
    ).subquery("months")
    rows = session.execute(
        select(months.c.i, func.count())
        .select_from(months)
        .join(
            CheckIn,
            and_(
                col(CheckIn.submitted_at) >= months.c.starts_at,
                col(CheckIn.submitted_at) < months.c.ends_at,
            ),
        )
        .where(scope.covers(col(CheckIn.case_id), col(CheckIn.organization_id)))
        .group_by(months.c.i)
    ).all()
    return {int(i): int(n) for i, n in rows}


def _adherence(
    session: Session,
    scope: Scope,
    window: Window,
    now: datetime,
) -> CheckInAdherence:
    """Per schedule: the check-ins it expected in the window, and those it received, at most
    as many as it expected (an extra check-in between slots, or one sent as the schedule
    was set up, does not make up for a missed one, and no rate goes above 100 %)."""
    # A schedule counts from its creation (or the window's start) to the window's end or now,
    # or, once switched off, to its last change: the whole cadences in that span.
    horizon = moment(min(window.ends_at, now))
    span_end = case(
        (col(CheckInSchedule.active), horizon),
        else_=smaller(horizon, col(CheckInSchedule.updated_at)),
    )
    span_start = larger(moment(window.starts_at), col(CheckInSchedule.created_at))
    slots = whole(days_between(span_start, span_end) / col(CheckInSchedule.cadence_days))
    # Received: check-ins in the window sent while the respondent had a schedule
    # (CheckIn.on_schedule), counted per schedule from the partial index
    # `ix_check_ins_case_on_schedule` alone (its predicate is spelled the same here).
    received = (
        select(func.count())
        .where(
            col(CheckIn.case_id) == col(CheckInSchedule.case_id),
            col(CheckIn.submitted_at) >= moment(window.starts_at),
            col(CheckIn.submitted_at) < moment(window.ends_at),
            col(CheckIn.respondent_participant_id).is_not_distinct_from(
                col(CheckInSchedule.respondent_participant_id)
            ),
            col(CheckIn.on_schedule),
        )
        .scalar_subquery()
    )
    per_schedule = (
        select(
            col(CheckInSchedule.respondent_participant_id).is_(None).label("client"),
            slots.label("slots"),
            received.label("received"),
        )
        .where(
            scope.covers(col(CheckInSchedule.case_id), col(CheckInSchedule.organization_id)),
            col(CheckInSchedule.created_at) < min(window.ends_at, now),
        )
        .subquery()
    )
    counted = smaller(per_schedule.c.received, per_schedule.c.slots)
    rows = session.execute(
        select(per_schedule.c.client, func.sum(per_schedule.c.slots), func.sum(counted))
        .where(per_schedule.c.slots > 0)
        .group_by(per_schedule.c.client)
    ).all()
    totals = {bool(client): (int(n or 0), int(m or 0)) for client, n, m in rows}
    client, family = totals.get(True, (0, 0)), totals.get(False, (0, 0))
    return CheckInAdherence(
        client=Ratio.of(client[1], client[0]),
        family=Ratio.of(family[1], family[0]),
    )


def _first_admissions(scope: Scope) -> Any:
    """case_id → the first admission of the case's client (any referral)."""
    return (
        select(
            col(Referral.case_id).label("case_id"),
            func.min(col(Referral.admitted_at)).label("admitted_at"),
        )
        .where(
            scope.covers(col(Referral.case_id), col(Referral.organization_id)),
            col(Referral.admitted_at).is_not(None),
        )
        .group_by(col(Referral.case_id))
        .subquery()
    )


def _treatment_entry(
    session: Session, scope: Scope, window: Window
) -> tuple[Ratio, list[ModelEntry]]:
    """Cases whose intervention was held in the window (for invitational models: whose
    client was admitted before any formal intervention, dated by that admission), and how
    many of them have an admitted referral."""
    first = _first_admissions(scope)
    model = func.coalesce(col(Case.intervention_model), InterventionModel.other.value)
    held = col(InterventionPlan.held_at)
    entered_first = and_(
        model.in_(sorted(INVITATIONAL_MODELS)),
        first.c.admitted_at.is_not(None),
        (held.is_(None)) | (first.c.admitted_at < held),
    )
    anchor = case((entered_first, first.c.admitted_at), else_=held)
    rows = session.execute(
        select(model, count_where(first.c.admitted_at.is_not(None)), func.count())
        .select_from(Case)
        .outerjoin(InterventionPlan, col(InterventionPlan.case_id) == col(Case.id))
        .outerjoin(first, first.c.case_id == col(Case.id))
        .where(*_cases(scope), within(anchor, window.starts_at, window.ends_at))
        .group_by(model)
    ).all()
    counts = {str(m): (int(entered), int(total)) for m, entered, total in rows}
    by_model = []
    for m in InterventionModel:
        entered, total = counts.get(m.value, (0, 0))
        published = PUBLISHED_RATES[m.value]
        by_model.append(
            ModelEntry(
                model=m.value,
                invitational=m.value in INVITATIONAL_MODELS,
                entered=Ratio.of(entered, total),
                published_rate=published.rate,
                published_source=published.source,
                published_note=published.note,
            )
        )
    entered_all = sum(e for e, _ in counts.values())
    total_all = sum(t for _, t in counts.values())
    return Ratio.of(entered_all, total_all), by_model


def _median(session: Session, values: Any) -> MedianDays:
    median, count = session.execute(median_of(values.subquery())).one()
    return MedianDays(
        median_days=round(float(median), 1) if median is not None else None,
        count=int(count or 0),
    )


def _median_intake_to_held(session: Session, scope: Scope, window: Window) -> MedianDays:
    held = col(InterventionPlan.held_at)
    return _median(
        session,
        select(days_between(col(Case.created_at), held).label("v"))
        .join(InterventionPlan, col(InterventionPlan.case_id) == col(Case.id))
        .where(*_cases(scope), within(held, window.starts_at, window.ends_at)),
    )


def _median_held_to_admission(session: Session, scope: Scope, window: Window) -> MedianDays:
    first = _first_admissions(scope)
    held = col(InterventionPlan.held_at)
    return _median(
        session,
        select(days_between(held, first.c.admitted_at).label("v"))
        .select_from(Case)
        .join(InterventionPlan, col(InterventionPlan.case_id) == col(Case.id))
        .join(first, first.c.case_id == col(Case.id))
        .where(
            *_cases(scope),
            within(first.c.admitted_at, window.starts_at, window.ends_at),
            held <= first.c.admitted_at,
        ),
    )


def _treatment_completion(session: Session, scope: Scope, window: Window) -> Ratio:
    row = session.execute(
        select(
            count_where(col(Referral.discharge_reason) == DischargeReason.completed.value),
            func.count(),
        ).where(
            scope.covers(col(Referral.case_id), col(Referral.organization_id)),
            within(col(Referral.discharged_at), window.starts_at, window.ends_at),
        )
    ).one()
    return Ratio.of(int(row[0]), int(row[1]))


def _goals_achieved(session: Session, scope: Scope, window: Window) -> Ratio:
    achieved = col(Goal.achievement_status).in_(
        [AchievementStatus.achieved.value, AchievementStatus.sustaining.value]
    )
    row = session.execute(
        select(count_where(achieved), func.count()).where(
            scope.covers(col(Goal.case_id), col(Goal.organization_id)),
            col(Goal.due_date) >= window.from_date,
            col(Goal.due_date) <= window.to_date,
            col(Goal.lifecycle_status).not_in([s.value for s in WITHDRAWN]),
        )
    ).one()
    return Ratio.of(int(row[0]), int(row[1]))


def _attention(session: Session, scope: Scope, now: datetime) -> Attention:
    """The oldest open critical alerts and the longest-overdue open tasks, each filtered on
    its own table's columns (the cases are joined only for the ten references shown)."""
    alerts = session.execute(
        select(
            col(Alert.id),
            col(Alert.case_id),
            col(Case.reference),
            col(Alert.title),
            col(Alert.created_at),
        )
        .join(Case, col(Case.id) == col(Alert.case_id))
        .where(
            scope.covers(col(Alert.case_id), col(Alert.organization_id)),
            col(Alert.status) == AlertStatus.open.value,
            col(Alert.severity) == Severity.critical.value,
        )
        .order_by(col(Alert.created_at), col(Alert.id))
        .limit(ATTENTION_LIMIT)
    ).all()
    tasks = session.execute(
        select(
            col(Task.id), col(Task.case_id), col(Case.reference), col(Task.title), col(Task.due_at)
        )
        .join(Case, col(Case.id) == col(Task.case_id))
        .where(
            scope.covers(col(Task.case_id), col(Task.organization_id)),
            col(Task.status) == TaskStatus.open.value,
            col(Task.due_at) < now,
        )
        # Spelled as `ix_tasks_org_due` is, so the first ten are read in order from it.
        .order_by(due_order(), col(Task.id))
        .limit(ATTENTION_LIMIT)
    ).all()
    return Attention(
        critical_alerts=[
            AttentionAlert(id=i, case_id=c, case_reference=r, title=t, created_at=at)
            for i, c, r, t, at in alerts
        ],
        overdue_tasks=[
            AttentionTask(id=i, case_id=c, case_reference=r, title=t, due_at=due)
            for i, c, r, t, due in tasks
        ],
    )


def _series(session: Session, scope: Scope, window: Window) -> list[SeriesPoint]:
    months = window.months()
    boundaries = [month.starts_at for month in months[1:]]

    def per_month(column: Any, covered: Any, extra: Any = None) -> dict[int, tuple[int, int]]:
        """month index → (rows, rows meeting `extra`)."""
        bucket = month_bucket(column, boundaries)
        meeting = count_where(extra) if extra is not None else literal(0)
        rows = session.execute(
            select(bucket, func.count(), meeting)
            .where(covered, within(column, window.starts_at, window.ends_at))
            .group_by(bucket)
        ).all()
        return {int(b): (int(n), int(m)) for b, n, m in rows}

    in_scope_cases = and_(*_cases(scope))
    new_cases = per_month(col(Case.created_at), in_scope_cases)
    held = per_month(
        col(InterventionPlan.held_at),
        scope.covers(col(InterventionPlan.case_id), col(InterventionPlan.organization_id)),
    )
    referrals = scope.covers(col(Referral.case_id), col(Referral.organization_id))
    admissions = per_month(col(Referral.admitted_at), referrals)
    discharges = per_month(
        col(Referral.discharged_at),
        referrals,
        col(Referral.discharge_reason) == DischargeReason.completed.value,
    )
    check_ins = _check_in_counts(session, scope, window)
    nothing = (0, 0)
    return [
        SeriesPoint(
            month=month.label,
            first_day=month.first_day,
            last_day=month.last_day,
            partial=month.partial,
            new_cases=new_cases.get(i, nothing)[0],
            interventions_held=held.get(i, nothing)[0],
            admissions=admissions.get(i, nothing)[0],
            check_ins=check_ins.get(i, 0),
            discharges=discharges.get(i, nothing)[0],
            completed_discharges=discharges.get(i, nothing)[1],
        )
        for i, month in enumerate(months)
    ]
