// Values of the plan editor, and their translation to a PATCH body.
import { isoToZonedInput, zonedInputToIso } from "../../lib/format";
import type { LevelOfCare, ParticipantRead, PlanRead, PlanUpdate } from "../../api/types";

/** Date-times in the form are local "YYYY-MM-DD HH:mm:ss" strings, as Mantine's pickers use. */
export type LocalDateTime = string;

export interface SectionValues {
  key: string;
  title: string;
  guidance: string | null;
  content: string;
}

export interface TreatmentOptionValues {
  treatment_center_id: string | null;
  name: string;
  level_of_care: LevelOfCare | null;
  bed_hold_until: LocalDateTime | null;
  is_primary: boolean;
}

export interface ContributionValues {
  participant_id: string;
  contribution: string;
  letter_ready: boolean;
}

export interface PlanFormValues {
  scheduled_at: LocalDateTime | null;
  location: string;
  logistics: string;
  notes: string;
  sections: SectionValues[];
  treatment_options: TreatmentOptionValues[];
  contingencies: { scenario: string; response: string }[];
  rehearsals: { scheduled_at: LocalDateTime | null; completed: boolean }[];
  contributions: ContributionValues[];
}

/** RFC 3339 → the picker's "YYYY-MM-DD HH:mm:ss" on the practice's clock. */
export function isoToLocal(iso: string | null | undefined): LocalDateTime | null {
  if (!iso) return null;
  return isoToZonedInput(iso);
}

/** The picker's "YYYY-MM-DD HH:mm:ss", read on the practice's clock → RFC 3339 UTC. */
export function localToIso(local: LocalDateTime | null | undefined): string | null {
  if (!local) return null;
  return zonedInputToIso(local);
}

/** The form shows one contribution row per participant, in the order of the list. */
export function planToFormValues(plan: PlanRead, participants: readonly ParticipantRead[]): PlanFormValues {
  const saved = new Map(plan.contributions.map((c) => [c.participant_id, c]));
  const contributions: ContributionValues[] = participants.map((p) => ({
    participant_id: p.id,
    contribution: saved.get(p.id)?.contribution ?? "",
    letter_ready: saved.get(p.id)?.letter_ready ?? false,
  }));
  return {
    scheduled_at: isoToLocal(plan.scheduled_at),
    location: plan.location ?? "",
    logistics: plan.logistics ?? "",
    notes: plan.notes ?? "",
    sections: plan.sections.map((s) => ({ key: s.key, title: s.title, guidance: s.guidance, content: s.content })),
    treatment_options: plan.treatment_options.map((t) => ({
      treatment_center_id: t.treatment_center_id,
      name: t.name,
      level_of_care: t.level_of_care,
      bed_hold_until: isoToLocal(t.bed_hold_until),
      is_primary: t.is_primary,
    })),
    contingencies: plan.contingencies.map((c) => ({ scenario: c.scenario, response: c.response })),
    rehearsals: plan.rehearsals.map((r) => ({ scheduled_at: isoToLocal(r.scheduled_at), completed: r.completed })),
    contributions,
  };
}

const blankToNull = (value: string): string | null => (value.trim() === "" ? null : value);

/** The whole plan as the API would store it from these values (lists are replaced whole). */
export function formToPlanBody(values: PlanFormValues): Required<Omit<PlanUpdate, "model" | "speaking_order">> {
  return {
    scheduled_at: localToIso(values.scheduled_at),
    location: blankToNull(values.location.trim()),
    logistics: blankToNull(values.logistics),
    notes: blankToNull(values.notes),
    sections: values.sections.map((s) => ({ key: s.key, title: s.title, content: s.content })),
    treatment_options: values.treatment_options.map((t) => ({
      ...(t.treatment_center_id ? { treatment_center_id: t.treatment_center_id } : {}),
      name: t.name.trim(),
      level_of_care: t.level_of_care as LevelOfCare,
      bed_hold_until: localToIso(t.bed_hold_until),
      is_primary: t.is_primary,
    })),
    contingencies: values.contingencies.map((c) => ({ scenario: c.scenario.trim(), response: c.response.trim() })),
    rehearsals: values.rehearsals.map((r) => ({ scheduled_at: localToIso(r.scheduled_at) as string, completed: r.completed })),
    // Rows nobody filled in are not part of the plan.
    contributions: values.contributions
      .filter((c) => c.contribution.trim() !== "" || c.letter_ready)
      .map((c) => ({ participant_id: c.participant_id, contribution: c.contribution, letter_ready: c.letter_ready })),
  };
}

