import { describe, expect, it } from "vitest";
import { listDelta, type Snapshot } from "../../lib/snapshotDiff";
import { diffSnapshots } from "./diff";

const names: Record<string, string> = { p1: "Grace", p2: "Tom", p3: "Ade" };
const context = { participantName: (id: string) => names[id] ?? "Removed participant" };

const base: Snapshot = {
  id: "plan",
  version: 3,
  updated_at: "2026-01-01T10:00:00Z",
  status: "draft",
  location: "Family home",
  logistics: null,
  scheduled_at: null,
  sections: [
    { key: "opening", title: "Opening", guidance: "…", content: "Grace opens." },
    { key: "goals", title: "Goals", guidance: "…", content: "" },
  ],
  speaking_order: ["p1", "p2"],
  contributions: [{ participant_id: "p1", contribution: "Drives", letter_ready: false }],
  treatment_options: [{ name: "Hazel House", level_of_care: "3.5", bed_hold_until: null, is_primary: true }],
  contingencies: [{ scenario: "Walks out", response: "Tom follows" }],
  rehearsals: [],
};

describe("diffSnapshots", () => {
  it("finds nothing between equal snapshots, ignoring version and timestamps of the save", () => {
    expect(diffSnapshots(base, { ...base, version: 4, updated_at: "2026-01-02T10:00:00Z" }, context)).toEqual([]);
  });

  it("reports a changed value with before and after", () => {
    const changes = diffSnapshots(base, { ...base, location: "Church hall", logistics: "Bring bags" }, context);
    expect(changes).toEqual([
      { field: "location", label: "Location", before: "Family home", after: "Church hall" },
      { field: "logistics", label: "Logistics", before: null, after: "Bring bags" },
    ]);
  });

  it("matches sections by key and shows only the changed one", () => {
    const newer = {
      ...base,
      sections: [
        { key: "opening", title: "Opening", guidance: "…", content: "Grace opens." },
        { key: "goals", title: "Goals", guidance: "…", content: "Admitted the same day." },
      ],
    };
    expect(diffSnapshots(base, newer, context)).toEqual([
      { field: "sections.goals", label: "Section: Goals", before: null, after: "Admitted the same day." },
    ]);
  });

  it("shows added and removed list entries", () => {
    const newer = {
      ...base,
      contingencies: [{ scenario: "Gets angry", response: "Pause" }],
      treatment_options: [...(base.treatment_options as object[]), { name: "Oak IOP", level_of_care: "2.1", bed_hold_until: null, is_primary: false }],
    };
    const changes = diffSnapshots(base, newer, context);
    expect(changes).toContainEqual({ field: "treatment_options", label: "Treatment options", added: ["Oak IOP (ASAM 2.1)"], removed: [] });
    expect(changes).toContainEqual({
      field: "contingencies",
      label: "Contingencies",
      added: ["Gets angry → Pause"],
      removed: ["Walks out → Tom follows"],
    });
  });

  it("names speakers and tells a reorder from an addition", () => {
    const reordered = diffSnapshots(base, { ...base, speaking_order: ["p2", "p1"] }, context);
    expect(reordered).toEqual([
      {
        field: "speaking_order",
        label: "Speaking order",
        before: "1. Grace, 2. Tom",
        after: "1. Tom, 2. Grace",
        added: [],
        removed: [],
        reordered: true,
      },
    ]);
    const grown = diffSnapshots(base, { ...base, speaking_order: ["p1", "p2", "p3"] }, context);
    expect(grown[0]).toMatchObject({ added: ["Ade"], removed: [] });
    expect(grown[0]!.reordered).toBeUndefined();
  });

  it("keys contributions by participant and shows the letter flag", () => {
    const newer = { ...base, contributions: [{ participant_id: "p1", contribution: "Drives", letter_ready: true }] };
    expect(diffSnapshots(base, newer, context)).toEqual([
      { field: "contributions.p1", label: "Contribution: Grace", before: "Drives", after: "Drives — letter ready" },
    ]);
  });

  it("labels status changes in words", () => {
    expect(diffSnapshots(base, { ...base, status: "in_review" }, context)).toEqual([
      { field: "status", label: "Status", before: "Draft", after: "In review" },
    ]);
  });
});

describe("listDelta", () => {
  it("counts duplicates", () => {
    expect(listDelta(["a", "a", "b"], ["a", "b", "c"])).toEqual({ added: ["c"], removed: ["a"] });
  });
});
