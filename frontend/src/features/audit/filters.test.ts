import { afterEach, describe, expect, it } from "vitest";
import { setPracticeTimeZone } from "../../lib/format";
import { practiceToday } from "../../lib/dayPicker";
import { auditQuery, parseAuditSearch, parseCaseFilter } from "./filters";

afterEach(() => setPracticeTimeZone(undefined));

const ID = "0b7d3f2a-9c1e-4f6a-8d2b-5e4c3a2b1f00";

describe("the audit log's days", () => {
  it("are whole days on the practice's calendar, not UTC's", () => {
    setPracticeTimeZone("America/Chicago");
    expect(auditQuery({ from: "2026-03-02", to: "2026-03-02" })).toEqual({
      since: "2026-03-02T06:00:00.000Z",
      until: "2026-03-03T06:00:00.000Z",
    });
  });

  it("follow the practice's clock across a daylight-saving change", () => {
    // New York springs forward on March 8, 2026: that day is 23 hours long.
    expect(auditQuery({ from: "2026-03-08", to: "2026-03-08" }, "America/New_York")).toEqual({
      since: "2026-03-08T05:00:00.000Z",
      until: "2026-03-09T04:00:00.000Z",
    });
    // East of UTC the day starts on the evening before, in UTC.
    expect(auditQuery({ from: "2026-01-01", to: "2026-01-31" }, "Asia/Tokyo")).toEqual({
      since: "2025-12-31T15:00:00.000Z",
      until: "2026-01-31T15:00:00.000Z",
    });
  });

  it("end today at the latest, today being the practice's", () => {
    // 03:00 UTC on March 3 is still March 2 in Los Angeles.
    setPracticeTimeZone("America/Los_Angeles");
    expect(practiceToday(new Date("2026-03-03T03:00:00Z"))).toBe("2026-03-02");
    setPracticeTimeZone("Asia/Tokyo");
    expect(practiceToday(new Date("2026-03-03T20:00:00Z"))).toBe("2026-03-04");
  });
});

describe("the Case filter", () => {
  it("takes a reference, in any letter case, or a case id", () => {
    expect(parseCaseFilter(" c-2026-0027 ")).toEqual({ case_reference: "C-2026-0027" });
    expect(parseCaseFilter("C-H-0001")).toEqual({ case_reference: "C-H-0001" });
    expect(parseCaseFilter(ID.toUpperCase())).toEqual({ case_id: ID });
    expect(auditQuery({ case: "C-2026-0027" })).toEqual({ case_reference: "C-2026-0027" });
    expect(auditQuery({ case: ID })).toEqual({ case_id: ID });
  });

  it("refuses text that is neither", () => {
    for (const text of ["Quinn", "2026-0027", "C-", "C-2026-", "C 2026 0027", "C-2026-0027-9999-9999-1", ID.slice(0, 30)]) {
      expect(parseCaseFilter(text), text).toBeNull();
    }
  });
});

describe("the audit log's URL", () => {
  it("keeps the filters it can trust", () => {
    expect(
      parseAuditSearch({ case: "c-2026-0027", actor: ID, action: "export", from: "2026-03-01", to: "2026-03-31" }),
    ).toEqual({ case: "C-2026-0027", actor: ID, action: "export", from: "2026-03-01", to: "2026-03-31" });
    expect(parseAuditSearch({ from: "2026-03-01" })).toEqual({ from: "2026-03-01" });
  });

  it("drops what it cannot", () => {
    expect(
      parseAuditSearch({ case: "<script>", actor: "me", action: "erase", from: "2026-02-30", to: "0001-01-01" }),
    ).toEqual({});
    expect(parseAuditSearch({ case: 27, actor: [ID], action: ["read"] })).toEqual({});
    // A range that ends before it starts.
    expect(parseAuditSearch({ from: "2026-03-31", to: "2026-03-01" })).toEqual({});
  });
});
