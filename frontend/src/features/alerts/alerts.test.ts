import { describe, expect, it } from "vitest";
import { alertsQueryParams, criticalBannerText, parseAlertFilters, updateAlertFilters } from "./filters";

describe("alert filters in the URL", () => {
  it("keeps only known values; open is the default and stays out of the URL", () => {
    expect(parseAlertFilters({ status: "open", severity: "critical", kind: "safety" })).toEqual({ severity: "critical", kind: "safety" });
    expect(parseAlertFilters({ status: "bogus", severity: "extreme", kind: 3 })).toEqual({});
    expect(parseAlertFilters({ status: "all" })).toEqual({ status: "all" });
  });

  it("asks the API for open alerts unless told otherwise", () => {
    expect(alertsQueryParams({})).toEqual({ status: "open" });
    expect(alertsQueryParams({ status: "all", severity: "high" })).toEqual({ severity: "high" });
    expect(alertsQueryParams({ status: "acknowledged", kind: "missed_check_in" })).toEqual({ status: "acknowledged", kind: "missed_check_in" });
  });

  it("merges changes and drops cleared ones", () => {
    const current = parseAlertFilters({ severity: "critical", kind: "safety" });
    expect(updateAlertFilters(current, { severity: null })).toEqual({ kind: "safety" });
    expect(updateAlertFilters(current, { status: "acknowledged" })).toEqual({ status: "acknowledged", severity: "critical", kind: "safety" });
  });

  it("words the banner", () => {
    expect(criticalBannerText(1)).toBe("1 critical alert needs attention");
    expect(criticalBannerText(3)).toBe("3 critical alerts need attention");
  });
});
