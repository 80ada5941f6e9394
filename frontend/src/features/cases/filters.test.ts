import { defaultParseSearch, defaultStringifySearch } from "@tanstack/react-router";
import { describe, expect, it } from "vitest";
import { casesQueryParams, hasFilters, parseCaseFilters, updateFilters } from "./filters";

describe("case filters in the URL", () => {
  it("accepts only known values", () => {
    expect(parseCaseFilters({ status: "planning", risk: "pregnancy", mine: "true", q: "  Okafor " })).toEqual({
      status: "planning",
      risk: "pregnancy",
      mine: true,
      q: "Okafor",
    });
    expect(parseCaseFilters({ status: "bogus", risk: "x", mine: "no", q: "", extra: 1 })).toEqual({});
  });

  it("filters by the plan's status, as a link to plans waiting for review would", () => {
    expect(parseCaseFilters({ plan_status: "in_review" })).toEqual({ plan_status: "in_review" });
    expect(parseCaseFilters({ plan_status: "toString" })).toEqual({});
    expect(hasFilters({ plan_status: "draft" })).toBe(true);
    expect(casesQueryParams({ plan_status: "in_review" })).toEqual({ plan_status: "in_review" });
  });

  it("round-trips through the router's search string", () => {
    const filters = { q: "C-2026-0042", status: "scheduled", mine: true, risk: "violence_risk" } as const;
    const search = defaultStringifySearch(filters);
    expect(search).toContain("mine=true");
    expect(parseCaseFilters(defaultParseSearch(search))).toEqual(filters);
  });

  it("keeps a numeric-looking search as text", () => {
    // The router parses ?q=2026 to the number 2026; the filter still searches for "2026".
    expect(parseCaseFilters(defaultParseSearch("?q=2026"))).toEqual({ q: "2026" });
  });

  it("drops cleared filters so the URL stays short", () => {
    const current = { q: "Okafor", status: "intake", mine: true } as const;
    expect(updateFilters(current, { status: undefined, mine: false })).toEqual({ q: "Okafor" });
    expect(defaultStringifySearch(updateFilters(current, { q: "" , status: undefined, mine: undefined }))).toBe("");
    expect(hasFilters({})).toBe(false);
  });

  it("turns into the API's query", () => {
    expect(casesQueryParams({ q: "Ok", status: "closed", mine: true, risk: "pregnancy" })).toEqual({
      q: "Ok",
      status: ["closed"],
      assigned_to: "me",
      risk_flag: "pregnancy",
    });
    expect(casesQueryParams({})).toEqual({});
  });
});
