// The listing fields treatment centers and resources share (DESIGN §4 Interoperability):
// form values, their translation to API bodies, and what can be checked before asking.
import type { Gender, OpioidMedication, Payment } from "../../api/types";
import { displayPhone } from "../../lib/phone";

export interface ListingRead {
  latitude: number | null;
  longitude: number | null;
  intake_phone: string | null;
  intake_phone_extension: string | null;
  hotline_phone: string | null;
  hotline_phone_extension: string | null;
  payment_accepted: Payment[];
  accreditation: string[];
  opioid_medications: OpioidMedication[];
  telehealth: boolean | null;
  languages: string[];
  populations: string[];
  genders_accepted: Gender[];
  external_source: string | null;
  external_id: string | null;
  distance_km?: number | null;
}

export interface ListingFormValues {
  latitude: string;
  longitude: string;
  intake_phone: string;
  hotline_phone: string;
  payment_accepted: Payment[];
  accreditation: string[];
  opioid_medications: OpioidMedication[];
  /** "" unknown, "yes", "no". */
  telehealth: "" | "yes" | "no";
  genders_accepted: Gender[];
}

export const LISTING_FORM_FIELDS = [
  "latitude",
  "longitude",
  "intake_phone",
  "intake_phone_extension",
  "hotline_phone",
  "hotline_phone_extension",
  "payment_accepted",
  "accreditation",
  "opioid_medications",
  "telehealth",
  "genders_accepted",
] as const;

export const EMPTY_LISTING: ListingFormValues = {
  latitude: "",
  longitude: "",
  intake_phone: "",
  hotline_phone: "",
  payment_accepted: [],
  accreditation: [],
  opioid_medications: [],
  telehealth: "",
  genders_accepted: [],
};

export function listingToFormValues(read: ListingRead): ListingFormValues {
  return {
    latitude: read.latitude === null ? "" : String(read.latitude),
    longitude: read.longitude === null ? "" : String(read.longitude),
    intake_phone: read.intake_phone ? displayPhone(read.intake_phone, read.intake_phone_extension) : "",
    hotline_phone: read.hotline_phone ? displayPhone(read.hotline_phone, read.hotline_phone_extension) : "",
    payment_accepted: [...read.payment_accepted],
    accreditation: [...read.accreditation],
    opioid_medications: [...read.opioid_medications],
    telehealth: read.telehealth === null ? "" : read.telehealth ? "yes" : "no",
    genders_accepted: [...read.genders_accepted],
  };
}

function coordinate(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

const telehealthOf = (value: ListingFormValues["telehealth"]): boolean | null =>
  value === "" ? null : value === "yes";

const phoneOf = (value: string): string | null => (value.trim() === "" ? null : value.trim());

const labels = (values: readonly string[]): string[] => {
  const seen = new Set<string>();
  return values
    .map((v) => v.trim())
    .filter((v) => v && !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
};

/** The listing part of a create body: only what is filled in. */
export function listingCreateFields(values: ListingFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const lat = coordinate(values.latitude);
  const lon = coordinate(values.longitude);
  if (lat !== null && lon !== null) Object.assign(body, { latitude: lat, longitude: lon });
  if (phoneOf(values.intake_phone)) body.intake_phone = phoneOf(values.intake_phone);
  if (phoneOf(values.hotline_phone)) body.hotline_phone = phoneOf(values.hotline_phone);
  if (values.payment_accepted.length) body.payment_accepted = [...values.payment_accepted];
  if (values.accreditation.length) body.accreditation = labels(values.accreditation);
  if (values.opioid_medications.length) body.opioid_medications = [...values.opioid_medications];
  if (values.telehealth !== "") body.telehealth = telehealthOf(values.telehealth);
  if (values.genders_accepted.length) body.genders_accepted = [...values.genders_accepted];
  return body;
}

/** The listing part of a PATCH body: only what changed. */
export function listingUpdateFields(initial: ListingFormValues, values: ListingFormValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const lat = coordinate(values.latitude);
  const lon = coordinate(values.longitude);
  if (lat !== coordinate(initial.latitude) || lon !== coordinate(initial.longitude)) {
    Object.assign(body, { latitude: lat, longitude: lon });
  }
  for (const field of ["intake_phone", "hotline_phone"] as const) {
    if (values[field].trim() !== initial[field].trim()) body[field] = phoneOf(values[field]);
  }
  for (const field of ["payment_accepted", "opioid_medications", "genders_accepted"] as const) {
    if (JSON.stringify(values[field]) !== JSON.stringify(initial[field])) body[field] = [...values[field]];
  }
  if (JSON.stringify(labels(values.accreditation)) !== JSON.stringify(initial.accreditation)) {
    body.accreditation = labels(values.accreditation);
  }
  if (values.telehealth !== initial.telehealth) body.telehealth = telehealthOf(values.telehealth);
  return body;
}

/** Coordinates come together and within range; the API checks everything again. */
export function validateListing(values: ListingFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  const latText = values.latitude.trim();
  const lonText = values.longitude.trim();
  const lat = coordinate(values.latitude);
  const lon = coordinate(values.longitude);
  if (latText && (lat === null || lat < -90 || lat > 90)) errors.latitude = "Enter a latitude from -90 to 90";
  if (lonText && (lon === null || lon < -180 || lon > 180)) errors.longitude = "Enter a longitude from -180 to 180";
  if (latText && !lonText) errors.longitude = "Enter the longitude too";
  if (lonText && !latText) errors.latitude = "Enter the latitude too";
  return errors;
}

/** `near=` text from what a person types: "45.52, -122.68" → "45.52,-122.68"; null if not a place. */
export function parseNear(text: string): string | null {
  const match = /^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$/.exec(text);
  if (!match) return null;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  return `${match[1]},${match[2]}`;
}

/** A listing with nothing recorded (what an entry typed by hand starts as). */
export const NO_LISTING_READ: Required<ListingRead> = {
  latitude: null,
  longitude: null,
  intake_phone: null,
  intake_phone_extension: null,
  hotline_phone: null,
  hotline_phone_extension: null,
  payment_accepted: [],
  accreditation: [],
  opioid_medications: [],
  telehealth: null,
  languages: [],
  populations: [],
  genders_accepted: [],
  external_source: null,
  external_id: null,
  distance_km: null,
};
