import { describe, expect, it } from "vitest";
import type { AftercareRead, ParticipantRead } from "../../api/types";
import { aftercareToFormValues, formPathOf, isDirty, toAftercareUpdate } from "./form";

const plan = {
  id: "p",
  case_id: "c",
  version: 2,
  started_at: "2026-03-02T15:00:00Z",
  relapse_prevention: { triggers: ["Payday"], warning_signs: [], high_risk_situations: [], coping_strategies: ["Call Sam"] },
  emergency_contacts: [],
  resources: [{ resource_id: "r1", resource_name: "AA", for: "client", note: "" }],
  sober_living: null,
  outpatient: null,
  medication: null,
  family_support: [{ participant_id: "g", resource_id: null, commitment: "Al-Anon" }],
  escalation_agreement: null,
  escalation_missing: ["an escalation agreement"],
  notes: null,
  follow_ups: [],
  escalated_at: null,
  created_at: "2026-03-02T15:00:00Z",
  updated_at: "2026-03-02T15:00:00Z",
} as AftercareRead;
const people = [{ id: "g" }, { id: "r" }] as ParticipantRead[];

describe("aftercare form", () => {
  it("round-trips the plan and leaves empty rows out of the body", () => {
    const values = aftercareToFormValues(plan, people);
    expect(values.family_support).toHaveLength(2);
    const body = toAftercareUpdate(values);
    expect(body.family_support).toEqual([{ participant_id: "g", resource_id: null, commitment: "Al-Anon" }]);
    expect(body.relapse_prevention.coping_strategies).toEqual(["Call Sam"]);
    expect(body.escalation_agreement).toBeNull();
    expect(isDirty(values, aftercareToFormValues(plan, people))).toBe(false);
  });

  it("splits one line per item and notices a change", () => {
    const base = aftercareToFormValues(plan, people);
    const edited = { ...base, warning_signs: "Skipping meetings\n\n  Isolating  " };
    expect(toAftercareUpdate(edited).relapse_prevention.warning_signs).toEqual(["Skipping meetings", "Isolating"]);
    expect(isDirty(base, edited)).toBe(true);
  });

  it("maps API error locations to form fields", () => {
    expect(formPathOf(["body", "emergency_contacts", 0, "phone"])).toBe("emergency_contacts.0.phone");
    expect(formPathOf(["body", "escalation_agreement", "treatment_center_id"])).toBe("escalation_center_id");
    expect(formPathOf(["body", "relapse_prevention", "triggers", 3])).toBe("triggers");
  });
});
