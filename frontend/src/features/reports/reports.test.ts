import { describe, expect, it } from "vitest";
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
  });
});
