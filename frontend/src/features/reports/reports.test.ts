import { describe, expect, it } from "vitest";
import { isCalendarDay as isDay } from "../../lib/searchParams";
import { parseReportSearch, percent, ratioText, reportQuery } from "./api";

describe("report helpers", () => {
  it("shows a dash, not NaN, when a rate has no denominator", () => {
    expect(percent(null)).toBe("—");
    expect(percent(0.6449)).toBe("64%");
  });
  it("says what a rate is counted over", () => {
    expect(ratioText({ numerator: 3, denominator: 4, rate: 0.75 })).toBe("3 of 4");
  });
  it("sends only the filters that are set", () => {
    expect(reportQuery({})).toEqual({});
    expect(reportQuery({ from: "2026-01-01", to: "2026-06-30" })).toEqual({ from: "2026-01-01", to: "2026-06-30" });
  });

  it("reads the range from the URL only when both days are real days", () => {
    expect(parseReportSearch({ from: "2026-01-01", to: "2026-06-30" })).toEqual({ from: "2026-01-01", to: "2026-06-30" });
    expect(parseReportSearch({ from: "2026-01-01" })).toEqual({});
    expect(parseReportSearch({ from: "2026-13-45", to: "2026-06-30" })).toEqual({});
    expect(parseReportSearch({ from: 20260101, to: "2026-06-30" })).toEqual({});
    // Date.parse would roll February 30 to March 2; it is not a day.
    expect(parseReportSearch({ from: "2026-02-30", to: "2026-06-30" })).toEqual({});
    expect(isDay("2024-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
  });

  it("reads a lead and a model from the URL and drops what is not one", () => {
    const lead = "0b6b6a8e-5a43-4a8e-9a55-1b2c3d4e5f60";
    expect(parseReportSearch({ lead_id: lead, model: "craft" })).toEqual({ lead_id: lead, model: "craft" });
    expect(parseReportSearch({ lead_id: "jordan", model: "confrontation" })).toEqual({});
    expect(reportQuery({ model: "arise", lead_id: lead })).toEqual({ lead_id: lead, model: "arise" });
  });
});
