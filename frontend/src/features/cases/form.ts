// Values of the case form, and their translation to API bodies.
import type { CaseCreate, CaseRead, CaseUpdate, InterventionModel, RiskFlag } from "../../api/types";
import { displayPhone } from "../../lib/phone";

export interface CaseFormValues {
  client: {
    first_name: string;
    last_name: string;
    preferred_name: string;
    date_of_birth: string | null;
    email: string;
    phone: string;
  };
  primary_substance: string;
  substances: string[];
  risk_flags: RiskFlag[];
  intervention_model: InterventionModel | null;
  summary: string;
  /** The client's own IANA zone; null follows the practice's. */
  time_zone: string | null;
}

/** Every path the form can show an error on (for 422 mapping). */
export const CASE_FORM_FIELDS = [
  "client",
  "client.first_name",
  "client.last_name",
  "client.preferred_name",
  "client.date_of_birth",
  "client.email",
  "client.phone",
  "primary_substance",
  "substances",
  "risk_flags",
  "intervention_model",
  "summary",
  "time_zone",
] as const;

export const EMPTY_CASE_FORM: CaseFormValues = {
  client: { first_name: "", last_name: "", preferred_name: "", date_of_birth: null, email: "", phone: "" },
  primary_substance: "",
  substances: [],
  risk_flags: [],
  intervention_model: null,
  summary: "",
  time_zone: null,
};

export function caseToFormValues(c: CaseRead): CaseFormValues {
  return {
    client: {
      first_name: c.client.first_name,
      last_name: c.client.last_name,
      preferred_name: c.client.preferred_name ?? "",
      date_of_birth: c.client.date_of_birth ?? null,
      email: c.client.email ?? "",
      phone: c.client.phone ? displayPhone(c.client.phone, c.client.phone_extension) : "",
    },
    primary_substance: c.primary_substance ?? "",
    substances: [...c.substances],
    risk_flags: [...c.risk_flags],
    intervention_model: c.intervention_model ?? null,
    summary: c.summary ?? "",
    time_zone: c.time_zone ?? null,
  };
}

const blankToNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

export function toCreateBody(values: CaseFormValues): CaseCreate {
  const c = values.client;
  const client: CaseCreate["client"] = { first_name: c.first_name.trim(), last_name: c.last_name.trim() };
  if (blankToNull(c.preferred_name)) client.preferred_name = c.preferred_name.trim();
  if (c.date_of_birth) client.date_of_birth = c.date_of_birth;
  if (blankToNull(c.email)) client.email = c.email.trim();
  if (blankToNull(c.phone)) client.phone = c.phone.trim();
  const body: CaseCreate = { client, substances: values.substances, risk_flags: values.risk_flags };
  if (blankToNull(values.primary_substance)) body.primary_substance = values.primary_substance.trim();
  if (values.intervention_model) body.intervention_model = values.intervention_model;
  if (blankToNull(values.summary)) body.summary = values.summary.trim();
  if (values.time_zone) body.time_zone = values.time_zone;
  return body;
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, i) => value === b[i]);

/** Only what changed, so a PATCH never overwrites fields the user did not touch. */
export function toUpdateBody(initial: CaseFormValues, values: CaseFormValues): CaseUpdate {
  const body: CaseUpdate = {};
  const client: NonNullable<CaseUpdate["client"]> = {};
  const ci = initial.client;
  const cv = values.client;
  if (cv.first_name.trim() !== ci.first_name) client.first_name = cv.first_name.trim();
  if (cv.last_name.trim() !== ci.last_name) client.last_name = cv.last_name.trim();
  if (cv.preferred_name.trim() !== ci.preferred_name) client.preferred_name = blankToNull(cv.preferred_name);
  if (cv.date_of_birth !== ci.date_of_birth) client.date_of_birth = cv.date_of_birth || null;
  if (cv.email.trim() !== ci.email) client.email = blankToNull(cv.email);
  if (cv.phone.trim() !== ci.phone) client.phone = blankToNull(cv.phone);
  if (Object.keys(client).length) body.client = client;
  if (values.primary_substance.trim() !== initial.primary_substance)
    body.primary_substance = blankToNull(values.primary_substance);
  if (!sameList(values.substances, initial.substances)) body.substances = values.substances;
  if (!sameList(values.risk_flags, initial.risk_flags)) body.risk_flags = values.risk_flags;
  if (values.intervention_model !== initial.intervention_model) body.intervention_model = values.intervention_model;
  if (values.summary.trim() !== initial.summary) body.summary = blankToNull(values.summary);
  if ((values.time_zone ?? null) !== (initial.time_zone ?? null)) body.time_zone = values.time_zone ?? null;
  return body;
}

/** Client-side checks that save a round trip; the API stays the authority. */
export function validateCaseForm(values: CaseFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.client.first_name.trim()) errors["client.first_name"] = "Enter the client's first name";
  if (!values.client.last_name.trim()) errors["client.last_name"] = "Enter the client's last name";
  const email = values.client.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors["client.email"] = "Enter a valid email address";
  return errors;
}
