// Values of the treatment-center form, and their translation to API bodies.
import type {
  CareService,
  LevelOfCare,
  TreatmentCenterCreate,
  TreatmentCenterRead,
  TreatmentCenterUpdate,
} from "../../api/types";
import { displayPhone } from "../../lib/phone";
import {
  EMPTY_LISTING,
  LISTING_FORM_FIELDS,
  listingCreateFields,
  listingToFormValues,
  listingUpdateFields,
  validateListing,
  type ListingFormValues,
} from "../directory/listing";

export interface CenterFormValues extends ListingFormValues {
  name: string;
  languages: string[];
  levels_of_care: LevelOfCare[];
  services: CareService[];
  populations: string[];
  insurance_accepted: string[];
  address_line: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  phone: string;
  website: string;
  /** Empty when the count is unknown (Mantine's NumberInput gives "" then). */
  beds_available: number | string;
}

/** Every field the API may name in a 422, for mapping errors onto inputs. */
export const CENTER_FORM_FIELDS = [
  "name",
  "levels_of_care",
  "services",
  "populations",
  "insurance_accepted",
  "address_line",
  "city",
  "region",
  "postal_code",
  "country",
  "phone",
  "website",
  "beds_available",
  "languages",
  ...LISTING_FORM_FIELDS,
] as const;

const TEXT_FIELDS = ["address_line", "city", "region", "postal_code", "phone"] as const;
const LIST_FIELDS = ["levels_of_care", "services", "populations", "insurance_accepted"] as const;

export const EMPTY_CENTER_FORM: CenterFormValues = {
  ...EMPTY_LISTING,
  languages: [],
  name: "",
  levels_of_care: [],
  services: [],
  populations: [],
  insurance_accepted: [],
  address_line: "",
  city: "",
  region: "",
  postal_code: "",
  country: "",
  phone: "",
  website: "",
  beds_available: "",
};

export function centerToFormValues(center: TreatmentCenterRead): CenterFormValues {
  return {
    ...listingToFormValues(center),
    languages: [...center.languages],
    name: center.name,
    levels_of_care: [...center.levels_of_care],
    services: [...center.services],
    populations: [...center.populations],
    insurance_accepted: [...center.insurance_accepted],
    address_line: center.address_line ?? "",
    city: center.city ?? "",
    region: center.region ?? "",
    postal_code: center.postal_code ?? "",
    country: center.country ?? "",
    phone: center.phone ? displayPhone(center.phone, center.phone_extension) : "",
    website: center.website ?? "",
    beds_available: center.beds_available ?? "",
  };
}

const blankToNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

/** People type "www.example.org"; the API wants a full URL. */
export function normalizeWebsite(value: string): string | null {
  const trimmed = value.trim();
  if (!trimmed) return null;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
}

function normalizeCountry(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed.toUpperCase() : null;
}

/** null for "unknown"; otherwise the number typed (the form validates it is whole). */
export function bedsOf(value: number | string): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  const parsed = Number(trimmed);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Labels as typed, trimmed, blanks and repeats dropped. */
function cleanLabels(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of values) {
    const value = raw.trim();
    if (value && !seen.has(value.toLowerCase())) {
      seen.add(value.toLowerCase());
      out.push(value);
    }
  }
  return out;
}

export function toCreateBody(values: CenterFormValues): TreatmentCenterCreate {
  const body: TreatmentCenterCreate = {
    name: values.name.trim(),
    levels_of_care: [...values.levels_of_care],
    services: [...values.services],
    populations: cleanLabels(values.populations),
    insurance_accepted: cleanLabels(values.insurance_accepted),
  };
  for (const field of TEXT_FIELDS) {
    const value = blankToNull(values[field]);
    if (value !== null) body[field] = value;
  }
  const country = normalizeCountry(values.country);
  if (country) body.country = country;
  const website = normalizeWebsite(values.website);
  if (website) body.website = website;
  const beds = bedsOf(values.beds_available);
  if (beds !== null) body.beds_available = beds;
  const languages = cleanLabels(values.languages).map((l) => l.toLowerCase());
  if (languages.length) body.languages = languages;
  return { ...body, ...listingCreateFields(values) };
}

/** Only what changed, so saving never overwrites what this admin did not touch. */
export function toUpdateBody(initial: CenterFormValues, values: CenterFormValues): TreatmentCenterUpdate {
  const body: TreatmentCenterUpdate = {};
  if (values.name.trim() !== initial.name.trim()) body.name = values.name.trim();
  for (const field of LIST_FIELDS) {
    const next = field === "populations" || field === "insurance_accepted" ? cleanLabels(values[field]) : values[field];
    if (JSON.stringify(next) !== JSON.stringify(initial[field])) {
      (body as Record<string, unknown>)[field] = [...next];
    }
  }
  for (const field of TEXT_FIELDS) {
    if (values[field].trim() !== initial[field].trim()) body[field] = blankToNull(values[field]);
  }
  if (normalizeCountry(values.country) !== normalizeCountry(initial.country)) body.country = normalizeCountry(values.country);
  if (normalizeWebsite(values.website) !== normalizeWebsite(initial.website)) body.website = normalizeWebsite(values.website);
  if (bedsOf(values.beds_available) !== bedsOf(initial.beds_available)) body.beds_available = bedsOf(values.beds_available);
  const languages = cleanLabels(values.languages).map((l) => l.toLowerCase());
  if (JSON.stringify(languages) !== JSON.stringify(initial.languages)) body.languages = languages;
  return { ...body, ...listingUpdateFields(initial, values) };
}

/** What can be checked before asking the API (which checks everything again). */
export function validateCenterForm(values: CenterFormValues): Record<string, string> {
  const errors: Record<string, string> = validateListing(values);
  if (!values.name.trim()) errors.name = "Enter the center's name";
  const country = values.country.trim();
  if (country && !/^[A-Za-z]{2}$/.test(country)) errors.country = "Use the two-letter country code, e.g. US";
  const website = normalizeWebsite(values.website);
  if (website) {
    let ok = false;
    try {
      const url = new URL(website);
      ok = (url.protocol === "http:" || url.protocol === "https:") && url.hostname.includes(".");
    } catch {
      ok = false;
    }
    if (!ok) errors.website = "Enter a web address, e.g. https://example.org";
  }
  const beds = bedsOf(values.beds_available);
  if (String(values.beds_available).trim() !== "" && beds === null) errors.beds_available = "Enter a number of beds";
  else if (beds !== null && (!Number.isInteger(beds) || beds < 0 || beds > 10_000)) {
    errors.beds_available = "Enter a whole number from 0 to 10,000, or leave empty if unknown";
  }
  return errors;
}
