// Values of the consent form, the e-signature check, and the translation to the API body.
import dayjs from "dayjs";
import type { ConsentCreate, ConsentRead, ExpirationEvent } from "../../api/types";
import { nowZonedInput, zonedInputToIso } from "../../lib/format";
import { localToIso } from "../plans/form";

type SignerRelationship = ConsentCreate["signer_relationship"];
type SignatureMethod = ConsentCreate["signature_method"];

/** A consent ends on a date or on an event (42 CFR § 2.31(a)(6)): exactly one is recorded. */
export type ExpiryKind = "date" | "event";

/** An event Cairn evaluates itself, or "other": free text that staff confirm by hand. */
export type EventChoice = ExpirationEvent | "other";

export interface ConsentFormValues {
  patient_name: string;
  disclosing_party: string;
  recipient_treatment_center_id: string | null;
  recipient_description: string;
  purpose: string;
  information_description: string;
  expiry_kind: ExpiryKind;
  /** The last day the consent holds, "YYYY-MM-DD": the API makes it the end of that day in the
   * practice's time zone. */
  expires_at: string | null;
  /** Which event ends it; null until chosen. */
  event_choice: EventChoice | null;
  /** The event in words, for "other". */
  expiration_event: string;
  signed_by: string;
  signer_relationship: SignerRelationship;
  /** Local "YYYY-MM-DD HH:mm:ss", as Mantine's pickers use. */
  signed_at: string | null;
  signature_method: SignatureMethod;
  /** The signer's name typed as their signature (typed-name e-signature). */
  typed_signature: string;
  /** The explicit confirmation that the signer signed. */
  confirmed: boolean;
}

/** API fields a 422 may name; they are the form's own field names. */
export const CONSENT_FORM_FIELDS = [
  "patient_name",
  "disclosing_party",
  "recipient_treatment_center_id",
  "recipient_description",
  "purpose",
  "information_description",
  "expires_at",
  "expiration_event",
  "signed_by",
  "signer_relationship",
  "signed_at",
  "signature_method",
] as const;

export const SIGNATURE_TOLERANCE_MINUTES = 5;

export function initialConsentValues(
  prefill: { patientName: string; organizationName: string; centerId?: string | null },
  now: Date = new Date(),
): ConsentFormValues {
  return {
    patient_name: prefill.patientName,
    disclosing_party: prefill.organizationName,
    recipient_treatment_center_id: prefill.centerId ?? null,
    recipient_description: "",
    purpose: "",
    information_description: "",
    expiry_kind: "date",
    expires_at: null,
    event_choice: null,
    expiration_event: "",
    signed_by: prefill.patientName,
    signer_relationship: "self",
    signed_at: nowZonedInput(now),
    signature_method: "typed_name",
    typed_signature: "",
    confirmed: false,
  };
}

/** Names compared the way a person would: case, accents' composition and spacing do not matter. */
export function normalizeName(name: string): string {
  return name.normalize("NFC").trim().replace(/\s+/g, " ").toLocaleLowerCase();
}

export function signatureMatches(typed: string, signer: string): boolean {
  const a = normalizeName(typed);
  return a !== "" && a === normalizeName(signer);
}

/** Whether the signature part is complete: the confirmation, and for a typed-name signature the matching name. */
export function signatureComplete(values: Pick<ConsentFormValues, "typed_signature" | "signed_by" | "confirmed" | "signature_method">): boolean {
  if (!values.confirmed) return false;
  return values.signature_method !== "typed_name" || signatureMatches(values.typed_signature, values.signed_by);
}

function orNull(text: string): string | null {
  const trimmed = text.trim();
  return trimmed === "" ? null : trimmed;
}

