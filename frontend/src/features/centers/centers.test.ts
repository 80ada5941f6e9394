import { defaultParseSearch, defaultStringifySearch } from "@tanstack/react-router";
import { describe, expect, it } from "vitest";
import type { TreatmentCenterRead } from "../../api/types";
import { centersQueryParams, hasCenterFilters, parseCenterFilters, updateCenterFilters } from "./filters";
import {
  EMPTY_CENTER_FORM,
  centerToFormValues,
  normalizeWebsite,
  toCreateBody,
  toUpdateBody,
  validateCenterForm,
} from "./form";
import { NO_LISTING_READ } from "../directory/listing";
import { addressOf, bedAvailability, displayWebsite, placeOf } from "./labels";

const NOW = Date.parse("2026-03-10T22:00:00Z");

const center = (extra: Partial<TreatmentCenterRead> = {}): TreatmentCenterRead => ({
  ...NO_LISTING_READ,
  id: "c1",
  name: "Lakeside Recovery",
  levels_of_care: ["3.5", "3.7"],
  services: ["detox", "trauma"],
  populations: ["Adults"],
  insurance_accepted: ["Aetna"],
  address_line: "1 Shore Rd",
  city: "Duluth",
  region: "MN",
  postal_code: "55802",
  country: "US",
  phone: "+1 218 555 0100",
  phone_extension: null,
  website: "https://lakeside.example.org",
  is_partner: false,
  beds_available: 3,
  beds_updated_at: "2026-03-10T20:00:00Z",
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-03-10T20:00:00Z",
  version: 4,
  ...extra,
});

describe("center filters in the URL", () => {
  it("accepts only known values", () => {
    expect(parseCenterFilters({ q: " Duluth ", level_of_care: "3.7", service: "detox", has_beds: "true" })).toEqual({
      q: "Duluth",
      level_of_care: "3.7",
      service: "detox",
      has_beds: true,
    });
    expect(parseCenterFilters({ q: " ", level_of_care: "3.9", service: "spa", has_beds: "no", other: 1 })).toEqual({});
  });

  it("reads levels the router turned into numbers", () => {
    expect(parseCenterFilters(defaultParseSearch("?level_of_care=4"))).toEqual({ level_of_care: "4" });
    expect(parseCenterFilters(defaultParseSearch("?level_of_care=0.5"))).toEqual({ level_of_care: "0.5" });
    expect(parseCenterFilters({ level_of_care: 3.5 })).toEqual({ level_of_care: "3.5" });
  });

  it("round-trips through the router's search string", () => {
    for (const level of ["0.5", "1", "2.1", "3.5", "4"] as const) {
      const filters = { q: "1200", level_of_care: level, service: "dual_diagnosis", has_beds: true } as const;
      expect(parseCenterFilters(defaultParseSearch(defaultStringifySearch(filters)))).toEqual(filters);
    }
  });

  it("drops cleared filters so the URL stays short", () => {
    const current = { q: "Lake", level_of_care: "3.5", has_beds: true } as const;
    expect(updateCenterFilters(current, { level_of_care: undefined, has_beds: false })).toEqual({ q: "Lake" });
    expect(defaultStringifySearch(updateCenterFilters(current, { q: "", level_of_care: undefined, has_beds: undefined }))).toBe("");
    expect(hasCenterFilters({})).toBe(false);
    expect(hasCenterFilters({ has_beds: true })).toBe(true);
  });

  it("asks the API only for what is set", () => {
    expect(centersQueryParams({ q: "Lake", level_of_care: "4", service: "trauma", has_beds: true })).toEqual({
      q: "Lake",
      level_of_care: "4",
      service: "trauma",
      has_beds: true,
    });
    expect(centersQueryParams({})).toEqual({});
  });
});

describe("bed availability", () => {
  it("says how many beds, none, or unknown", () => {
    expect(bedAvailability(center(), NOW)).toMatchObject({ kind: "available", label: "3 beds", stale: false });
    expect(bedAvailability(center({ beds_available: 1 }), NOW).label).toBe("1 bed");
    expect(bedAvailability(center({ beds_available: 0 }), NOW)).toMatchObject({ kind: "full", label: "No beds" });
    expect(bedAvailability(center({ beds_available: null, beds_updated_at: null }), NOW)).toEqual({
      kind: "unknown",
      label: "Beds unknown",
      color: "gray",
      updated: null,
      stale: false,
    });
  });

  it("tells when the count was reported, and flags an old one", () => {
    expect(bedAvailability(center(), NOW).updated).toBe("updated 2 hours ago");
    const old = bedAvailability(center({ beds_updated_at: "2026-03-06T22:00:00Z" }), NOW);
    expect(old.updated).toBe("updated 4 days ago");
    expect(old.stale).toBe(true);
    // A count nobody ever timed is not claimed to be fresh.
    expect(bedAvailability(center({ beds_updated_at: null }), NOW)).toMatchObject({ updated: null, stale: false });
  });
});

describe("center display helpers", () => {
  it("formats place, address and website", () => {
    expect(placeOf(center())).toBe("Duluth, MN");
    expect(placeOf(center({ city: null }))).toBe("MN");
    expect(addressOf(center())).toBe("1 Shore Rd, Duluth, MN 55802, US");
    expect(addressOf(center({ address_line: null, postal_code: null, country: null }))).toBe("Duluth, MN");
    expect(displayWebsite("https://lakeside.example.org/")).toBe("lakeside.example.org");
  });
});

describe("center form", () => {
  it("sends only filled-in fields on create, normalized", () => {
    expect(
      toCreateBody({
        ...EMPTY_CENTER_FORM,
        name: "  New Dawn ",
        levels_of_care: ["1", "2.1"],
        populations: ["Women", " women ", ""],
        country: "us",
        website: "newdawn.example.org",
        beds_available: 0,
      }),
    ).toEqual({
      name: "New Dawn",
      levels_of_care: ["1", "2.1"],
      services: [],
      populations: ["Women"],
      insurance_accepted: [],
      country: "US",
      website: "https://newdawn.example.org",
      beds_available: 0,
    });
  });

  it("sends only what changed on edit, and null to clear", () => {
    const initial = centerToFormValues(center());
    expect(toUpdateBody(initial, initial)).toEqual({});
    expect(
      toUpdateBody(initial, { ...initial, beds_available: 5, phone: " ", services: ["detox"], website: "https://lakeside.example.org" }),
    ).toEqual({ beds_available: 5, phone: null, services: ["detox"] });
    // Emptying the bed count makes it unknown again.
    expect(toUpdateBody(initial, { ...initial, beds_available: "" })).toEqual({ beds_available: null });
  });

  it("catches what it can before the API does", () => {
    expect(validateCenterForm(EMPTY_CENTER_FORM)).toEqual({ name: "Enter the center's name" });
    const errors = validateCenterForm({
      ...EMPTY_CENTER_FORM,
      name: "X",
      country: "USA",
      website: "not a site",
      beds_available: 2.5,
    });
    expect(Object.keys(errors).sort()).toEqual(["beds_available", "country", "website"]);
    expect(validateCenterForm({ ...EMPTY_CENTER_FORM, name: "X", beds_available: -1 }).beds_available).toBeDefined();
    expect(validateCenterForm({ ...EMPTY_CENTER_FORM, name: "X", website: "www.example.org", beds_available: "" })).toEqual({});
  });

  it("adds a scheme to a bare web address only", () => {
    expect(normalizeWebsite(" example.org ")).toBe("https://example.org");
    expect(normalizeWebsite("http://example.org")).toBe("http://example.org");
    expect(normalizeWebsite("")).toBeNull();
  });
});
