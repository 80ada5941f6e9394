"""A referral as FHIR: a ServiceRequest (what is asked) and a Task (how the center answers),
following the closed-loop referral pattern of the HL7 FHIR workflow
(http://hl7.org/fhir/R4/workflow-management.html, option "Task with ServiceRequest focus", as
the Gravity SDOH Clinical Care and 360X implementation guides use it).

Task.status (value set `task-status`, http://hl7.org/fhir/R4/valueset-task-status.html):

| Cairn referral | Task.status | ServiceRequest.status (`request-status`) |
|---|---|---|
| draft | draft | draft |
| sent | requested | active |
| received | received | active |
| accepted | accepted | active |
| declined | rejected | revoked |
| admitted | in-progress | active |
| discharged | completed | completed |
| cancelled | cancelled | revoked |

Task.businessStatus says the same in the practice's words ("Admitted", "Discharged:
completed").
"""

from __future__ import annotations

from api.cases.models import Case
from api.interop.fhir import (
    SNOMED,
    TASK_CODE,
    Resource,
    concept,
    day,
    ref,
    resource,
    when,
)
from api.plans.models import LevelOfCare
from api.referrals.models import Referral, ReferralStatus

TASK_STATUS = {
    ReferralStatus.draft: "draft",
    ReferralStatus.sent: "requested",
    ReferralStatus.received: "received",
    ReferralStatus.accepted: "accepted",
    ReferralStatus.declined: "rejected",
    ReferralStatus.admitted: "in-progress",
    ReferralStatus.discharged: "completed",
    ReferralStatus.cancelled: "cancelled",
}
REQUEST_STATUS = {
    ReferralStatus.draft: "draft",
    ReferralStatus.sent: "active",
    ReferralStatus.received: "active",
    ReferralStatus.accepted: "active",
    ReferralStatus.declined: "revoked",
    ReferralStatus.admitted: "active",
    ReferralStatus.discharged: "completed",
    ReferralStatus.cancelled: "revoked",
}
LEVEL_NAMES = {
    LevelOfCare.early_intervention: "early intervention",
    LevelOfCare.outpatient: "outpatient",
    LevelOfCare.intensive_outpatient: "intensive outpatient",
    LevelOfCare.partial_hospitalization: "partial hospitalization",
    LevelOfCare.low_intensity_residential: "clinically managed low-intensity residential",
    LevelOfCare.population_specific_residential: "clinically managed population-specific "
    "high-intensity residential",
    LevelOfCare.high_intensity_residential: "clinically managed high-intensity residential",
    LevelOfCare.medically_monitored_inpatient: "medically monitored intensive inpatient",
    LevelOfCare.medically_managed_inpatient: "medically managed intensive inpatient",
}


def level_text(level: str) -> str:
    try:
        return f"ASAM level {level}: {LEVEL_NAMES[LevelOfCare(level)]}"
    except ValueError:
        return f"ASAM level {level}"


def minimum_patient(case: Case, **more: object) -> Resource:
    """The Patient a center needs to identify the client: name and date of birth."""
    return resource(
        "Patient",
        case.id,
        name=[
            {"use": "official", "family": case.client_last_name, "given": [case.client_first_name]}
        ],
        birthDate=day(case.client_date_of_birth),
        **more,
    )


def service_request(
    referral: Referral,
    *,
    requester: Resource,
    performer: Resource,
    consent: Resource | None,
    notes: tuple[str, ...] = (),
) -> Resource:
    status = ReferralStatus(referral.status)
    return resource(
        "ServiceRequest",
        referral.id,
        status=REQUEST_STATUS[status],
        intent="order",
        # SNOMED CT 3457005 |Patient referral (procedure)|, as the referral IGs categorise it.
        category=[concept(SNOMED, "3457005", "Patient referral")],
        code={"text": f"Referral for treatment at {level_text(referral.level_of_care)}"},
        subject=ref("Patient", referral.case_id),
        occurrenceDateTime=day(referral.requested_admission_date),
        authoredOn=when(referral.sent_at or referral.created_at),
        requester=requester,
        performer=[performer],
        supportingInfo=[consent] if consent else None,
        note=[{"text": text} for text in (referral.summary, *notes)],
    )


def task(referral: Referral, *, requester: Resource, owner: Resource) -> Resource:
    status = ReferralStatus(referral.status)
    business = status.value.capitalize()
    if status is ReferralStatus.discharged and referral.discharge_reason:
        business = f"Discharged: {referral.discharge_reason.replace('_', ' ')}"
    period = {
        k: v
        for k, v in (("start", when(referral.admitted_at)), ("end", when(referral.discharged_at)))
        if v
    }
    return resource(
        "Task",
        referral.id,
        status=TASK_STATUS[status],
        statusReason={"text": referral.decline_reason}
        if status is ReferralStatus.declined and referral.decline_reason
        else None,
        businessStatus={"text": business},
        intent="order",
        code=concept(TASK_CODE, "fulfill", "Fulfill the focal request"),
        focus=ref("ServiceRequest", referral.id),
        **{"for": ref("Patient", referral.case_id)},
        executionPeriod=period or None,
        authoredOn=when(referral.sent_at or referral.created_at),
        lastModified=when(referral.updated_at),
        requester=requester,
        owner=owner,
    )