/** The API body: every element, with exactly one of expires_at / expiration_event. */
export function toConsentBody(values: ConsentFormValues): ConsentCreate {
  const body: ConsentCreate = {
    patient_name: values.patient_name.trim(),
    disclosing_party: values.disclosing_party.trim(),
    purpose: values.purpose.trim(),
    information_description: values.information_description.trim(),
    signed_by: values.signed_by.trim(),
    signer_relationship: values.signer_relationship,
    signed_at: localToIso(values.signed_at) ?? "",
    signature_method: values.signature_method,
  };
  if (values.recipient_treatment_center_id) body.recipient_treatment_center_id = values.recipient_treatment_center_id;
  const description = orNull(values.recipient_description);
  if (description) body.recipient_description = description;
  if (values.expiry_kind === "date") {
    // The date as on the paper form: the API ends it at the end of that day in the practice's zone.
    if (values.expires_at && dayjs(values.expires_at).isValid()) body.expires_at = dayjs(values.expires_at).format("YYYY-MM-DD");
  } else if (values.event_choice === "other") {
    const event = orNull(values.expiration_event);
    if (event) body.expiration_event = event;
  } else if (values.event_choice) {
    body.expiration_event = values.event_choice;
  }
  return body;
}

/** Client-side checks that save a round trip; the API stays the authority. */
export function validateConsentForm(values: ConsentFormValues, now: Date = new Date()): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.patient_name.trim()) errors.patient_name = "Enter the patient's full name";
  if (!values.disclosing_party.trim()) errors.disclosing_party = "Name who discloses (your organization)";
  if (!values.recipient_treatment_center_id && !values.recipient_description.trim())
    errors.recipient_treatment_center_id = "Choose the treatment center or describe the recipient";
  if (!values.purpose.trim()) errors.purpose = "Say why the information is disclosed";
  if (!values.information_description.trim()) errors.information_description = "Say what information may be disclosed";
  // Read on the practice's clock, as the API reads it.
  const signedIso = values.signed_at ? zonedInputToIso(values.signed_at) : null;
  const signedAt = signedIso ? dayjs(signedIso) : null;
  if (!signedAt || !signedAt.isValid()) errors.signed_at = "Enter when the consent was signed";
  else if (signedAt.valueOf() > now.getTime() + SIGNATURE_TOLERANCE_MINUTES * 60_000)
    errors.signed_at = "A consent cannot be signed in the future";
  if (values.expiry_kind === "date") {
    if (!values.expires_at) errors.expires_at = "Choose the date the consent expires, or choose “On an event”";
    else if (signedAt?.isValid() && dayjs(values.expires_at).endOf("day").valueOf() <= signedAt.valueOf())
      errors.expires_at = "The consent must expire after it was signed";
  } else if (!values.event_choice) {
    errors.event_choice = "Choose the event that ends the consent, or choose “On a date”";
  } else if (values.event_choice === "other" && !values.expiration_event.trim()) {
    errors.expiration_event = "Describe the event that ends the consent";
  } else if (values.event_choice === "on_discharge" && !values.recipient_treatment_center_id) {
    errors.event_choice = "Discharge ends the consent only when it names the treatment center";
  }
  if (!values.signed_by.trim()) errors.signed_by = "Enter the name of the person who signed";
  if (values.signature_method === "typed_name" && !signatureMatches(values.typed_signature, values.signed_by))
    errors.typed_signature = "The typed signature must match the signer's name";
  if (!values.confirmed) errors.confirmed = "Confirm the signature";
  return errors;
}

export const EXPIRY_WARNING_DAYS = 14;

/** Whole days until the consent expires (0 on its last day), or null without an expiry date. */
export function daysUntilExpiry(consent: Pick<ConsentRead, "expires_at">, now: Date = new Date()): number | null {
  if (!consent.expires_at) return null;
  const ms = new Date(consent.expires_at).getTime() - now.getTime();
  if (Number.isNaN(ms)) return null;
  return Math.max(0, Math.floor(ms / 86_400_000));
}

/** "Expires in N days" for an active consent within the warning window (the API's alert uses 14 days). */
export function expiryWarning(consent: Pick<ConsentRead, "expires_at" | "status">, now: Date = new Date()): string | null {
  if (consent.status !== "active") return null;
  const days = daysUntilExpiry(consent, now);
  if (days === null || days > EXPIRY_WARNING_DAYS) return null;
  if (days === 0) return "Expires today";
  return `Expires in ${days} day${days === 1 ? "" : "s"}`;
}

const STATUS_RANK = { active: 0, expired: 1, revoked: 2 } as const;

/** Active consents first, then the ended ones; newest first within each. */
export function sortConsents(consents: readonly ConsentRead[]): ConsentRead[] {
  return [...consents].sort((a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || b.created_at.localeCompare(a.created_at));
}
