import { afterEach, describe, expect, it } from "vitest";
import {
  PICKER_DATE_TIME_FORMAT,
  PICKER_DAY_FORMAT,
  formatDate,
  formatDateTime,
  formatDateTimeWithZone,
  formatDayOf,
  formatInPracticeZone,
  formatMonthDay,
  isoToZonedInput,
  nowZonedInput,
  practiceNowForPicker,
  practiceTimeZone,
  setPracticeTimeZone,
  zonedInputToIso,
} from "./format";

afterEach(() => setPracticeTimeZone(undefined));

describe("times on the practice's clock", () => {
  it("shows a moment in the practice's zone, whatever the browser's", () => {
    setPracticeTimeZone("America/New_York");
    const newYork = formatDateTime("2027-03-09T04:00:00Z");
    setPracticeTimeZone("America/Los_Angeles");
    const losAngeles = formatDateTime("2027-03-09T04:00:00Z");
    expect(practiceTimeZone()).toBe("America/Los_Angeles");
    expect(newYork).toMatch(/11:00/);
    expect(losAngeles).toMatch(/8:00/);
    expect(losAngeles).not.toBe(newYork);
  });

  it("reads a picker's wall-clock time in the zone, across the March change", () => {
    expect(zonedInputToIso("2027-03-08 18:00:00", "America/New_York")).toBe("2027-03-08T23:00:00.000Z");
    expect(zonedInputToIso("2027-03-15 18:00:00", "America/New_York")).toBe("2027-03-15T22:00:00.000Z");
    expect(zonedInputToIso("2027-03-08 20:00", "America/Los_Angeles")).toBe("2027-03-09T04:00:00.000Z");
    expect(isoToZonedInput("2027-03-15T22:00:00Z", "America/New_York")).toBe("2027-03-15 18:00:00");
    expect(isoToZonedInput("2027-03-09T04:00:00Z", "America/Los_Angeles")).toBe("2027-03-08 20:00:00");
    expect(zonedInputToIso("not a time", "UTC")).toBeNull();
  });

  it("keeps the browser's zone for a zone it does not know", () => {
    setPracticeTimeZone("America/New_York");
    setPracticeTimeZone("Mars/Olympus_Mons");
    expect(practiceTimeZone()).toBe("America/New_York");
  });
});

describe("now on the practice's clock", () => {
  it("defaults a 'when' field to the practice's wall clock, not the browser's", () => {
    setPracticeTimeZone("America/New_York");
    const now = new Date("2026-12-06T10:09:30Z");
    expect(nowZonedInput(now)).toBe("2026-12-06 05:09:00");
    // Read back on the same clock it is the same minute: never "in the future".
    expect(zonedInputToIso(nowZonedInput(now))).toBe("2026-12-06T10:09:00.000Z");
    const max = practiceNowForPicker(now);
    expect([max.getFullYear(), max.getMonth(), max.getDate(), max.getHours(), max.getMinutes()]).toEqual([2026, 11, 6, 5, 9]);
  });
});

describe("formatInPracticeZone", () => {
  it("formats on the practice's clock whatever the browser's", () => {
    setPracticeTimeZone("Asia/Tokyo");
    expect(formatInPracticeZone("2026-12-01T15:00:00Z", { year: "numeric", month: "long", day: "numeric" })).toContain("December 2");
    setPracticeTimeZone("America/New_York");
    expect(formatInPracticeZone("2026-12-01T15:00:00Z", { year: "numeric", month: "long", day: "numeric", hour: "numeric", minute: "2-digit", timeZoneName: "short" })).toMatch(/December 1, 2026.*10:00.*EST/);
  });
});

describe("one date and time format", () => {
  const plain = (text: string) => text.replace(/\s/g, " ");

  it("writes every moment the way the API's alert texts do, in US English", () => {
    setPracticeTimeZone("America/New_York");
    expect(plain(formatDateTime("2026-12-02T13:00:00Z"))).toBe("Wed, Dec 2, 2026, 8:00 AM");
    expect(plain(formatDateTimeWithZone("2026-12-02T13:00:00Z"))).toBe("Wed, Dec 2, 2026, 8:00 AM EST");
    expect(formatDayOf("2026-12-02T03:00:00Z")).toBe("Tue, Dec 1, 2026");
    expect(formatMonthDay("2026-12-02T03:00:00Z")).toBe("Dec 1");
  });

  it("writes a calendar date with no zone shift, in the same shape", () => {
    expect(formatDate("2026-12-09")).toBe("Wed, Dec 9, 2026");
    expect(formatDate("not a date")).toBe("not a date");
  });

  it("gives the date pickers the same shape", () => {
    expect(PICKER_DAY_FORMAT).toBe("ddd, MMM D, YYYY");
    expect(PICKER_DATE_TIME_FORMAT).toBe("ddd, MMM D, YYYY, h:mm A");
  });
});
