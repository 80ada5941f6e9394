// The new-referral and record-update forms, and their translation to API bodies.
import type {
  ConsentRead,
  DischargeReason,
  LevelOfCare,
  ReferralCreate,
  ReferralRead,
  ReferralStatus,
  ReferralUpdate,
  StatusReport,
} from "../../api/types";
import { localToIso } from "../plans/form";
import { nowZonedInput } from "../../lib/format";

export interface ReferralFormValues {
  treatment_center_id: string | null;
  level_of_care: LevelOfCare | null;
  requested_admission_date: string | null;
  summary: string;
  consent_id: string | null;
}

export const REFERRAL_FORM_FIELDS = ["treatment_center_id", "level_of_care", "requested_admission_date", "summary", "consent_id"] as const;

export const EMPTY_REFERRAL_FORM: ReferralFormValues = {
  treatment_center_id: null,
  level_of_care: null,
  requested_admission_date: null,
  summary: "",
  consent_id: null,
};

/**
 * A new referral starts from the plan's primary treatment option (or its only one):
 * its center, when the option names one from the directory, and its level of care.
 */
export function referralStartFromPlan(
  options: readonly { treatment_center_id: string | null; level_of_care: ReferralFormValues["level_of_care"]; is_primary: boolean }[] | undefined,
): Pick<ReferralFormValues, "treatment_center_id" | "level_of_care"> | null {
  if (!options?.length) return null;
  const option = options.find((o) => o.is_primary) ?? (options.length === 1 ? options[0] : undefined);
  if (!option) return null;
  return { treatment_center_id: option.treatment_center_id, level_of_care: option.level_of_care };
}

/** The consents a referral to this center may use: active, and naming this very center. */
export function consentsForCenter(consents: readonly ConsentRead[], centerId: string | null): ConsentRead[] {
  if (!centerId) return [];
  return consents
    .filter((c) => c.status === "active" && c.recipient_treatment_center_id === centerId)
    .sort((a, b) => b.signed_at.localeCompare(a.signed_at));
}

/** After the center changes: keep the chosen consent if it still fits, else take the only one that does. */
export function consentAfterCenterChange(current: string | null, eligible: readonly ConsentRead[]): string | null {
  if (current && eligible.some((c) => c.id === current)) return current;
  return eligible.length === 1 ? eligible[0]!.id : null;
}

export function toReferralBody(values: ReferralFormValues): ReferralCreate {
  const body: ReferralCreate = {
    treatment_center_id: values.treatment_center_id ?? "",
    consent_id: values.consent_id ?? "",
    level_of_care: values.level_of_care as LevelOfCare,
    summary: values.summary.trim(),
  };
  if (values.requested_admission_date) body.requested_admission_date = values.requested_admission_date;
  return body;
}

export function referralToFormValues(referral: ReferralRead): ReferralFormValues {
  return {
    treatment_center_id: referral.treatment_center_id,
    level_of_care: referral.level_of_care,
    requested_admission_date: referral.requested_admission_date ?? null,
    summary: referral.summary,
    consent_id: referral.consent_id,
  };
}

/** Only what changed in a draft, so a PATCH never overwrites what the user did not touch. */
export function toDraftUpdate(referral: ReferralRead, values: ReferralFormValues): ReferralUpdate {
  const body: ReferralUpdate = {};
  if (values.level_of_care && values.level_of_care !== referral.level_of_care) body.level_of_care = values.level_of_care;
  if ((values.requested_admission_date ?? null) !== (referral.requested_admission_date ?? null))
    body.requested_admission_date = values.requested_admission_date;
  const summary = values.summary.trim();
  if (summary && summary !== referral.summary) body.summary = summary;
  if (values.consent_id && values.consent_id !== referral.consent_id) body.consent_id = values.consent_id;
  return body;
}

export function validateReferralForm(values: ReferralFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.treatment_center_id) errors.treatment_center_id = "Choose the treatment center";
  if (!values.level_of_care) errors.level_of_care = "Choose the level of care";
  if (!values.summary.trim()) errors.summary = "Write the summary the center needs to decide";
  if (values.treatment_center_id && !values.consent_id) errors.consent_id = "Choose the consent that names this center";
  return errors;
}

// --- Recording what a (non-partner) center reported -------------------------------------------

export interface UpdateFormValues {
  status: ReferralStatus;
  decline_reason: string;
  /** Local "YYYY-MM-DD HH:mm:ss". */
  admitted_at: string | null;
  discharged_at: string | null;
  discharge_reason: DischargeReason | null;
  note: string;
}

export const UPDATE_FORM_FIELDS = ["status", "decline_reason", "admitted_at", "discharged_at", "discharge_reason", "note"] as const;

export function initialUpdateValues(status: ReferralStatus, now: Date = new Date()): UpdateFormValues {
  const stamp = nowZonedInput(now);
  return {
    status,
    decline_reason: "",
    admitted_at: status === "admitted" ? stamp : null,
    discharged_at: status === "discharged" ? stamp : null,
    discharge_reason: null,
    note: "",
  };
}

/** Only the fields of the chosen status travel: the API rejects nothing extra, but they would mean nothing. */
export function toStatusReport(values: UpdateFormValues): StatusReport {
  const body: StatusReport = { status: values.status };
  const note = values.note.trim();
  if (note) body.note = note;
  if (values.status === "declined") body.decline_reason = values.decline_reason.trim();
  if (values.status === "admitted") {
    const at = localToIso(values.admitted_at);
    if (at) body.admitted_at = at;
  }
  if (values.status === "discharged") {
    const at = localToIso(values.discharged_at);
    if (at) body.discharged_at = at;
    if (values.discharge_reason) body.discharge_reason = values.discharge_reason;
  }
  return body;
}

export function validateUpdateForm(values: UpdateFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (values.status === "declined" && !values.decline_reason.trim()) errors.decline_reason = "Give the center's reason for declining";
  if (values.status === "discharged" && !values.discharge_reason) errors.discharge_reason = "Choose how the stay ended";
  return errors;
}
