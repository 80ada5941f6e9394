// Values of the participant form, and their translation to API bodies.
import type {
  ParticipantCreate,
  ParticipantRead,
  ParticipantRole,
  ParticipantUpdate,
  Readiness,
  Relationship,
} from "../../api/types";
import { displayPhone } from "../../lib/phone";

export interface ParticipantFormValues {
  full_name: string;
  relationship: Relationship | null;
  role: ParticipantRole;
  readiness: Readiness;
  email: string;
  phone: string;
  bottom_line: string;
  notes: string;
}

export const PARTICIPANT_FORM_FIELDS = [
  "full_name",
  "relationship",
  "role",
  "readiness",
  "email",
  "phone",
  "bottom_line",
  "notes",
] as const;

export const EMPTY_PARTICIPANT_FORM: ParticipantFormValues = {
  full_name: "",
  relationship: null,
  role: "speaker",
  readiness: "not_contacted",
  email: "",
  phone: "",
  bottom_line: "",
  notes: "",
};

export function participantToFormValues(p: ParticipantRead): ParticipantFormValues {
  return {
    full_name: p.full_name,
    relationship: p.relationship,
    role: p.role,
    readiness: p.readiness,
    email: p.email ?? "",
    phone: p.phone ? displayPhone(p.phone, p.phone_extension) : "",
    bottom_line: p.bottom_line ?? "",
    notes: p.notes ?? "",
  };
}

const blankToNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

export function toCreateBody(values: ParticipantFormValues): ParticipantCreate {
  const body: ParticipantCreate = {
    full_name: values.full_name.trim(),
    // validateParticipantForm makes sure a relationship is chosen before this runs.
    relationship: values.relationship as Relationship,
    role: values.role,
    readiness: values.readiness,
  };
  if (blankToNull(values.email)) body.email = values.email.trim();
  if (blankToNull(values.phone)) body.phone = values.phone.trim();
  if (blankToNull(values.bottom_line)) body.bottom_line = values.bottom_line.trim();
  if (blankToNull(values.notes)) body.notes = values.notes.trim();
  return body;
}

/** Only what changed, so a PATCH never overwrites what the user did not touch. */
export function toUpdateBody(initial: ParticipantFormValues, values: ParticipantFormValues): ParticipantUpdate {
  const body: ParticipantUpdate = {};
  if (values.full_name.trim() !== initial.full_name) body.full_name = values.full_name.trim();
  if (values.relationship && values.relationship !== initial.relationship) body.relationship = values.relationship;
  if (values.role !== initial.role) body.role = values.role;
  if (values.readiness !== initial.readiness) body.readiness = values.readiness;
  for (const field of ["email", "phone", "bottom_line", "notes"] as const) {
    if (values[field].trim() !== initial[field].trim()) body[field] = blankToNull(values[field]);
  }
  return body;
}

export function validateParticipantForm(values: ParticipantFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.full_name.trim()) errors.full_name = "Enter the participant's name";
  if (!values.relationship) errors.relationship = "Choose how they are related to the client";
  const email = values.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = "Enter a valid email address";
  return errors;
}

/** Words in a letter, as a writer would count them. */
export function wordCount(text: string): number {
  const words = text.trim().match(/\S+/g);
  return words ? words.length : 0;
}
