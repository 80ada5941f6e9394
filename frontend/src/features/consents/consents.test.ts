import { describe, expect, it } from "vitest";
import type { ConsentRead } from "../../api/types";
import {
  daysUntilExpiry,
  expiryWarning,
  initialConsentValues,
  sortConsents,
  signatureComplete,
  signatureMatches,
  toConsentBody,
  validateConsentForm,
  type ConsentFormValues,
} from "./form";
import { eventText, expiryCause, recipientText } from "./labels";

const NOW = new Date("2026-06-10T12:00:00Z");

function filled(change: Partial<ConsentFormValues> = {}): ConsentFormValues {
  return {
    ...initialConsentValues({ patientName: "Daniel Okafor", organizationName: "Harbor Light" }, NOW),
    recipient_treatment_center_id: "center-1",
    purpose: " Referral for admission ",
    information_description: "History and risk factors",
    expires_at: "2026-12-31",
    typed_signature: "daniel  okafor",
    confirmed: true,
    ...change,
  };
}

describe("signature matching", () => {
  it("ignores case, surrounding and repeated spaces", () => {
    expect(signatureMatches("  daniel   OKAFOR ", "Daniel Okafor")).toBe(true);
  });
  it("needs the same name, not a prefix or another name", () => {
    expect(signatureMatches("Daniel", "Daniel Okafor")).toBe(false);
    expect(signatureMatches("Danielle Okafor", "Daniel Okafor")).toBe(false);
  });
  it("never matches an empty signature, even against an empty signer", () => {
    expect(signatureMatches("   ", "")).toBe(false);
  });
  it("treats composed and decomposed accents alike", () => {
    expect(signatureMatches("Jose\u0301 Núñez", "José Núñez")).toBe(true);
  });
  it("needs both the match and the confirmation for a typed-name signature", () => {
    expect(signatureComplete(filled())).toBe(true);
    expect(signatureComplete(filled({ confirmed: false }))).toBe(false);
    expect(signatureComplete(filled({ typed_signature: "D. Okafor" }))).toBe(false);
  });
  it("follows a change of the signer's name", () => {
    expect(signatureComplete(filled({ signed_by: "Grace Okafor" }))).toBe(false);
    expect(signatureComplete(filled({ signed_by: "Grace Okafor", typed_signature: "grace okafor" }))).toBe(true);
  });
  it("needs only the confirmation when the consent was signed on paper", () => {
    expect(signatureComplete(filled({ signature_method: "wet_signature", typed_signature: "" }))).toBe(true);
    expect(signatureComplete(filled({ signature_method: "wet_signature", confirmed: false }))).toBe(false);
  });
});

describe("consent form → API body", () => {
  it("prefills the patient as the signer and the organization as the disclosing party", () => {
    const values = initialConsentValues({ patientName: "Daniel Okafor", organizationName: "Harbor Light" }, NOW);
    expect(values).toMatchObject({
      patient_name: "Daniel Okafor",
      signed_by: "Daniel Okafor",
      disclosing_party: "Harbor Light",
      signer_relationship: "self",
      signature_method: "typed_name",
      expiry_kind: "date",
      confirmed: false,
    });
  });

  it("sends the expiry date as written (the API ends it at the end of that day in the practice's zone)", () => {
    const body = toConsentBody(filled({ event_choice: "on_discharge", expiration_event: "discharge" }));
    expect(body.expires_at).toBe("2026-12-31");
    expect(body).not.toHaveProperty("expiration_event");
  });

  it("sends a structured event by its code, and no date", () => {
    const body = toConsentBody(filled({ expiry_kind: "event", event_choice: "on_discharge", expiration_event: "ignored" }));
    expect(body.expiration_event).toBe("on_discharge");
    expect(body).not.toHaveProperty("expires_at");
    expect(toConsentBody(filled({ expiry_kind: "event", event_choice: "on_case_closed" })).expiration_event).toBe("on_case_closed");
  });

  it("sends another event as the words typed", () => {
    const body = toConsentBody(
      filled({ expiry_kind: "event", event_choice: "other", expiration_event: "  One year after admission ", expires_at: "2026-12-31" }),
    );
    expect(body.expiration_event).toBe("One year after admission");
    expect(body).not.toHaveProperty("expires_at");
  });

  it("carries every element, trimmed, and never the signature helpers", () => {
    const body = toConsentBody(filled({ recipient_description: " Admissions team " }));
    expect(body).toEqual({
      patient_name: "Daniel Okafor",
      disclosing_party: "Harbor Light",
      recipient_treatment_center_id: "center-1",
      recipient_description: "Admissions team",
      purpose: "Referral for admission",
      information_description: "History and risk factors",
      expires_at: "2026-12-31",
      signed_by: "Daniel Okafor",
      signer_relationship: "self",
      signed_at: new Date(2026, 5, 10, new Date(NOW).getHours(), new Date(NOW).getMinutes()).toISOString(),
      signature_method: "typed_name",
    });
  });

  it("leaves out an empty recipient description", () => {
    expect(toConsentBody(filled({ recipient_description: "  " }))).not.toHaveProperty("recipient_description");
  });
});

