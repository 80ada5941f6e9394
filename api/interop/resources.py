"""Cairn records as FHIR R4 resources (one builder per resource type); the codes come from
the value sets each docstring names. docs/interoperability.md has the mapping tables."""

from __future__ import annotations

import html
import uuid
from collections.abc import Sequence

from api.aftercare.models import AftercarePlan
from api.cases.models import Case, CaseStatus
from api.consents.models import Consent, ConsentStatus, SignerRelationship
from api.core import clock
from api.goals.models import Direction, Goal, GoalMeasurement
from api.goals.rules import TargetShape
from api.goals.service import target_of
from api.interop.fhir import (
    CONSENT_ACTION,
    CONSENT_SCOPE,
    GOAL_ACHIEVEMENT,
    GOAL_CATEGORY,
    LOINC,
    OBSERVATION_CATEGORY,
    ORGANIZATION_TYPE,
    V3_ACT_CODE,
    V3_PARTICIPATION_TYPE,
    V3_ROLE_CODE,
    Resource,
    concept,
    day,
    fhir_code,
    quantity,
    ref,
    resource,
    telecom,
    when,
)
from api.organizations.models import Organization
from api.participants.models import Participant, Relationship
from api.plans.models import InterventionPlan, PlanStatus
from api.tasks.models import Task, TaskStatus
from api.treatment_centers.models import TreatmentCenter

# Participant relationship → HL7 v3 RoleCode (value set `relatedperson-relationshiptype`,
# http://hl7.org/fhir/R4/valueset-relatedperson-relationshiptype.html). Coworker, employer,
# clergy and other have no code there: they travel as text only.
ROLE_CODES = {
    Relationship.parent: ("PRN", "parent"),
    Relationship.spouse: ("SPS", "spouse"),
    Relationship.partner: ("DOMPART", "domestic partner"),
    Relationship.child: ("CHILD", "child"),
    Relationship.sibling: ("SIB", "sibling"),
    Relationship.grandparent: ("GRPRN", "grandparent"),
    Relationship.friend: ("FRND", "unrelated friend"),
}
# Intervention plan status → CarePlan.status (`request-status`).
PLAN_STATUS = {
    PlanStatus.draft: "draft",
    PlanStatus.in_review: "draft",
    PlanStatus.approved: "active",
    PlanStatus.delivered: "completed",
}
# Task status → Task.status (`task-status`): an open action item is ready to be done.
TASK_STATUS = {
    TaskStatus.open: "ready",
    TaskStatus.done: "completed",
    TaskStatus.cancelled: "cancelled",
}


def practice(organization: Organization) -> Resource:
    return resource("Organization", organization.id, active=True, name=organization.name)


def center(found: TreatmentCenter) -> Resource:
    """Organization type `prov` (healthcare provider, `organization-type`)."""
    address = {
        k: v
        for k, v in (
            ("line", [found.address_line] if found.address_line else None),
            ("city", found.city),
            ("state", found.region),
            ("postalCode", found.postal_code),
            ("country", found.country),
        )
        if v
    }
    points = telecom(found.phone, found.phone_extension)
    if found.website:
        points.append({"system": "url", "value": found.website})
    return resource(
        "Organization",
        found.id,
        active=True,
        type=[concept(ORGANIZATION_TYPE, "prov", "Healthcare Provider")],
        name=found.name,
        telecom=points,
        address=[address] if address else None,
    )


def patient(case: Case, organization: Organization) -> Resource:
    names: list[Resource] = [
        {"use": "official", "family": case.client_last_name, "given": [case.client_first_name]}
    ]
    if case.client_preferred_name:
        names.append({"use": "usual", "given": [case.client_preferred_name]})
    return resource(
        "Patient",
        case.id,
        identifier=[
            {"use": "usual", "type": {"text": "Cairn case reference"}, "value": case.reference}
        ],
        active=case.status != CaseStatus.closed.value,
        name=names,
        telecom=telecom(case.client_phone, case.client_phone_extension, case.client_email),
        birthDate=day(case.client_date_of_birth),
        managingOrganization=ref("Organization", organization.id, organization.name),
    )


def related_person(participant: Participant) -> Resource:
    """Relationship from v3 RoleCode where it has one; the letter, bottom line and notes are
    the family's private preparation and are not exported."""
    relationship = Relationship(participant.relationship)
    code = ROLE_CODES.get(relationship)
    label = relationship.value.replace("_", " ")
    return resource(
        "RelatedPerson",
        participant.id,
        active=participant.readiness != "declined",
        patient=ref("Patient", participant.case_id),
        relationship=[concept(V3_ROLE_CODE, code[0], code[1], label) if code else {"text": label}],
        name=[{"text": participant.full_name}],
        telecom=telecom(participant.phone, participant.phone_extension, participant.email),
    )


