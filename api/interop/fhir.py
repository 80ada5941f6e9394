"""The FHIR R4 pieces every exported resource shares: ids, references, security labels, codes.

Cairn builds FHIR resources as plain JSON documents (dicts) in the shape of the HL7 FHIR R4
specification (http://hl7.org/fhir/R4/); the tests validate every one with the `fhir.resources`
models (R4B, whose resources used here are those of R4). docs/interoperability.md has the
mapping tables.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

Resource = dict[str, Any]

FHIR_JSON = "application/fhir+json"

# Code systems (http://hl7.org/fhir/R4/terminologies-systems.html).
V3_CONFIDENTIALITY = "http://terminology.hl7.org/CodeSystem/v3-Confidentiality"
V3_ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
V3_PARTICIPATION_TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType"
GOAL_ACHIEVEMENT = "http://terminology.hl7.org/CodeSystem/goal-achievement"
GOAL_CATEGORY = "http://terminology.hl7.org/CodeSystem/goal-category"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
CONSENT_ACTION = "http://terminology.hl7.org/CodeSystem/consentaction"
ORGANIZATION_TYPE = "http://terminology.hl7.org/CodeSystem/organization-type"
TASK_CODE = "http://hl7.org/fhir/CodeSystem/task-code"
LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"

# 42 CFR Part 2 labels on every resource (HL7 Healthcare Privacy and Security Classification
# System; value sets `security-labels`, http://hl7.org/fhir/R4/valueset-security-labels.html):
# restricted confidentiality, the Part 2 privacy law, and the refrain "no redisclosure
# without consent directive".
SECURITY_LABELS: list[dict[str, str]] = [
    {"system": V3_CONFIDENTIALITY, "code": "R", "display": "restricted"},
    {"system": V3_ACT_CODE, "code": "42CFRPart2", "display": "42 CFR Part2"},
    {
        "system": V3_ACT_CODE,
        "code": "NORDSCLCD",
        "display": "no redisclosure without consent directive",
    },
]

# Stable ids: the same Cairn record exports under the same FHIR id every time, and one Cairn
# record that becomes two resources (a referral: ServiceRequest and Task) gets two ids.
_NAMESPACE = uuid.UUID("6f1f4b8e-3c59-5b0a-9d0e-2f8f6c1a7b44")


def fhir_id(resource_type: str, key: uuid.UUID | str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{resource_type}/{key}"))


def full_url(resource_type: str, key: uuid.UUID | str) -> str:
    return f"urn:uuid:{fhir_id(resource_type, key)}"


def ref(resource_type: str, key: uuid.UUID | str, display: str | None = None) -> Resource:
    """A reference that the Bundle entry of that resource resolves (its `fullUrl`)."""
    reference: Resource = {"reference": full_url(resource_type, key), "type": resource_type}
    if display:
        reference["display"] = display
    return reference


def resource(resource_type: str, key: uuid.UUID | str, **fields: Any) -> Resource:
    """A resource with its id and the Part 2 labels; fields left None are left out."""
    body: Resource = {
        "resourceType": resource_type,
        "id": fhir_id(resource_type, key),
        "meta": {"security": [dict(label) for label in SECURITY_LABELS]},
    }
    body.update({name: value for name, value in fields.items() if value not in (None, [], {})})
    return body


def bundle(entries: list[Resource], *, at: datetime, key: uuid.UUID | str) -> Resource:
    """A `collection` Bundle; each entry's `fullUrl` is the urn:uuid its references use."""
    return {
        "resourceType": "Bundle",
        "id": fhir_id("Bundle", f"{key}/{at.isoformat()}"),
        "meta": {"security": [dict(label) for label in SECURITY_LABELS]},
        "type": "collection",
        "timestamp": instant(at),
        "entry": [{"fullUrl": f"urn:uuid:{e['id']}", "resource": e} for e in entries],
    }


def instant(at: datetime) -> str:
    return at.isoformat().replace("+00:00", "Z")


def day(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    return (value.date() if isinstance(value, datetime) else value).isoformat()


def when(value: datetime | None) -> str | None:
    return instant(value) if value is not None else None


def coding(system: str, code: str, display: str | None = None) -> Resource:
    found: Resource = {"system": system, "code": code}
    if display:
        found["display"] = display
    return found


def concept(
    system: str, code: str, display: str | None = None, text: str | None = None
) -> Resource:
    found: Resource = {"coding": [coding(system, code, display)]}
    if text:
        found["text"] = text
    return found


def telecom(
    phone: str | None, extension: str | None = None, email: str | None = None
) -> list[Resource]:
    """ContactPoints; an extension is written after the number (ContactPoint has no field)."""
    points: list[Resource] = []
    if phone:
        written = f"{phone} ext. {extension}" if extension else phone
        points.append({"system": "phone", "value": written})
    if email:
        points.append({"system": "email", "value": email})
    return points


def quantity(value: float, unit: str | None) -> Resource:
    found: Resource = {"value": value}
    if unit:
        found["unit"] = unit
    return found


def fhir_code(value: str) -> str:
    """Cairn writes FHIR's hyphenated codes with `_` (`on_hold` is FHIR's `on-hold`)."""
    return value.replace("_", "-")
