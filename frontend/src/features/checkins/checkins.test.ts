import { describe, expect, it } from "vitest";
import type { CheckInRead } from "../../api/types";
import { isoToPicker, pickerToIso, scheduleUpdateBody } from "./ScheduleFormModal";
import { adherencePercent, adherenceText, anySafety, hasValues, trendRows } from "./trends";

const checkIn = (over: Partial<CheckInRead>): CheckInRead => ({
  id: "x",
  case_id: "c",
  respondent: "client",
  respondent_name: "Danny",
  submitted_at: "2026-02-01T10:00:00Z",
  submitted_by_kind: "portal",
  period_days: 7,
  days_used: 0,
  substances_used: [],
  craving: null,
  mood: null,
  sleep_quality: null,
  risky_situations: null,
  confidence: null,
  meetings_attended: null,
  sober_support_contact: null,
  heavy_drinking_days: null,
  work_school_days: null,
  family_conflict: null,
  commitments_kept: null,
  wellbeing: null,
  goal_updates: [],
  safety: { overdose: false, self_harm_thoughts: false, violence: false },
  note: null,
  risk_level: "low",
  bam: null,
  ...over,
});

describe("trend rows", () => {
  it("puts check-ins oldest first and keeps missing answers as gaps", () => {
    const rows = trendRows([
      checkIn({ id: "new", submitted_at: "2026-02-08T10:00:00Z", days_used: 2, craving: 3 }),
      checkIn({ id: "old", submitted_at: "2026-02-01T10:00:00Z", mood: 3, meetings_attended: 2 }),
    ]);
    expect(rows.map((r) => [r.days_used, r.craving, r.mood, r.meetings_attended])).toEqual([
      [0, null, 3, 2],
      [2, 3, null, null],
    ]);
    expect(hasValues(rows, "craving")).toBe(true);
    expect(hasValues(trendRows([checkIn({})]), "mood")).toBe(false);
  });

  it("carries the BAM composites, null for a check-in without them", () => {
    const rows = trendRows([
      checkIn({ bam: { use: 3, risk: 16.8, protective: null, items_scored: [2, 3, 4, 6, 8, 11, 15] } }),
      checkIn({ submitted_at: "2026-01-25T10:00:00Z" }),
    ]);
    expect(rows.map((r) => [r.bam_use, r.bam_risk, r.bam_protective])).toEqual([
      [null, null, null],
      [3, 16.8, null],
    ]);
    expect(hasValues(rows, "bam_risk")).toBe(true);
    expect(hasValues(rows, "bam_protective")).toBe(false);
  });
});

describe("adherence", () => {
  it("is a capped percentage, unknown before anything was due", () => {
    expect(adherencePercent({ expected: 4, received: 3 })).toBe(75);
    expect(adherencePercent({ expected: 2, received: 5 })).toBe(100);
    expect(adherencePercent({ expected: 0, received: 1 })).toBeNull();
  });
});

describe("safety", () => {
  it("notices any safety answer", () => {
    expect(anySafety(checkIn({}))).toBe(false);
    expect(anySafety(checkIn({ safety: { overdose: false, self_harm_thoughts: true, violence: false } }))).toBe(true);
  });
});

describe("schedule form → API", () => {
  it("round-trips the picker's local time and patches only changes", () => {
    const iso = "2026-03-04T15:30:00.000Z";
    expect(pickerToIso(isoToPicker(iso))).toBe(iso);
    const schedule = {
      id: "s",
      case_id: "c",
      respondent: "client",
      respondent_name: "Danny",
      cadence_days: 7,
      grace_hours: 24,
      active: true,
      next_due_at: iso,
      time_zone: "America/New_York",
      created_at: iso,
      updated_at: iso,
      version: 1,
    };
    const same = { respondent: "client", cadence_days: 7, grace_hours: 24, active: true, next_due_at: isoToPicker(iso) };
    expect(scheduleUpdateBody(schedule, same)).toEqual({});
    expect(scheduleUpdateBody(schedule, { ...same, cadence_days: "14", active: false })).toEqual({ cadence_days: 14, active: false });
  });
});

describe("a schedule on the client's own clock", () => {
  it("reads and writes the picker in the schedule's zone, not the practice's", () => {
    // Monday 18:00 in Los Angeles is 02:00 UTC on Tuesday in winter.
    expect(pickerToIso("2026-12-14 18:00:00", "America/Los_Angeles")).toBe("2026-12-15T02:00:00.000Z");
    expect(isoToPicker("2026-12-15T02:00:00Z", "America/Los_Angeles")).toBe("2026-12-14 18:00:00");
  });
});

describe("adherence wording", () => {
  it("never says '1 of 0'", () => {
    expect(adherenceText(1, 0, null)).toBe("1 received, none due yet");
    expect(adherenceText(0, 0, null)).toBe("None received, none due yet");
    expect(adherenceText(3, 4, 75)).toBe("3 of 4 (75%)");
  });
});
