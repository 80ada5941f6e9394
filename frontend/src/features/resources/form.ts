// Values of the resource form, and their translation to API bodies.
import type {
  DayOfWeek,
  ResourceAudience,
  ResourceCost,
  ResourceCreate,
  ResourceFormat,
  ResourceKind,
  ResourceRead,
  ResourceUpdate,
} from "../../api/types";
import { displayPhone } from "../../lib/phone";
import { normalizeWebsite } from "../centers/form";
import {
  EMPTY_LISTING,
  LISTING_FORM_FIELDS,
  listingCreateFields,
  listingToFormValues,
  listingUpdateFields,
  validateListing,
  type ListingFormValues,
} from "../directory/listing";

export interface MeetingValues {
  day_of_week: DayOfWeek | "";
  start_time: string;
  end_time: string;
}

export interface ResourceFormValues extends ListingFormValues {
  populations: string[];
  name: string;
  kind: ResourceKind | "";
  audience: ResourceAudience | "";
  fellowship: string;
  description: string;
  format: ResourceFormat | "";
  address_line: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
  online_url: string;
  phone: string;
  email: string;
  website: string;
  time_zone: string;
  meetings: MeetingValues[];
  schedule_note: string;
  languages: string[];
  cost: ResourceCost | "";
  is_active: boolean;
}

/** Every field the API may name in a 422, for mapping errors onto inputs. */
export const RESOURCE_FORM_FIELDS = [
  "name",
  "kind",
  "audience",
  "fellowship",
  "description",
  "format",
  "address_line",
  "city",
  "region",
  "postal_code",
  "country",
  "online_url",
  "phone",
  "email",
  "website",
  "time_zone",
  "meetings",
  "schedule_note",
  "languages",
  "cost",
  "is_active",
  "populations",
  ...LISTING_FORM_FIELDS,
] as const;

const TEXT_FIELDS = [
  "fellowship",
  "description",
  "address_line",
  "city",
  "region",
  "postal_code",
  "phone",
  "email",
  "schedule_note",
] as const;

export function emptyResourceForm(timeZone: string): ResourceFormValues {
  return {
    ...EMPTY_LISTING,
    populations: [],
    name: "",
    kind: "",
    audience: "",
    fellowship: "",
    description: "",
    format: "",
    address_line: "",
    city: "",
    region: "",
    postal_code: "",
    country: "",
    online_url: "",
    phone: "",
    email: "",
    website: "",
    time_zone: timeZone,
    meetings: [],
    schedule_note: "",
    languages: [],
    cost: "",
    is_active: true,
  };
}

export function resourceToFormValues(resource: ResourceRead): ResourceFormValues {
  return {
    ...listingToFormValues(resource),
    populations: [...resource.populations],
    name: resource.name,
    kind: resource.kind,
    audience: resource.audience,
    fellowship: resource.fellowship ?? "",
    description: resource.description ?? "",
    format: resource.format,
    address_line: resource.address_line ?? "",
    city: resource.city ?? "",
    region: resource.region ?? "",
    postal_code: resource.postal_code ?? "",
    country: resource.country ?? "",
    online_url: resource.online_url ?? "",
    phone: resource.phone ? displayPhone(resource.phone, resource.phone_extension) : "",
    email: resource.email ?? "",
    website: resource.website ?? "",
    time_zone: resource.time_zone,
    meetings: resource.meetings.map((m) => ({ ...m })),
    schedule_note: resource.schedule_note ?? "",
    languages: [...resource.languages],
    cost: resource.cost ?? "",
    is_active: resource.is_active,
  };
}

const blankToNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());

function meetingsOf(values: ResourceFormValues): ResourceCreate["meetings"] {
  return values.meetings
    .filter((m) => m.day_of_week && m.start_time && m.end_time)
    .map((m) => ({ day_of_week: m.day_of_week as DayOfWeek, start_time: m.start_time.slice(0, 5), end_time: m.end_time.slice(0, 5) }));
}

function languagesOf(values: ResourceFormValues): string[] {
  return [...new Set(values.languages.map((l) => l.trim().toLowerCase()).filter(Boolean))];
}

