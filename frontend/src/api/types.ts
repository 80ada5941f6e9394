// Named aliases for the generated OpenAPI types. Nothing here is hand-written:
// every shape comes from schema.d.ts, so a backend change shows up as a type error.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Problem = Schemas["ProblemDetail"];
export type ProblemError = NonNullable<Problem["errors"]>[number];
export type TokenResponse = Schemas["TokenPair"];
export type Me = Schemas["Me"];
export type OrganizationRead = Schemas["OrganizationRead"];
export type OrganizationUpdate = Schemas["OrganizationUpdate"];

export type UserRead = Schemas["UserRead"];
export type UserCreate = Schemas["UserCreate"];
export type UserUpdate = Schemas["UserUpdate"];
export type StaffRole = Schemas["Role"];

export type CaseRead = Schemas["CaseRead"];
export type CaseCreate = Schemas["CaseCreate"];
export type CaseUpdate = Schemas["CaseUpdate"];
export type CaseStatus = Schemas["CaseStatus"];
export type RiskFlag = Schemas["RiskFlag"];
export type InterventionModel = Schemas["InterventionModel"];
export type StatusChange = Schemas["StatusChange"];
export type CaseOutcome = Schemas["CaseOutcome"];
export type TeamMember = Schemas["TeamMemberRead"];
export type TimelineEntry = Schemas["TimelineEntry"];

export type Relationship = Schemas["Relationship"];
export type ParticipantRole = Schemas["ParticipantRole"];
export type Readiness = Schemas["Readiness"];
export type ParticipantRead = Schemas["ParticipantRead"];
export type ParticipantCreate = Schemas["ParticipantCreate"];
export type ParticipantUpdate = Schemas["ParticipantUpdate"];

export type PlanRead = Schemas["PlanRead"];
export type PlanCreate = Schemas["PlanCreate"];
export type PlanUpdate = Schemas["PlanUpdate"];
export type PlanDelivery = Schemas["PlanDelivery"];
export type PlanStatus = Schemas["PlanStatus"];
export type PlanRevision = Schemas["PlanRevisionRead"];
export type PlanTemplate = Schemas["PlanTemplateRead"];
export type LevelOfCare = Schemas["LevelOfCare"];
export type DeliveryResult = Schemas["DeliveryResult"];
export type TreatmentOptionRead = Schemas["TreatmentOptionRead"];
export type ContingencyRead = Schemas["ContingencyRead"];
export type RehearsalRead = Schemas["RehearsalRead"];
export type ContributionRead = Schemas["ContributionRead"];
export type SectionRead = Schemas["SectionRead"];

export type TaskRead = Schemas["TaskRead"];
export type TaskCreate = Schemas["TaskCreate"];
export type TaskUpdate = Schemas["TaskUpdate"];
export type TaskPhase = Schemas["TaskPhase"];
export type TaskStatus = Schemas["TaskStatus"];

export type GoalRead = Schemas["GoalRead"];
export type GoalCreate = Schemas["GoalCreate"];
export type GoalUpdate = Schemas["GoalUpdate"];
export type GoalProgress = Schemas["GoalProgress"];
export type GoalCategory = Schemas["GoalCategory"];
export type CheckInItem = Schemas["CheckInItem"];
export type GoalDirection = Schemas["Direction"];
export type LifecycleStatus = Schemas["LifecycleStatus"];
export type AchievementStatus = Schemas["AchievementStatus"];
export type MeasurementCreate = Schemas["MeasurementCreate"];
export type MeasurementRead = Schemas["MeasurementRead"];

export type ScheduleRead = Schemas["ScheduleRead"];
export type ScheduleCreate = Schemas["ScheduleCreate"];
export type ScheduleUpdate = Schemas["ScheduleUpdate"];
export type CheckInRead = Schemas["CheckInRead"];
export type CheckInCreate = Schemas["CheckInCreate"];
export type RiskLevel = Schemas["RiskLevel"];
export type AdherenceReport = Schemas["AdherenceReport"];
export type Adherence = Schemas["Adherence"];

