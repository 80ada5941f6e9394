"""The partner API: what a treatment center's own system calls (client-credentials tokens)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Query, Request, Response

from api.auth.dependencies import CurrentPartner
from api.consents.models import Consent
from api.core.pagination import Cursor, Limit
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.core.schemas import Timestamp
from api.interop import service as interop
from api.interop.fhir import FHIR_JSON
from api.interop.router import BUNDLE_SCHEMA, fhir_response
from api.partner import service
from api.referrals.models import ReferralStatus
from api.referrals.schemas import (
    Capacity,
    CapacityRead,
    PartnerReferral,
    PartnerReferralPage,
    StatusReport,
)

router = APIRouter(prefix="/partner", tags=["partner API"], route_class=TransactionalRoute)


@router.get(
    "/referrals",
    operation_id="partner_list_referrals",
    summary="Referrals addressed to my center, oldest change first (poll with updated_since)",
    response_model=PartnerReferralPage,
    responses=responses(401, 403),
)
def partner_list_referrals(
    partner: CurrentPartner,
    session: SessionDep,
    status_filter: ReferralStatus | None = Query(default=None, alias="status"),
    updated_since: Timestamp | None = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> PartnerReferralPage:
    referrals, next_cursor = service.list_referrals(
        session,
        partner,
        status=status_filter,
        updated_since=updated_since,
        limit=limit,
        cursor=cursor,
    )
    items = service.disclose(session, partner, referrals, require_consent=False)
    return PartnerReferralPage(items=items, next_cursor=next_cursor)


@router.get(
    "/referrals/{referral_id}",
    operation_id="partner_get_referral",
    summary="One referral (403 consent-not-active once the consent was revoked or expired)",
    response_model=PartnerReferral,
    responses={
        200: {
            "description": "JSON by default; with `Accept: application/fhir+json`, a FHIR R4 "
            "Bundle (collection) of the ServiceRequest, its Task and the minimum Patient "
            "(docs/partners.md).",
            "content": {FHIR_JSON: {"schema": BUNDLE_SCHEMA}},
        },
        **responses(401, 403, 404),
    },
)
def partner_get_referral(
    referral_id: uuid.UUID, request: Request, partner: CurrentPartner, session: SessionDep
) -> PartnerReferral | Response:
    """The same consent gate and the same `disclose` audit event in both forms."""
    referral = service.load_referral(session, partner, referral_id)
    view = service.disclose(session, partner, [referral], require_consent=True)[0]
    if FHIR_JSON in request.headers.get("accept", ""):
        consent = session.get(Consent, referral.consent_id)
        assert consent is not None
        return fhir_response(interop.partner_bundle(session, partner, referral, consent))
    return view


@router.post(
    "/referrals/{referral_id}/status",
    operation_id="partner_report_referral_status",
    summary="Report received, accepted, declined, admitted or discharged",
    response_model=PartnerReferral,
    responses=responses(401, 403, 404, 409),
)
def partner_report_referral_status(
    referral_id: uuid.UUID, body: StatusReport, partner: CurrentPartner, session: SessionDep
) -> PartnerReferral:
    referral = service.load_referral(session, partner, referral_id)
    referral = service.report_status(session, partner, referral, body)
    return service.disclose(session, partner, [referral], require_consent=False)[0]


@router.put(
    "/capacity",
    operation_id="partner_set_capacity",
    summary="Report how many beds my center has available",
    response_model=CapacityRead,
    responses=responses(401, 403),
)
def partner_set_capacity(
    body: Capacity, partner: CurrentPartner, session: SessionDep
) -> CapacityRead:
    center = service.set_capacity(session, partner, body.beds_available)
    assert center.beds_available is not None
    assert center.beds_updated_at is not None
    return CapacityRead(
        treatment_center_id=center.id,
        beds_available=center.beds_available,
        beds_updated_at=center.beds_updated_at,
    )
