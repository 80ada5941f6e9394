// What changed between two saved versions of a plan (their revision snapshots).
// The shapes and list comparison are shared with the aftercare plan (lib/snapshotDiff.ts).
import type { DeliveryResult, LevelOfCare, PlanStatus } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { listChange, listDelta, type FieldChange, type Snapshot } from "../../lib/snapshotDiff";
import { DELIVERY_RESULT_LABEL, PLAN_STATUS_LABEL } from "./labels";

export interface DiffContext {
  /** A participant's name from their id (ids of people since removed fall back to a placeholder). */
  participantName: (id: string) => string;
}

// Fields that change on every save, or that other fields already explain.
const IGNORED = new Set(["id", "case_id", "version", "created_at", "updated_at", "next_step_suggestion"]);

const SCALAR_LABEL: Record<string, string> = {
  model: "Model",
  status: "Status",
  scheduled_at: "Date and time",
  location: "Location",
  logistics: "Logistics",
  notes: "Notes",
  submitted_at: "Submitted",
  submitted_by: "Submitted by",
  approved_at: "Approved",
  approved_by: "Approved by",
  held_at: "Held",
  result: "Result",
  result_notes: "Result notes",
};

const TIMESTAMPS = new Set(["scheduled_at", "submitted_at", "approved_at", "held_at"]);

const str = (value: unknown): string => (typeof value === "string" ? value : value == null ? "" : String(value));
const list = (value: unknown): Record<string, unknown>[] =>
  Array.isArray(value) ? (value as Record<string, unknown>[]) : [];

function scalarText(field: string, value: unknown): string | null {
  if (value === null || value === undefined || value === "") return null;
  if (TIMESTAMPS.has(field)) return formatDateTime(str(value));
  if (field === "status") return PLAN_STATUS_LABEL[value as PlanStatus] ?? str(value);
  if (field === "result") return DELIVERY_RESULT_LABEL[value as DeliveryResult] ?? str(value);
  if (typeof value === "object" && value && "full_name" in value) return str((value as { full_name: unknown }).full_name);
  return str(value);
}

export function treatmentOptionText(option: Record<string, unknown>): string {
  const parts = [`${str(option.name)} (ASAM ${str(option.level_of_care as LevelOfCare)}`];
  if (option.bed_hold_until) parts.push(`, bed held until ${formatDateTime(str(option.bed_hold_until))}`);
  if (option.is_primary) parts.push(", primary");
  return `${parts.join("")})`;
}

const contingencyText = (c: Record<string, unknown>) => `${str(c.scenario)} → ${str(c.response)}`;
const rehearsalText = (r: Record<string, unknown>) =>
  `${formatDateTime(str(r.scheduled_at))}${r.completed ? " (completed)" : ""}`;

/** Field-level changes from `older` to `newer`, in a stable, reading order. */
export function diffSnapshots(older: Snapshot, newer: Snapshot, context: DiffContext): FieldChange[] {
  const changes: FieldChange[] = [];

  for (const field of Object.keys(SCALAR_LABEL)) {
    const before = scalarText(field, older[field]);
    const after = scalarText(field, newer[field]);
    if (before !== after) changes.push({ field, label: SCALAR_LABEL[field]!, before, after });
  }

  // Sections are matched by key, so a changed text shows as one change, not a removal and an addition.
  const olderSections = new Map(list(older.sections).map((s) => [str(s.key), s]));
  const newerSections = new Map(list(newer.sections).map((s) => [str(s.key), s]));
  for (const key of new Set([...olderSections.keys(), ...newerSections.keys()])) {
    const a = olderSections.get(key);
    const b = newerSections.get(key);
    const title = str((b ?? a)?.title);
    const before = a ? str(a.content) || null : null;
    const after = b ? str(b.content) || null : null;
    if (!a) changes.push({ field: `sections.${key}`, label: `Section added: ${title}`, before: null, after });
    else if (!b) changes.push({ field: `sections.${key}`, label: `Section removed: ${title}`, before, after: null });
    else if (before !== after || str(a.title) !== str(b.title))
      changes.push({ field: `sections.${key}`, label: `Section: ${title}`, before, after });
  }

  const order = (snapshot: Snapshot) => (Array.isArray(snapshot.speaking_order) ? (snapshot.speaking_order as string[]) : []);
  const olderOrder = order(older);
  const newerOrder = order(newer);
  if (olderOrder.join() !== newerOrder.join()) {
    const numbered = (ids: string[]) => (ids.length ? ids.map((id, i) => `${i + 1}. ${context.participantName(id)}`).join(", ") : null);
    const { added, removed } = listDelta(olderOrder, newerOrder);
    changes.push({
      field: "speaking_order",
      label: "Speaking order",
      before: numbered(olderOrder),
      after: numbered(newerOrder),
      added: added.map(context.participantName),
      removed: removed.map(context.participantName),
      ...(!added.length && !removed.length ? { reordered: true } : {}),
    });
  }

  const contribution = (c: Record<string, unknown> | undefined) =>
    c ? `${str(c.contribution) || "(no text)"}${c.letter_ready ? " — letter ready" : ""}` : null;
  const olderContributions = new Map(list(older.contributions).map((c) => [str(c.participant_id), c]));
  const newerContributions = new Map(list(newer.contributions).map((c) => [str(c.participant_id), c]));
  for (const id of new Set([...olderContributions.keys(), ...newerContributions.keys()])) {
    const before = contribution(olderContributions.get(id));
    const after = contribution(newerContributions.get(id));
    if (before !== after)
      changes.push({ field: `contributions.${id}`, label: `Contribution: ${context.participantName(id)}`, before, after });
  }

  const lists: [string, string, (item: Record<string, unknown>) => string][] = [
    ["treatment_options", "Treatment options", treatmentOptionText],
    ["contingencies", "Contingencies", contingencyText],
    ["rehearsals", "Rehearsals", rehearsalText],
  ];
  for (const [field, label, text] of lists) {
    const change = listChange(field, label, list(older[field]).map(text), list(newer[field]).map(text));
    if (change) changes.push(change);
  }

  // Anything a newer API adds is still shown rather than silently ignored.
  const known = new Set([...Object.keys(SCALAR_LABEL), "sections", "speaking_order", "contributions", ...lists.map((l) => l[0])]);
  for (const field of new Set([...Object.keys(older), ...Object.keys(newer)])) {
    if (known.has(field) || IGNORED.has(field)) continue;
    const before = older[field] == null ? null : JSON.stringify(older[field]);
    const after = newer[field] == null ? null : JSON.stringify(newer[field]);
    if (before !== after) changes.push({ field, label: field, before, after });
  }
  return changes;
}
