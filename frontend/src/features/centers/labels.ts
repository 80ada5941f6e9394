import type { CareService, Gender, OpioidMedication, Payment, TreatmentCenterRead } from "../../api/types";
import { formatRelative } from "../../lib/format";

export const SERVICES: readonly CareService[] = [
  "detox",
  "dual_diagnosis",
  "family_program",
  "residential",
  "outpatient",
  "sober_living",
  "trauma",
  "adolescent",
  "other",
];

export const SERVICE_LABEL: Record<CareService, string> = {
  detox: "Detox",
  dual_diagnosis: "Dual diagnosis",
  family_program: "Family program",
  residential: "Residential",
  outpatient: "Outpatient",
  sober_living: "Sober living",
  trauma: "Trauma care",
  adolescent: "Adolescents",
  other: "Other",
};

export const PAYMENTS: readonly Payment[] = [
  "medicaid",
  "medicare",
  "private_insurance",
  "sliding_scale",
  "free",
  "self_pay",
  "military_insurance",
  "state_financed",
];

export const PAYMENT_LABEL: Record<Payment, string> = {
  medicaid: "Medicaid",
  medicare: "Medicare",
  private_insurance: "Private insurance",
  sliding_scale: "Sliding scale",
  free: "Free",
  self_pay: "Self-pay",
  military_insurance: "Military insurance (TRICARE)",
  state_financed: "State-financed insurance",
};

export const OPIOID_MEDICATIONS: readonly OpioidMedication[] = ["methadone", "buprenorphine", "naltrexone", "unspecified"];

export const OPIOID_MEDICATION_LABEL: Record<OpioidMedication, string> = {
  methadone: "Methadone (OTP)",
  buprenorphine: "Buprenorphine",
  naltrexone: "Naltrexone",
  unspecified: "Medications for OUD (which not recorded)",
};

export const GENDERS: readonly Gender[] = ["female", "male", "nonbinary"];

export const GENDER_LABEL: Record<Gender, string> = { female: "Women", male: "Men", nonbinary: "Nonbinary people" };

/** "2.4 km away" for a near search; null otherwise. */
export function distanceLabel(distanceKm: number | null | undefined): string | null {
  if (distanceKm === null || distanceKm === undefined) return null;
  const miles = distanceKm / 1.609344;
  return `${distanceKm < 10 ? distanceKm.toFixed(1) : Math.round(distanceKm)} km (${miles < 10 ? miles.toFixed(1) : Math.round(miles)} mi) away`;
}

/** After this long a bed count is shown as possibly out of date. */
export const BEDS_STALE_AFTER_HOURS = 72;

export type BedKind = "available" | "full" | "unknown";

export interface BedAvailability {
  kind: BedKind;
  /** "3 beds", "1 bed", "No beds", "Beds unknown". */
  label: string;
  color: string;
  /** "updated 2 hours ago", or null when never reported. */
  updated: string | null;
  stale: boolean;
}

export const BED_COLOR: Record<BedKind, string> = { available: "teal", full: "red", unknown: "gray" };

/** What a professional needs to know at a glance: can the client go there tonight? */
export function bedAvailability(
  center: Pick<TreatmentCenterRead, "beds_available" | "beds_updated_at">,
  now: number = Date.now(),
): BedAvailability {
  const beds = center.beds_available;
  const kind: BedKind = beds === null || beds === undefined ? "unknown" : beds > 0 ? "available" : "full";
  const label =
    kind === "unknown" ? "Beds unknown" : kind === "full" ? "No beds" : `${beds} bed${beds === 1 ? "" : "s"}`;
  const at = center.beds_updated_at ? new Date(center.beds_updated_at).getTime() : NaN;
  const known = kind !== "unknown" && !Number.isNaN(at);
  return {
    kind,
    label,
    color: BED_COLOR[kind],
    updated: known && center.beds_updated_at ? `updated ${formatRelative(center.beds_updated_at, now)}` : null,
    stale: known && now - at > BEDS_STALE_AFTER_HOURS * 3600_000,
  };
}

/** "Center City, MN" — whatever of city and region is known. */
export function placeOf(center: Pick<TreatmentCenterRead, "city" | "region">): string {
  return [center.city, center.region].filter(Boolean).join(", ");
}

/** The full postal address on one line. */
export function addressOf(
  center: Pick<TreatmentCenterRead, "address_line" | "city" | "region" | "postal_code" | "country">,
): string {
  const cityLine = [center.city, [center.region, center.postal_code].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return [center.address_line, cityLine, center.country].filter(Boolean).join(", ");
}

/** A website as people say it: without the scheme and trailing slash. */
export function displayWebsite(url: string): string {
  return url.replace(/^https?:\/\//i, "").replace(/\/$/, "");
}
