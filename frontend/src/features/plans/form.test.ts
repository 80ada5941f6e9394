import { describe, expect, it } from "vitest";
import type { ParticipantRead, PlanRead } from "../../api/types";
import {
  contributionRowOf,
  formToPlanBody,
  isoToLocal,
  localToIso,
  planToFormValues,
  sectionKey,
  toPlanUpdate,
  validatePlanForm,
} from "./form";

const plan: PlanRead = {
  id: "plan",
  case_id: "case",
  model: "arise",
  status: "draft",
  version: 2,
  scheduled_at: "2026-12-05T17:00:00Z",
  location: "Home",
  logistics: null,
  speaking_order: [],
  contributions: [{ participant_id: "p2", contribution: "Drives", letter_ready: true }],
  treatment_options: [{ treatment_center_id: null, name: "Hazel", level_of_care: "3.5", bed_hold_until: null, is_primary: true }],
  contingencies: [{ scenario: "Leaves", response: "Follow" }],
  rehearsals: [],
  sections: [{ key: "first_call", title: "First call", guidance: "Call first.", content: "" }],
  notes: null,
  submitted_at: null,
  submitted_by: null,
  approved_at: null,
  approved_by: null,
  held_at: null,
  result: null,
  result_notes: null,
  next_step_suggestion: null,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

const participant = (id: string) => ({ id, full_name: id }) as ParticipantRead;

describe("plan form mapping", () => {
  it("round-trips a timestamp through the local value the picker uses", () => {
    expect(localToIso(isoToLocal("2026-12-05T17:00:00Z"))).toBe("2026-12-05T17:00:00.000Z");
    expect(isoToLocal(null)).toBeNull();
  });

  it("has a contribution row for every participant", () => {
    const values = planToFormValues(plan, [participant("p1"), participant("p2")]);
    expect(values.contributions).toEqual([
      { participant_id: "p1", contribution: "", letter_ready: false },
      { participant_id: "p2", contribution: "Drives", letter_ready: true },
    ]);
    // Empty rows are not sent.
    expect(formToPlanBody(values).contributions).toEqual([{ participant_id: "p2", contribution: "Drives", letter_ready: true }]);
  });

  it("sends only the fields that changed", () => {
    const initial = planToFormValues(plan, [participant("p1")]);
    expect(toPlanUpdate(initial, initial)).toEqual({});
    const edited = structuredClone(initial);
    edited.location = "  Church hall ";
    edited.sections[0]!.content = "Grace calls on Sunday.";
    expect(toPlanUpdate(initial, edited)).toEqual({
      location: "Church hall",
      sections: [{ key: "first_call", title: "First call", content: "Grace calls on Sunday." }],
    });
  });

  it("clears a blanked text field with null", () => {
    const initial = planToFormValues(plan, []);
    expect(toPlanUpdate(initial, { ...initial, location: "" })).toEqual({ location: null });
  });

  it("maps a body index of contributions back to the form row", () => {
    const values = planToFormValues(plan, [participant("p1"), participant("p2")]);
    expect(contributionRowOf(values, 0)).toBe(1);
    expect(contributionRowOf(values, 1)).toBeNull();
  });

  it("validates list entries and the single primary option", () => {
    const values = planToFormValues(plan, []);
    values.treatment_options.push({ treatment_center_id: null, name: "", level_of_care: null, bed_hold_until: null, is_primary: true });
    values.rehearsals.push({ scheduled_at: null, completed: false });
    expect(validatePlanForm(values)).toEqual({
      "treatment_options.1.name": "Name the program",
      "treatment_options.1.level_of_care": "Choose the level of care",
      "rehearsals.0.scheduled_at": "Choose when the rehearsal is",
      treatment_options: "Only one option can be the primary one",
    });
  });

  it("makes valid, unique section keys", () => {
    expect(sectionKey("Who drives?", [])).toBe("who_drives");
    expect(sectionKey("Who drives?", ["who_drives"])).toBe("who_drives_2");
    expect(sectionKey("123", [])).toBe("section");
  });
});
