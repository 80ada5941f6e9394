import { describe, expect, it } from "vitest";
import type { ParticipantRead } from "../../api/types";
import { EMPTY_PARTICIPANT_FORM, participantToFormValues, toCreateBody, toUpdateBody, validateParticipantForm, wordCount } from "./form";
import { moveItem, participantOrderChanges, speakingOrderOf } from "./speakingOrder";

const person = (id: string, extra: Partial<ParticipantRead> = {}): ParticipantRead =>
  ({
    id,
    case_id: "case",
    full_name: id,
    relationship: "sibling",
    role: "speaker",
    email: null,
    phone: null,
    phone_extension: null,
    readiness: "committed",
    letter: null,
    bottom_line: null,
    speaking_order: null,
    notes: null,
    portal_status: "none",
    created_at: "2026-01-01T00:00:00Z",
    updated_at: "2026-01-01T00:00:00Z",
    version: 1,
    ...extra,
  }) as ParticipantRead;

describe("moveItem", () => {
  it("moves down, up, and ignores out-of-range moves", () => {
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
    expect(moveItem(["a", "b", "c"], 2, 0)).toEqual(["c", "a", "b"]);
    expect(moveItem(["a", "b"], 1, 2)).toEqual(["a", "b"]);
  });
});

describe("speakingOrderOf", () => {
  const people = [
    person("a", { speaking_order: 2 }),
    person("b"),
    person("c", { speaking_order: 1 }),
    person("obs", { role: "observer" }),
  ];

  it("uses the participants' own numbers when there is no plan order, unplaced speakers last", () => {
    expect(speakingOrderOf(people, null).map((p) => p.id)).toEqual(["c", "a", "b"]);
    expect(speakingOrderOf(people, []).map((p) => p.id)).toEqual(["c", "a", "b"]);
  });

  it("follows the plan's order when it has one, and leaves out non-speakers", () => {
    expect(speakingOrderOf(people, ["b", "a"]).map((p) => p.id)).toEqual(["b", "a", "c"]);
  });

  it("keeps anyone the plan names, whatever their role", () => {
    expect(speakingOrderOf(people, ["obs"]).map((p) => p.id)).toEqual(["obs", "a", "b", "c"]);
  });
});

describe("participantOrderChanges", () => {
  it("renumbers only the participants whose number changes", () => {
    const ordered = [person("a", { speaking_order: 1 }), person("b", { speaking_order: 3 }), person("c")];
    expect(participantOrderChanges(ordered).map((c) => [c.participant.id, c.speaking_order])).toEqual([
      ["b", 2],
      ["c", 3],
    ]);
  });
});

describe("participant form", () => {
  it("requires a name and relationship, and checks the email", () => {
    expect(validateParticipantForm({ ...EMPTY_PARTICIPANT_FORM, email: "nope" })).toEqual({
      full_name: "Enter the participant's name",
      relationship: "Choose how they are related to the client",
      email: "Enter a valid email address",
    });
  });

  it("leaves blank optional fields out of a new participant", () => {
    expect(toCreateBody({ ...EMPTY_PARTICIPANT_FORM, full_name: " Grace ", relationship: "sibling" })).toEqual({
      full_name: "Grace",
      relationship: "sibling",
      role: "speaker",
      readiness: "not_contacted",
    });
  });

  it("patches only changed fields and clears emptied ones", () => {
    const initial = participantToFormValues(person("a", { email: "a@example.org" }));
    expect(toUpdateBody(initial, initial)).toEqual({});
    expect(toUpdateBody(initial, { ...initial, email: "", readiness: "declined" })).toEqual({ email: null, readiness: "declined" });
  });

  it("counts words", () => {
    expect(wordCount("")).toBe(0);
    expect(wordCount("  Dear Danny,\n\nI love you. ")).toBe(5);
  });
});
