import { describe, expect, it } from "vitest";
import { distanceLabel } from "../centers/labels";
import {
  EMPTY_LISTING,
  listingCreateFields,
  listingToFormValues,
  listingUpdateFields,
  NO_LISTING_READ,
  parseNear,
  validateListing,
} from "./listing";

describe("listing fields", () => {
  it("sends only what is filled in, coordinates as numbers", () => {
    expect(listingCreateFields(EMPTY_LISTING)).toEqual({});
    expect(
      listingCreateFields({
        ...EMPTY_LISTING,
        latitude: " 45.52 ",
        longitude: "-122.68",
        intake_phone: "503-555-0101 x12",
        opioid_medications: ["buprenorphine"],
        telehealth: "no",
        accreditation: ["CARF", " carf ", ""],
      }),
    ).toEqual({
      latitude: 45.52,
      longitude: -122.68,
      intake_phone: "503-555-0101 x12",
      opioid_medications: ["buprenorphine"],
      telehealth: false,
      accreditation: ["CARF"],
    });
  });

  it("patches only what changed, and clears a phone emptied", () => {
    const initial = listingToFormValues({
      ...NO_LISTING_READ,
      latitude: 45.5,
      longitude: -122.6,
      hotline_phone: "800-555-0100",
      hotline_phone_extension: "4",
      telehealth: true,
    });
    expect(initial.hotline_phone).toBe("800-555-0100 ext. 4");
    expect(initial.telehealth).toBe("yes");
    expect(listingUpdateFields(initial, initial)).toEqual({});
    expect(listingUpdateFields(initial, { ...initial, hotline_phone: "", telehealth: "" })).toEqual({
      hotline_phone: null,
      telehealth: null,
    });
    expect(listingUpdateFields(initial, { ...initial, latitude: "", longitude: "" })).toEqual({
      latitude: null,
      longitude: null,
    });
  });

  it("checks coordinates come together and in range", () => {
    expect(validateListing({ ...EMPTY_LISTING, latitude: "91", longitude: "0" })).toEqual({
      latitude: "Enter a latitude from -90 to 90",
    });
    expect(validateListing({ ...EMPTY_LISTING, latitude: "45" })).toEqual({ longitude: "Enter the longitude too" });
    expect(validateListing({ ...EMPTY_LISTING, latitude: "45", longitude: "-122" })).toEqual({});
  });

  it("reads a place as people type it", () => {
    expect(parseNear("45.5189, -122.6793")).toBe("45.5189,-122.6793");
    expect(parseNear(" -33.9,18.4 ")).toBe("-33.9,18.4");
    expect(parseNear("95, 10")).toBeNull();
    expect(parseNear("Portland")).toBeNull();
  });

  it("says how far in km and miles", () => {
    expect(distanceLabel(0.52)).toBe("0.5 km (0.3 mi) away");
    expect(distanceLabel(71.4)).toBe("71 km (44 mi) away");
    expect(distanceLabel(null)).toBeNull();
  });
});

describe("near filters from the URL", async () => {
  const { parseNearFilters } = await import("./NearField");
  it("keep a valid place and radius, drop the rest", () => {
    expect(parseNearFilters({ near: "45.52,-122.68", within_km: "100" })).toEqual({ near: "45.52,-122.68", within_km: 100 });
    expect(parseNearFilters({ near: "91,0", within_km: 100 })).toEqual({});
    expect(parseNearFilters({ within_km: 100 })).toEqual({});
    expect(parseNearFilters({ near: "45,-122", within_km: 99999 })).toEqual({ near: "45,-122" });
  });
});
