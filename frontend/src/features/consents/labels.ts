import type { ConsentRead, ConsentStatus, TreatmentCenterRead } from "../../api/types";

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
  self: "The client (self)",
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