export type AlertRead = Schemas["AlertRead"];
export type AlertSummary = Schemas["AlertSummary"];
export type AlertKind = Schemas["AlertKind"];
export type AlertStatus = Schemas["AlertStatus"];
export type AlertSeverity = Schemas["Severity"];

export type InvitationRead = Schemas["InvitationRead"];
export type PortalStatus = Schemas["PortalStatus"];
export type PortalMe = Schemas["PortalMe"];
export type CheckInDue = Schemas["CheckInDue"];
export type PortalCheckIn = Schemas["PortalCheckIn"];
export type PortalCheckInReceipt = Schemas["PortalCheckInReceipt"];
export type PortalGoal = Schemas["PortalGoal"];
export type PortalPlan = Schemas["PortalPlan"];
export type PortalResource = Schemas["PortalResource"];

export type TreatmentCenterRead = Schemas["TreatmentCenterRead"];
export type TreatmentCenterCreate = Schemas["TreatmentCenterCreate"];
export type TreatmentCenterUpdate = Schemas["TreatmentCenterUpdate"];
export type CareService = Schemas["Service"];
export type Payment = Schemas["Payment"];
export type OpioidMedication = Schemas["OpioidMedication"];
export type Gender = Schemas["Gender"];
export type DirectoryImportReport = Schemas["DirectoryImportReport"];
export type ImportFormat = Schemas["ImportFormat"];

export type ResourceRead = Schemas["ResourceRead"];
export type ResourceCreate = Schemas["ResourceCreate"];
export type ResourceUpdate = Schemas["ResourceUpdate"];
export type ResourceKind = Schemas["ResourceKind"];
export type ResourceAudience = Schemas["Audience"];
export type ResourceFormat = Schemas["ResourceFormat"];
export type ResourceCost = Schemas["Cost"];
export type DayOfWeek = Schemas["DayOfWeek"];
export type Meeting = Schemas["Meeting"];
export type MeetingRead = Schemas["MeetingRead"];

export type ApiClientRead = Schemas["ApiClientRead"];
export type ApiClientCreate = Schemas["ApiClientCreate"];
export type ApiClientUpdate = Schemas["ApiClientUpdate"];
export type ApiClientCredentials = Schemas["ApiClientCredentials"];

export type ConsentRead = Schemas["ConsentRead"];
export type ConsentCreate = Schemas["ConsentCreate"];
export type ConsentStatus = Schemas["ConsentStatus"];
export type ConsentSummary = Schemas["ConsentSummary"];
export type ExpirationEvent = Schemas["ExpirationEvent"];

export type ReferralRead = Schemas["ReferralRead"];
export type ReferralCreate = Schemas["ReferralCreate"];
export type ReferralUpdate = Schemas["ReferralUpdate"];
export type ReferralStatus = Schemas["ReferralStatus"];
export type ReferralHistoryEntry = Schemas["HistoryEntry"];
export type StatusReport = Schemas["StatusReport"];
export type DischargeReason = Schemas["DischargeReason"];

export type WebhookEndpoint = Schemas["EndpointRead"];
export type WebhookEndpointWithSecret = Schemas["EndpointWithSecret"];
export type WebhookDelivery = Schemas["DeliveryRead"];
export type WebhookDeliveryStatus = Schemas["DeliveryStatus"];
export type PlanReviewItem = Schemas["PlanReviewItem"];
export type PhaseSummary = Schemas["PhaseSummary"];

export type AftercareRead = Schemas["AftercareRead"];
export type AftercareUpdate = Schemas["AftercareUpdate"];
export type AftercareRevisionRead = Schemas["AftercareRevisionRead"];
export type FollowUpRead = Schemas["FollowUpRead"];
export type FollowUpUpdate = Schemas["FollowUpUpdate"];
export type MedicationKind = Schemas["MedicationKind"];
export type EscalationResult = Schemas["EscalationResult"];
export type PortalAftercare = Schemas["PortalAftercare"];
export type PortalChosenResource = Schemas["PortalChosenResource"];