describe("consent form validation", () => {
  it("accepts a complete form", () => {
    expect(validateConsentForm(filled(), NOW)).toEqual({});
  });
  it("needs a recipient: a center or a description", () => {
    expect(validateConsentForm(filled({ recipient_treatment_center_id: null }), NOW)).toHaveProperty("recipient_treatment_center_id");
    expect(validateConsentForm(filled({ recipient_treatment_center_id: null, recipient_description: "Dr. Lee" }), NOW)).toEqual({});
  });
  it("needs the chosen kind of expiry, on its own field", () => {
    expect(Object.keys(validateConsentForm(filled({ expires_at: null }), NOW))).toEqual(["expires_at"]);
    expect(Object.keys(validateConsentForm(filled({ expiry_kind: "event" }), NOW))).toEqual(["event_choice"]);
    expect(
      Object.keys(validateConsentForm(filled({ expiry_kind: "event", event_choice: "other", expiration_event: " " }), NOW)),
    ).toEqual(["expiration_event"]);
    expect(validateConsentForm(filled({ expiry_kind: "event", event_choice: "on_referral_closed" }), NOW)).toEqual({});
  });
  it("needs the recipient center for an end on discharge from it", () => {
    const values = filled({ expiry_kind: "event", event_choice: "on_discharge", recipient_treatment_center_id: null, recipient_description: "Dr. Lee" });
    expect(Object.keys(validateConsentForm(values, NOW))).toEqual(["event_choice"]);
  });
  it("refuses an expiry before the signature and a signature in the future", () => {
    expect(validateConsentForm(filled({ expires_at: "2026-06-01" }), NOW)).toHaveProperty("expires_at");
    const future = new Date(NOW.getTime() + 60 * 60_000);
    const local = `${future.getFullYear()}-${String(future.getMonth() + 1).padStart(2, "0")}-${String(future.getDate()).padStart(2, "0")} ${String(future.getHours()).padStart(2, "0")}:${String(future.getMinutes()).padStart(2, "0")}:00`;
    expect(validateConsentForm(filled({ signed_at: local }), NOW)).toHaveProperty("signed_at");
  });
  it("flags a typed signature that does not match and a missing confirmation", () => {
    const errors = validateConsentForm(filled({ typed_signature: "someone else", confirmed: false }), NOW);
    expect(errors).toHaveProperty("typed_signature");
    expect(errors).toHaveProperty("confirmed");
  });
});

describe("expiry warnings", () => {
  const consent = (expires_at: string | null, status: ConsentRead["status"] = "active") => ({ expires_at, status });
  it("counts whole days left", () => {
    expect(daysUntilExpiry(consent("2026-06-13T12:00:00Z"), NOW)).toBe(3);
    expect(daysUntilExpiry(consent(null), NOW)).toBeNull();
  });
  it("warns within 14 days of expiry, not before", () => {
    expect(expiryWarning(consent("2026-06-24T11:00:00Z"), NOW)).toBe("Expires in 13 days");
    expect(expiryWarning(consent("2026-06-11T13:00:00Z"), NOW)).toBe("Expires in 1 day");
    expect(expiryWarning(consent("2026-06-10T20:00:00Z"), NOW)).toBe("Expires today");
    expect(expiryWarning(consent("2026-07-10T12:00:00Z"), NOW)).toBeNull();
  });
  it("does not warn about consents that already ended or end on an event", () => {
    expect(expiryWarning(consent("2026-06-12T12:00:00Z", "revoked"), NOW)).toBeNull();
    expect(expiryWarning(consent(null), NOW)).toBeNull();
  });
});

describe("consent ends", () => {
  it("names the events in words and keeps free text as written", () => {
    expect(eventText("on_discharge", "Riverbend Recovery")).toBe("discharge from Riverbend Recovery");
    expect(eventText("on_case_closed")).toBe("closing of the case");
    expect(eventText("on_referral_closed")).toBe("the end of a referral under this consent");
    expect(eventText("One year after admission")).toBe("One year after admission");
    expect(eventText(null)).toBe("—");
  });
  it("says what ended an expired consent", () => {
    expect(expiryCause({ expired_by: "on_discharge", expiry_note: "Discharged from Riverbend Recovery (referral)." })).toBe(
      "Discharged from Riverbend Recovery (referral).",
    );
    expect(expiryCause({ expired_by: "date", expiry_note: null })).toBe("Its expiry date passed.");
    expect(expiryCause({ expired_by: null, expiry_note: null })).toBeNull();
  });
});

describe("consent list", () => {
  const base = { recipient_treatment_center_id: null, recipient_description: null };
  it("names the recipient by the directory, the description, or both", () => {
    const centers = [{ id: "c1", name: "Riverbend Recovery" }];
    expect(recipientText({ ...base, recipient_treatment_center_id: "c1" }, centers)).toBe("Riverbend Recovery");
    expect(recipientText({ ...base, recipient_description: "Dr. Lee" }, centers)).toBe("Dr. Lee");
    expect(recipientText({ recipient_treatment_center_id: "c1", recipient_description: "Admissions" }, centers)).toBe(
      "Riverbend Recovery — Admissions",
    );
  });
  it("lists active consents first, newest first within a status", () => {
    const c = (id: string, status: ConsentRead["status"], created_at: string) => ({ id, status, created_at }) as ConsentRead;
    const sorted = sortConsents([
      c("old-active", "active", "2026-01-01T00:00:00Z"),
      c("revoked", "revoked", "2026-05-01T00:00:00Z"),
      c("new-active", "active", "2026-04-01T00:00:00Z"),
      c("expired", "expired", "2026-03-01T00:00:00Z"),
    ]);
    expect(sorted.map((x) => x.id)).toEqual(["new-active", "old-active", "expired", "revoked"]);
  });
});