/** Only the top-level fields that differ, so a save never rewrites what the user did not touch. */
export function toPlanUpdate(initial: PlanFormValues, values: PlanFormValues): PlanUpdate {
  const before = formToPlanBody(initial);
  const after = formToPlanBody(values);
  const body: PlanUpdate = {};
  for (const field of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[field]) !== JSON.stringify(after[field])) {
      (body as Record<string, unknown>)[field] = after[field];
    }
  }
  return body;
}

/** Paths the editor can show an error on (for mapping a 422). */
export function planFormFields(values: PlanFormValues): string[] {
  const fields = ["scheduled_at", "location", "logistics", "notes", "sections", "treatment_options", "contingencies", "rehearsals", "contributions"];
  values.sections.forEach((_, i) => fields.push(`sections.${i}`, `sections.${i}.content`, `sections.${i}.title`));
  values.treatment_options.forEach((_, i) =>
    fields.push(`treatment_options.${i}.name`, `treatment_options.${i}.level_of_care`, `treatment_options.${i}.bed_hold_until`),
  );
  values.contingencies.forEach((_, i) => fields.push(`contingencies.${i}.scenario`, `contingencies.${i}.response`));
  values.rehearsals.forEach((_, i) => fields.push(`rehearsals.${i}.scheduled_at`));
  values.contributions.forEach((_, i) => fields.push(`contributions.${i}.contribution`));
  return fields;
}

/**
 * A 422 on `contributions` counts entries of the body, which leaves out empty
 * rows; map body indexes back to form rows.
 */
export function contributionRowOf(values: PlanFormValues, bodyIndex: number): number | null {
  let seen = -1;
  for (let row = 0; row < values.contributions.length; row++) {
    const c = values.contributions[row]!;
    if (c.contribution.trim() !== "" || c.letter_ready) seen += 1;
    if (seen === bodyIndex) return row;
  }
  return null;
}

export function validatePlanForm(values: PlanFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  values.treatment_options.forEach((t, i) => {
    if (!t.name.trim()) errors[`treatment_options.${i}.name`] = "Name the program";
    if (!t.level_of_care) errors[`treatment_options.${i}.level_of_care`] = "Choose the level of care";
  });
  values.contingencies.forEach((c, i) => {
    if (!c.scenario.trim()) errors[`contingencies.${i}.scenario`] = "Describe what might happen";
    if (!c.response.trim()) errors[`contingencies.${i}.response`] = "Say what the team does";
  });
  values.rehearsals.forEach((r, i) => {
    if (!r.scheduled_at) errors[`rehearsals.${i}.scheduled_at`] = "Choose when the rehearsal is";
  });
  if (values.treatment_options.filter((t) => t.is_primary).length > 1)
    errors.treatment_options = "Only one option can be the primary one";
  return errors;
}

/** A section key from a title: lower-case snake case, as the API requires. */
export function sectionKey(title: string, taken: readonly string[]): string {
  const base =
    title
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "_")
      .replace(/^_+|_+$/g, "")
      .replace(/^[^a-z]+/, "")
      .slice(0, 50) || "section";
  let key = base;
  for (let n = 2; taken.includes(key); n++) key = `${base}_${n}`;
  return key;
}