def plan_task(task: Task, care_plan: Resource | None, practice_ref: Resource) -> Resource:
    """An action item as a Task the CarePlan's activity references; a staff assignee shows as
    the practice (staff are not exported), a participant as their RelatedPerson."""
    owner = (
        ref("RelatedPerson", task.assignee_participant_id)
        if task.assignee_participant_id
        else practice_ref
    )
    description = task.title if not task.description else f"{task.title}: {task.description}"
    return resource(
        "Task",
        task.id,
        status=TASK_STATUS[TaskStatus(task.status)],
        businessStatus={"text": f"{task.phase.replace('_', ' ').capitalize()} task"},
        intent="plan",
        description=description[:1000],
        basedOn=[care_plan] if care_plan else None,
        **{"for": ref("Patient", task.case_id)},
        authoredOn=when(task.created_at),
        lastModified=when(task.updated_at),
        owner=owner,
        restriction={"period": {"end": when(task.due_at)}} if task.due_at else None,
        executionPeriod={"end": when(task.completed_at)} if task.completed_at else None,
    )


def intervention_care_plan(
    plan: InterventionPlan,
    *,
    tasks: Sequence[Task],
    goals: Sequence[Goal],
    contributors: Sequence[uuid.UUID],
    practice_ref: Resource,
) -> Resource:
    """CarePlan.status from `request-status`; intent `plan`."""
    period = {k: v for k, v in (("start", when(plan.scheduled_at)),) if v}
    return resource(
        "CarePlan",
        plan.id,
        status=PLAN_STATUS[PlanStatus(plan.status)],
        intent="plan",
        title=f"Intervention plan ({plan.model.replace('_', ' ')} model)",
        description=plan.logistics,
        subject=ref("Patient", plan.case_id),
        period=period or None,
        created=when(plan.created_at),
        author=practice_ref,
        contributor=[ref("RelatedPerson", p) for p in contributors],
        goal=[ref("Goal", g.id) for g in goals],
        activity=[{"reference": ref("Task", t.id)} for t in tasks],
    )


def aftercare_care_plan(
    plan: AftercarePlan,
    case: Case,
    *,
    tasks: Sequence[Task],
    goals: Sequence[Goal],
    practice_ref: Resource,
) -> Resource:
    prevention = plan.relapse_prevention or {}
    lines = [
        f"{title}: {'; '.join(prevention[key])}"
        for key, title in (
            ("triggers", "Triggers"),
            ("warning_signs", "Warning signs"),
            ("high_risk_situations", "High-risk situations"),
            ("coping_strategies", "Coping strategies"),
        )
        if prevention.get(key)
    ]
    return resource(
        "CarePlan",
        plan.id,
        status="completed" if case.status == CaseStatus.closed.value else "active",
        intent="plan",
        title="Aftercare plan",
        description="\n".join(lines) or None,
        subject=ref("Patient", plan.case_id),
        period={"start": when(plan.started_at)},
        created=when(plan.created_at),
        author=practice_ref,
        goal=[ref("Goal", g.id) for g in goals],
        activity=[{"reference": ref("Task", t.id)} for t in tasks],
        note=[{"text": plan.notes}] if plan.notes else None,
    )


def goal(found: Goal, subject_name: str) -> Resource:
    """lifecycleStatus from `goal-status`, achievementStatus from `goal-achievement`,
    category `behavioral` (`goal-category`). A threshold is a Range open on one side (FHIR:
    "at least X" is a Range with only a low end); a qualitative target is detailString.
    A participant's own goal has the Patient as subject (Goal.subject cannot be a
    RelatedPerson) and the participant as expressedBy."""
    target = target_of(found)
    detail: Resource = {}
    unit = found.unit
    if target.shape is TargetShape.threshold:
        assert found.target_value is not None
        end = "low" if target.direction is Direction.at_least else "high"
        detail = {"detailRange": {end: quantity(found.target_value, unit)}}
    elif target.shape is TargetShape.range:
        detail = {
            "detailRange": {
                k: quantity(v, unit)
                for k, v in (("low", found.target_low), ("high", found.target_high))
                if v is not None
            }
        }
    elif found.target_text:
        detail = {"detailString": found.target_text}
    goal_target: Resource = {"measure": {"text": found.metric}, **detail}
    if found.due_date:
        goal_target["dueDate"] = day(found.due_date)
    return resource(
        "Goal",
        found.id,
        lifecycleStatus=fhir_code(found.lifecycle_status),
        achievementStatus=concept(GOAL_ACHIEVEMENT, fhir_code(found.achievement_status)),
        category=[
            {
                "coding": [
                    {"system": GOAL_CATEGORY, "code": "behavioral", "display": "Behavioral"}
                ],
                "text": found.category.replace("_", " "),
            }
        ],
        description={"text": found.title},
        subject=ref("Patient", found.case_id),
        startDate=day(found.start_date),
        target=[goal_target],
        statusDate=day(found.updated_at),
        expressedBy=ref("RelatedPerson", found.subject_participant_id, subject_name)
        if found.subject_participant_id
        else None,
    )