export function toCreateBody(values: ResourceFormValues): ResourceCreate {
  const body: ResourceCreate = {
    name: values.name.trim(),
    kind: values.kind as ResourceKind,
    audience: values.audience as ResourceAudience,
    format: values.format as ResourceFormat,
    meetings: meetingsOf(values),
    languages: languagesOf(values),
    is_active: values.is_active,
  };
  for (const field of TEXT_FIELDS) {
    const value = blankToNull(values[field]);
    if (value !== null) body[field] = value;
  }
  const country = blankToNull(values.country)?.toUpperCase();
  if (country) body.country = country;
  const website = normalizeWebsite(values.website);
  if (website) body.website = website;
  const online = normalizeWebsite(values.online_url);
  if (online) body.online_url = online;
  if (values.time_zone.trim()) body.time_zone = values.time_zone.trim();
  if (values.cost) body.cost = values.cost;
  const populations = [...new Set(values.populations.map((p) => p.trim()).filter(Boolean))];
  if (populations.length) body.populations = populations;
  return { ...body, ...listingCreateFields(values) };
}

/** Only what changed, so saving never overwrites what this editor did not touch. */
export function toUpdateBody(initial: ResourceFormValues, values: ResourceFormValues): ResourceUpdate {
  const body: ResourceUpdate = {};
  const next = toCreateBody(values);
  const before = toCreateBody(initial);
  for (const field of ["name", "kind", "audience", "format", "time_zone", "is_active"] as const) {
    if (next[field] !== before[field]) (body as Record<string, unknown>)[field] = next[field];
  }
  for (const field of [...TEXT_FIELDS, "country", "website", "online_url", "cost"] as const) {
    if ((next[field] ?? null) !== (before[field] ?? null)) (body as Record<string, unknown>)[field] = next[field] ?? null;
  }
  if (JSON.stringify(next.meetings) !== JSON.stringify(before.meetings)) body.meetings = next.meetings ?? [];
  if (JSON.stringify(next.languages) !== JSON.stringify(before.languages)) body.languages = next.languages ?? [];
  if (JSON.stringify(next.populations ?? []) !== JSON.stringify(before.populations ?? [])) {
    body.populations = next.populations ?? [];
  }
  return { ...body, ...listingUpdateFields(initial, values) };
}

function isWebAddress(value: string): boolean {
  const url = normalizeWebsite(value);
  if (!url) return true;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === "http:" || parsed.protocol === "https:") && parsed.hostname.includes(".");
  } catch {
    return false;
  }
}

/** What can be checked before asking the API (which checks everything again). */
export function validateResourceForm(values: ResourceFormValues): Record<string, string> {
  const errors: Record<string, string> = validateListing(values);
  if (!values.name.trim()) errors.name = "Enter the resource's name";
  if (!values.kind) errors.kind = "Choose what kind of resource this is";
  if (!values.audience) errors.audience = "Choose who it is for";
  if (!values.format) errors.format = "Choose how people take part";
  const country = values.country.trim();
  if (country && !/^[A-Za-z]{2}$/.test(country)) errors.country = "Use the two-letter country code, e.g. US";
  if (!isWebAddress(values.website)) errors.website = "Enter a web address, e.g. https://example.org";
  if (!isWebAddress(values.online_url)) errors.online_url = "Enter the meeting link, e.g. https://meet.example.org/group";
  const email = values.email.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = "Enter an e-mail address, e.g. name@example.org";
  const phone = values.phone.trim();
  if (phone) {
    const digits = phone.replace(/(?:ext\.?|extn|extension|x|#|,).*$/i, "").replace(/\D/g, "").length;
    if (digits < 7 || digits > 15) errors.phone = "Enter a phone number of 7 to 15 digits, e.g. (555) 555-0142 ext. 12";
  }
  values.meetings.forEach((meeting, index) => {
    if (!meeting.day_of_week) errors[`meetings.${index}.day_of_week`] = "Choose the day";
    if (!meeting.start_time) errors[`meetings.${index}.start_time`] = "Enter the start";
    if (!meeting.end_time) errors[`meetings.${index}.end_time`] = "Enter the end";
    else if (meeting.start_time && meeting.end_time.slice(0, 5) <= meeting.start_time.slice(0, 5)) {
      errors[`meetings.${index}.end_time`] = "Ends after it starts";
    }
  });
  for (const tag of values.languages) {
    if (!/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(tag.trim().toLowerCase())) {
      errors.languages = `Use language codes such as en or es (not "${tag}")`;
      break;
    }
  }
  return errors;
}
