"""FHIR R4 exports (DESIGN.md §4 Interoperability; docs/interoperability.md)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response

from api.auth.dependencies import CurrentStaff
from api.cases.dependencies import VisibleCase
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.interop import service
from api.interop.fhir import FHIR_JSON, Resource

router = APIRouter(tags=["interoperability"], route_class=TransactionalRoute)

BUNDLE_SCHEMA: dict[str, Any] = {
    "type": "object",
    "description": "A FHIR R4 Bundle (http://hl7.org/fhir/R4/bundle.html)",
    "required": ["resourceType", "type", "entry"],
    "properties": {
        "resourceType": {"const": "Bundle"},
        "type": {"const": "collection"},
        "timestamp": {"type": "string"},
        "entry": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["fullUrl", "resource"],
                "properties": {
                    "fullUrl": {"type": "string"},
                    "resource": {"type": "object", "required": ["resourceType", "id"]},
                },
            },
        },
    },
}


class FhirResponse(Response):
    media_type = FHIR_JSON

    def render(self, content: Any) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode()


def fhir_response(body: Resource, filename: str | None = None) -> FhirResponse:
    headers = {"Cache-Control": "no-store"}
    if filename:
        headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return FhirResponse(body, headers=headers)


@router.get(
    "/cases/{case_id}/fhir",
    operation_id="export_case_fhir",
    summary="The case as a FHIR R4 Bundle (collection)",
    response_class=FhirResponse,
    responses={
        200: {
            "description": "`application/fhir+json`: a Bundle of type `collection` with the "
            "Patient, RelatedPersons, CarePlans, Tasks, Goals, Observations, the check-in "
            "Questionnaire and its QuestionnaireResponses, Consents, ServiceRequests and "
            "Organizations; every resource labelled for 42 CFR Part 2 in `meta.security`.",
            "content": {FHIR_JSON: {"schema": BUNDLE_SCHEMA}},
        },
        **responses(401, 404),
    },
)
def export_case_fhir(case: VisibleCase, staff: CurrentStaff, session: SessionDep) -> FhirResponse:
    """Every reference inside the Bundle resolves to an entry's `fullUrl` (urn:uuid). One
    audit event `export` (resource type `case_fhir`). Staff who may see the case only."""
    body = service.case_bundle(session, staff, case)
    return fhir_response(body, f"cairn-{case.reference}-fhir.json")
