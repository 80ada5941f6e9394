import { describe, expect, it } from "vitest";
import type { ResourceRead } from "../../api/types";
import { parseResourceFilters, resourcesQueryParams, updateResourceFilters } from "./filters";
import { emptyResourceForm, resourceToFormValues, toCreateBody, toUpdateBody, validateResourceForm } from "./form";
import { NO_LISTING_READ } from "../directory/listing";
import { clockTime, meetingLine, meetingMoment } from "./labels";

const GROUP: ResourceRead = {
  ...NO_LISTING_READ,
  id: "5b0c7c3e-6d0e-4a47-9a43-1f3f5a4d2b10",
  name: "Lakeview Serenity Group",
  kind: "mutual_help",
  audience: "client",
  fellowship: "AA",
  description: null,
  format: "in_person",
  address_line: "3300 N Broadway",
  city: "Chicago",
  region: "IL",
  postal_code: null,
  country: "US",
  online_url: null,
  phone: "(312) 555-0142",
  phone_extension: "12",
  email: null,
  website: null,
  time_zone: "America/Chicago",
  meetings: [{ day_of_week: "monday", start_time: "19:00", end_time: "20:00" }],
  schedule_note: null,
  languages: ["en"],
  cost: "donation",
  is_active: true,
  created_at: "2026-12-01T10:00:00Z",
  updated_at: "2026-12-01T10:00:00Z",
  version: 1,
};

describe("meeting times", () => {
  it("reads as a US flyer does", () => {
    expect(clockTime("19:00")).toBe("7:00 PM");
    expect(clockTime("00:15")).toBe("12:15 AM");
    expect(clockTime("12:30")).toBe("12:30 PM");
    expect(meetingLine({ day_of_week: "tuesday", start_time: "18:30", end_time: "20:00" })).toBe("Tue 6:30 PM – 8:00 PM");
    // The instant shown in the group's zone, not the browser's.
    expect(meetingMoment("2026-03-06T01:00:00Z", "America/Chicago")).toBe("Thu, Mar 5, 7:00 PM");
  });
});

describe("resource filters", () => {
  it("keeps only known values from the URL", () => {
    expect(parseResourceFilters({ kind: "gym", day_of_week: "thursday", audience: "family", q: "  al anon " })).toEqual({
      day_of_week: "thursday",
      audience: "family",
      q: "al anon",
    });
  });

  it("asks for active resources unless inactive ones are wanted", () => {
    expect(resourcesQueryParams({ format: "online" })).toEqual({ format: "online", is_active: true });
    expect(resourcesQueryParams({ inactive: true })).toEqual({});
    expect(updateResourceFilters({ kind: "crisis_line" }, { kind: undefined, day_of_week: "monday" })).toEqual({ day_of_week: "monday" });
  });
});

describe("the resource form", () => {
  it("says what is missing and checks meeting times", () => {
    const values = { ...emptyResourceForm("America/Chicago"), meetings: [{ day_of_week: "monday" as const, start_time: "19:00", end_time: "18:00" }] };
    const errors = validateResourceForm(values);
    expect(errors.name).toBeDefined();
    expect(errors.kind).toBeDefined();
    expect(errors["meetings.0.end_time"]).toBe("Ends after it starts");
    expect(validateResourceForm({ ...values, phone: "call us" }).phone).toMatch(/7 to 15 digits/);
  });

  it("creates with the phone as typed and full web addresses", () => {
    const body = toCreateBody({
      ...emptyResourceForm("America/Chicago"),
      name: " Hope Family Group ",
      kind: "family_support",
      audience: "family",
      format: "online",
      online_url: "meet.example.org/hope",
      phone: "(312) 555-0148 ext. 3",
      languages: ["EN", "es", "en"],
    });
    expect(body).toMatchObject({
      name: "Hope Family Group",
      online_url: "https://meet.example.org/hope",
      phone: "(312) 555-0148 ext. 3",
      languages: ["en", "es"],
      time_zone: "America/Chicago",
    });
  });

  it("sends only what changed", () => {
    const initial = resourceToFormValues(GROUP);
    expect(initial.phone).toBe("(312) 555-0142 ext. 12");
    expect(toUpdateBody(initial, initial)).toEqual({});
    const changed = {
      ...initial,
      is_active: false,
      meetings: [...initial.meetings, { day_of_week: "friday" as const, start_time: "12:00", end_time: "13:00" }],
    };
    expect(toUpdateBody(initial, changed)).toEqual({
      is_active: false,
      meetings: [
        { day_of_week: "monday", start_time: "19:00", end_time: "20:00" },
        { day_of_week: "friday", start_time: "12:00", end_time: "13:00" },
      ],
    });
  });
});
