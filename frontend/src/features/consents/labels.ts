import type { ConsentRead, ConsentStatus, ExpirationEvent, TreatmentCenterRead } from "../../api/types";

type SignerRelationship = ConsentRead["signer_relationship"];
type SignatureMethod = ConsentRead["signature_method"];

export const CONSENT_STATUS_LABEL: Record<ConsentStatus, string> = {
  active: "Active",
  revoked: "Revoked",
  expired: "Expired",
};

// Shades that keep 4.5:1 contrast on the light badge variant.
export const CONSENT_STATUS_COLOR: Record<ConsentStatus, string> = {
  active: "teal",
  revoked: "red",
  expired: "gray",
};

export const SIGNER_RELATIONSHIP_LABEL: Record<SignerRelationship, string> = {
  self: "The client themselves",
  guardian: "Legal guardian",
  authorized_representative: "Authorized representative",
};

export const SIGNATURE_METHOD_LABEL: Record<SignatureMethod, string> = {
  typed_name: "Typed name (e-signature)",
  wet_signature: "Signed on paper",
  electronic_signature: "Electronic signature (another system)",
};

/** Who receives the disclosure: the directory's center, a description, or both. */
export function recipientText(
  consent: Pick<ConsentRead, "recipient_treatment_center_id" | "recipient_description">,
  centers: readonly Pick<TreatmentCenterRead, "id" | "name">[] | undefined,
): string {
  const center = consent.recipient_treatment_center_id
    ? centers?.find((c) => c.id === consent.recipient_treatment_center_id)?.name ?? "A treatment center of the directory"
    : null;
  const description = consent.recipient_description?.trim() || null;
  if (center && description) return `${center} — ${description}`;
  return center ?? description ?? "Not named";
}

/** The events Cairn evaluates itself, as the form offers them. */
export const EXPIRATION_EVENT_LABEL: Record<ExpirationEvent, string> = {
  on_discharge: "Discharge from the recipient treatment center",
  on_referral_closed: "End of a referral under this consent (discharged, declined, or cancelled once sent)",
  on_case_closed: "Closing of this case",
};

function isStructured(event: string): event is ExpirationEvent {
  return Object.prototype.hasOwnProperty.call(EXPIRATION_EVENT_LABEL, event);
}

/** The event that ends a consent, in words: "discharge from Riverbend Recovery", or the free text as written. */
export function eventText(event: string | null | undefined, centerName?: string | null): string {
  if (!event) return "—";
  if (!isStructured(event)) return event;
  if (event === "on_discharge") return `discharge from ${centerName ?? "the recipient treatment center"}`;
  if (event === "on_case_closed") return "closing of the case";
  return "the end of a referral under this consent";
}

/** What ended an expired consent: "Discharged from Riverbend Recovery (referral)." or "Its date passed." */
export function expiryCause(consent: Pick<ConsentRead, "expired_by" | "expiry_note">): string | null {
  if (!consent.expired_by) return null;
  if (consent.expired_by === "date") return "Its expiry date passed.";
  return consent.expiry_note ?? eventText(consent.expired_by);
}
