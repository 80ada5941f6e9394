import { describe, expect, it } from "vitest";
import { diffAftercare } from "./diff";

const names = { participantName: (id: string) => ({ p1: "Grace Okafor" })[id] ?? "a removed participant" };

const base = {
  id: "a",
  version: 1,
  updated_at: "2026-12-01T10:00:00Z",
  relapse_prevention: { triggers: ["Payday Fridays"], warning_signs: [], high_risk_situations: [], coping_strategies: ["Call the sponsor"] },
  emergency_contacts: [],
  resources: [{ resource_id: "r1", resource_name: "Lakeview Serenity Group", for: "client", note: "" }],
  sober_living: null,
  outpatient: null,
  medication: null,
  family_support: [{ participant_id: "p1", resource_id: null, commitment: "Al-Anon on Tuesdays" }],
  escalation_agreement: null,
  notes: null,
  follow_ups: [{ id: "f1", status: "open" }],
};

describe("diffAftercare", () => {
  it("finds nothing between a version and itself, whatever changes on every save", () => {
    expect(diffAftercare(base, { ...base, version: 2, updated_at: "2026-12-02T10:00:00Z", follow_ups: [] }, names)).toEqual([]);
  });

  it("names each section that changed, with entries added and removed", () => {
    const newer = {
      ...base,
      relapse_prevention: { ...base.relapse_prevention, coping_strategies: ["Call the sponsor", "Leave any party within an hour"] },
      resources: [...base.resources, { resource_id: "r2", resource_name: "Hope Family Group", for: "p1", note: "Every week" }],
      medication: { kind: "buprenorphine", prescriber: "Dr. Rao", notes: null },
      family_support: [{ participant_id: "p1", resource_id: null, commitment: "Al-Anon on Tuesdays; no more bailouts" }],
    };
    const changes = diffAftercare(base, newer, names);
    expect(changes.map((c) => c.label)).toEqual(["Coping strategies", "Resources", "Medication", "Family support: Grace Okafor"]);
    expect(changes[0]?.added).toEqual(["Leave any party within an hour"]);
    expect(changes[1]?.added).toEqual(["Hope Family Group for Grace Okafor: Every week"]);
    expect(changes[2]).toMatchObject({ before: null, after: "Buprenorphine, prescribed by Dr. Rao" });
    expect(changes[3]).toMatchObject({ before: "Al-Anon on Tuesdays", after: "Al-Anon on Tuesdays; no more bailouts" });
  });

  it("shows a field it does not know rather than hiding it", () => {
    expect(diffAftercare(base, { ...base, new_section: "x" }, names)).toEqual([{ field: "new_section", label: "New section", before: null, after: '"x"' }]);
  });
});
