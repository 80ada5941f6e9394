"""The demo directory of treatment centers, and the API clients of the two partner centers.

One partner client has fixed, fictional credentials, printed by `cairn seed-demo`, so that
`examples/partner_client.py` can be run against `make run`'s server as-is.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from api.auth.dependencies import Partner, Staff
from api.core import clock
from api.core.audit import AuditContext
from api.core.config import Settings
from api.core.security import digest, seal
from api.partner import clients
from api.partner import service as partner_service
from api.partner.models import PartnerApiClient
from api.treatment_centers.models import TreatmentCenter
from api.treatment_centers.schemas import TreatmentCenterCreate, TreatmentCenterUpdate
from api.treatment_centers.service import add_center, update_center

# Fictional demo credentials only: `seed-demo` refuses to run in production.
DEMO_PARTNER_CENTER = "Riverside Recovery Center"
DEMO_PARTNER_CLIENT_ID = "tc_demo_riverside"
DEMO_PARTNER_SECRET = "cairn-demo-partner-2026"  # noqa: S105
DEMO_WEBHOOK_SECRET = "cairn-demo-webhook-2026"  # noqa: S105
# Where `examples/partner_client.py listen` answers by default.
DEMO_WEBHOOK_URL = "http://127.0.0.1:8787/cairn/webhooks"

RIVERSIDE = "riverside"
CEDAR_RIDGE = "cedar_ridge"
HARBORVIEW = "harborview"
WILLOW_HOUSE = "willow_house"
SUMMIT = "summit"
LAKESIDE = "lakeside"
NORTHSTAR = "northstar"

CENTERS: dict[str, TreatmentCenterCreate] = {
    RIVERSIDE: TreatmentCenterCreate.model_validate(
        {
            "name": DEMO_PARTNER_CENTER,
            "levels_of_care": ["2.1", "3.5", "3.7"],
            "services": [
                "detox",
                "dual_diagnosis",
                "family_program",
                "residential",
                "outpatient",
            ],
            "populations": ["adults", "LGBTQ+ affirming"],
            "insurance_accepted": [
                "Aetna",
                "Blue Cross Blue Shield",
                "Cigna",
                "Oregon Health Plan",
            ],
            "address_line": "2100 Riverbend Road",
            "city": "Portland",
            "region": "OR",
            "postal_code": "97201",
            "country": "US",
            "phone": "+1 555 0140 2200",
            "intake_phone": "+1 555 0140 2201 ext. 4",
            "latitude": 45.5152,
            "longitude": -122.6784,
            "opioid_medications": ["buprenorphine", "naltrexone"],
            "payment_accepted": ["medicaid", "private_insurance", "self_pay"],
            "accreditation": ["The Joint Commission"],
            "telehealth": True,
            "languages": ["en", "es"],
            "genders_accepted": ["female", "male", "nonbinary"],
            "website": "https://riverside-recovery.example",
        }
    ),
    CEDAR_RIDGE: TreatmentCenterCreate.model_validate(
        {
            "name": "Cedar Ridge Treatment Campus",
            "levels_of_care": ["3.5", "3.7", "4"],
            "services": ["detox", "dual_diagnosis", "residential", "trauma"],
            "populations": ["adults", "licensed professionals"],
            "insurance_accepted": ["Aetna", "UnitedHealthcare", "Self-pay"],
            "address_line": "88 Juniper Canyon Drive",
            "city": "Bend",
            "region": "OR",
            "postal_code": "97703",
            "country": "US",
            "phone": "+1 555 0141 7300",
            "latitude": 44.0582,
            "longitude": -121.3153,
            "opioid_medications": ["buprenorphine"],
            "payment_accepted": ["private_insurance", "self_pay"],
            "accreditation": ["CARF"],
            "website": "https://cedar-ridge.example",
        }
    ),
    HARBORVIEW: TreatmentCenterCreate.model_validate(
        {
            "name": "Harborview Withdrawal Management",
            "levels_of_care": ["3.7", "4", "3.7-WM", "4-WM", "OTP"],
            "services": ["detox"],
            "populations": ["adults"],
            "insurance_accepted": ["Apple Health (Medicaid)", "Premera", "Self-pay"],
            "address_line": "410 Terry Avenue",
            "city": "Seattle",
            "region": "WA",
            "postal_code": "98104",
            "country": "US",
            "phone": "+1 555 0142 4410",
            "hotline_phone": "+1 555 0142 4400",
            "latitude": 47.6040,
            "longitude": -122.3238,
            "opioid_medications": ["methadone", "buprenorphine"],
            "payment_accepted": ["medicaid", "medicare", "private_insurance"],
        }
    ),
    WILLOW_HOUSE: TreatmentCenterCreate.model_validate(
        {
            "name": "Willow House for Women",
            "levels_of_care": ["3.1", "3.3", "3.5"],
            "services": ["residential", "trauma", "family_program"],
            "populations": ["women", "pregnant and postpartum women", "mothers with children"],
            "insurance_accepted": [
                "Oregon Health Plan",
                "Providence Health Plan",
                "Blue Cross Blue Shield",
            ],
            "address_line": "17 Alder Street",
            "city": "Eugene",
            "region": "OR",
            "postal_code": "97401",
            "country": "US",
            "phone": "+1 555 0143 1717",
            "latitude": 44.0521,
            "longitude": -123.0868,
            "genders_accepted": ["female"],
            "payment_accepted": ["medicaid", "private_insurance", "sliding_scale"],
            "website": "https://willowhouse.example",
        }
    ),
    SUMMIT: TreatmentCenterCreate.model_validate(
        {
            "name": "Summit Youth Recovery",
            "levels_of_care": ["1", "2.1", "2.5"],
            "services": ["adolescent", "family_program", "outpatient", "dual_diagnosis"],
            "populations": ["adolescents 13-17", "young adults 18-24"],
            "insurance_accepted": ["Blue Cross of Idaho", "Idaho Medicaid", "Tricare"],
            "city": "Boise",
            "region": "ID",
            "country": "US",
            "phone": "+1 555 0144 2500",
            "latitude": 43.6150,
            "longitude": -116.2023,
            "telehealth": True,
        }
    ),
    LAKESIDE: TreatmentCenterCreate.model_validate(
        {
            "name": "Lakeside Counseling & Recovery",
            "levels_of_care": ["0.5", "1", "2.1"],
            "services": ["outpatient", "family_program", "trauma"],
            "populations": ["adults", "veterans"],
            "insurance_accepted": ["Tricare", "VA Community Care", "Molina"],
            "city": "Vancouver",
            "region": "WA",
            "country": "US",
            "phone": "+1 555 0145 0021",
            "latitude": 45.6387,
            "longitude": -122.6615,
            "payment_accepted": ["military_insurance", "medicaid"],
        }
    ),
    NORTHSTAR: TreatmentCenterCreate.model_validate(
        {
            "name": "Northstar Recovery Residence",
            "levels_of_care": ["3.1"],
            "services": ["sober_living", "residential"],
            "populations": ["men"],
            "insurance_accepted": ["Self-pay", "sliding scale"],
            "city": "Portland",
            "region": "OR",
            "country": "US",
            "phone": "+1 555 0146 3131",
            "latitude": 45.5231,
            "longitude": -122.6765,
            "genders_accepted": ["male"],
            "payment_accepted": ["self_pay", "sliding_scale"],
        }
    ),
}
PARTNERS = (RIVERSIDE, CEDAR_RIDGE)
# Partners report their own beds; for the others staff write down what the intake line said.
REPORTED_BEDS = {RIVERSIDE: 4, CEDAR_RIDGE: 0}
PHONED_BEDS = {HARBORVIEW: 7, WILLOW_HOUSE: 2, NORTHSTAR: 3}  # Summit, Lakeside: unknown


@dataclass
class Directory:
    practice: str
    admin: Staff
    centers: dict[str, TreatmentCenter]
    partners: dict[str, Partner]

    def partner_for(self, center_id: uuid.UUID) -> Partner | None:
        return next((p for p in self.partners.values() if p.treatment_center_id == center_id), None)

    @property
    def demo_client(self) -> PartnerApiClient:
        return self.partners[RIVERSIDE].client


def seed_directory(session: Session, settings: Settings, practice: str, admin: Staff) -> Directory:
    """Centers and partner clients, made a while before the first case (clock is frozen)."""
    centers = {key: add_center(session, admin, data) for key, data in CENTERS.items()}
    partners = {}
    for key in PARTNERS:
        credentials = clients.create_client(session, settings, admin, centers[key], None)
        client = session.get(PartnerApiClient, credentials.id)
        assert client is not None
        partners[key] = Partner(
            client=client,
            ctx=AuditContext(
                "partner", client.id, client.organization_id, "127.0.0.1", "cairn seed-demo", None
            ),
        )
    demo = partners[RIVERSIDE].client
    demo.client_id, demo.secret_hash = DEMO_PARTNER_CLIENT_ID, digest(DEMO_PARTNER_SECRET)
    demo.webhook_secret_sealed = seal(settings, DEMO_WEBHOOK_SECRET)
    session.flush()
    return Directory(practice, admin, centers, partners)


def finish_directory(session: Session, directory: Directory) -> None:
    """Recent bed counts, and the demo client's webhook URL, set last so that the seeded
    history queues no deliveries to a receiver that is not running."""
    now = clock.now()
    for hours, (key, beds) in enumerate(REPORTED_BEDS.items(), start=2):
        with clock.frozen_at(now - timedelta(hours=hours)):
            partner_service.set_capacity(session, directory.partners[key], beds)
    for days, (key, beds) in enumerate(PHONED_BEDS.items(), start=1):
        with clock.frozen_at(now - timedelta(days=days, hours=3)):
            update_center(
                session,
                directory.admin,
                directory.centers[key],
                TreatmentCenterUpdate(beds_available=beds),
            )
    clients.set_webhook(session, directory.admin, directory.demo_client, DEMO_WEBHOOK_URL)