def observation(measurement: GoalMeasurement, found: Goal) -> Resource:
    """A goal measurement: category `survey` when a check-in reported it, else `therapy`
    (`observation-category`); focus is the Goal, derivedFrom the QuestionnaireResponse."""
    category = "survey" if measurement.check_in_id else "therapy"
    return resource(
        "Observation",
        measurement.id,
        status="final",
        category=[concept(OBSERVATION_CATEGORY, category, category.capitalize())],
        code={"text": found.metric},
        subject=ref("Patient", found.case_id),
        focus=[ref("Goal", found.id)],
        effectiveDateTime=when(measurement.measured_at),
        valueQuantity=quantity(measurement.value, found.unit),
        derivedFrom=[ref("QuestionnaireResponse", measurement.check_in_id)]
        if measurement.check_in_id
        else None,
        note=[{"text": measurement.note}] if measurement.note else None,
    )


def consent(found: Consent, practice_ref: Resource, center_names: dict[uuid.UUID, str]) -> Resource:
    """Consent.status `active`, or `inactive` once revoked or expired (`consent-state-codes`);
    scope `patient-privacy` (`consentscope`); category LOINC 59284-0 "Patient Consent"
    (`consent-category`); policyRule 42CFRPart2 (v3 ActCode); the recipient as a provision
    actor with role IRCP "information recipient" (v3 ParticipationType), action `disclose`
    (`consentaction`). Purpose and information described are in the narrative (R4 has no
    element for free text)."""
    now = clock.now()
    status = found.status_at(now)
    ended = found.revoked_at or found.expired_at or found.expires_at
    recipient = (
        ref(
            "Organization",
            found.recipient_treatment_center_id,
            center_names.get(found.recipient_treatment_center_id),
        )
        if found.recipient_treatment_center_id
        else {"display": found.recipient_description}
    )
    signer = (
        ref("Patient", found.case_id, found.signed_by)
        if found.signer_relationship == SignerRelationship.self_.value
        else {"display": f"{found.signed_by} ({found.signer_relationship.replace('_', ' ')})"}
    )
    period = {"start": when(found.signed_at)}
    if ended is not None:
        period["end"] = when(min(ended, found.expires_at) if found.expires_at else ended)
    div = (
        '<div xmlns="http://www.w3.org/1999/xhtml">'
        f"<p>Purpose: {html.escape(found.purpose)}</p>"
        f"<p>Information to be disclosed: {html.escape(found.information_description)}</p>"
        f"<p>Disclosing party: {html.escape(found.disclosing_party)}</p>"
        + (
            f"<p>Expires on: {html.escape(found.expiration_event)}</p>"
            if found.expiration_event
            else ""
        )
        + "</div>"
    )
    return resource(
        "Consent",
        found.id,
        text={"status": "generated", "div": div},
        status="active" if status is ConsentStatus.active else "inactive",
        scope=concept(CONSENT_SCOPE, "patient-privacy", "Privacy Consent"),
        category=[concept(LOINC, "59284-0", "Patient Consent")],
        patient=ref("Patient", found.case_id),
        dateTime=when(found.signed_at),
        performer=[signer],
        organization=[practice_ref],
        policyRule=concept(V3_ACT_CODE, "42CFRPart2", "42 CFR Part2"),
        provision={
            "type": "permit",
            "period": period,
            "actor": [
                {
                    "role": concept(V3_PARTICIPATION_TYPE, "IRCP", "information recipient"),
                    "reference": recipient,
                }
            ],
            "action": [concept(CONSENT_ACTION, "disclose", "Disclose")],
        },
    )
