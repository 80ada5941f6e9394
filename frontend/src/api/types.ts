// Named aliases for the generated OpenAPI types. Nothing here is hand-written:
// every shape comes from schema.d.ts, so a backend change shows up as a type error.
import type { components } from "./schema";

type Schemas = components["schemas"];

export type Problem = Schemas["ProblemDetail"];
export type ProblemError = NonNullable<Problem["errors"]>[number];
export type TokenResponse = Schemas["TokenPair"];
export type Me = Schemas["Me"];

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
