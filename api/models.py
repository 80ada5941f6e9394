"""Every table model, imported so that SQLModel.metadata (and Alembic) sees them all."""

from api.aftercare.models import AftercareFollowUp, AftercarePlan, AftercareRevision
from api.alerts.models import Alert
from api.auth.models import LoginThrottle, RefreshToken
from api.cases.models import Case, CaseEvent, CaseReferenceCounter, CaseTeamMember
from api.checkins.models import CheckIn, CheckInSchedule
from api.consents.models import Consent
from api.core.audit import AuditEvent
from api.core.idempotency import IdempotencyRecord
from api.goals.models import Goal, GoalMeasurement
from api.mfa.models import MfaRecoveryCode, StaffMfa
from api.organizations.models import Organization
from api.participants.models import Participant
from api.partner.models import PartnerApiClient
from api.plans.models import InterventionPlan, PlanRevision
from api.portal.models import Invitation, PortalAccount
from api.referrals.models import Referral, ReferralEvent
from api.resources.models import Resource
from api.sync.models import SyncRemoval
from api.tasks.models import Task
from api.treatment_centers.models import TreatmentCenter
from api.users.models import User
from api.webhooks.models import OrganizationWebhook, WebhookDelivery
from api.worker.models import JobLease

__all__ = [
    "AftercareFollowUp",
    "AftercarePlan",
    "AftercareRevision",
    "Alert",
    "AuditEvent",
    "Case",
    "CaseEvent",
    "CaseReferenceCounter",
    "CaseTeamMember",
    "CheckIn",
    "CheckInSchedule",
    "Consent",
    "Goal",
    "GoalMeasurement",
    "IdempotencyRecord",
    "InterventionPlan",
    "Invitation",
    "JobLease",
    "LoginThrottle",
    "MfaRecoveryCode",
    "Organization",
    "OrganizationWebhook",
    "Participant",
    "PartnerApiClient",
    "PlanRevision",
    "PortalAccount",
    "Referral",
    "ReferralEvent",
    "RefreshToken",
    "Resource",
    "StaffMfa",
    "SyncRemoval",
    "Task",
    "TreatmentCenter",
    "User",
    "WebhookDelivery",
]
