// What changed between two saved versions of an aftercare plan (their revision snapshots),
// section by section, in the order the editor shows them.
import type { LevelOfCare } from "../../api/types";
import { formatDate, formatDateTime, humanize } from "../../lib/format";
import { listChange, type FieldChange, type Snapshot } from "../../lib/snapshotDiff";
import { levelOfCareLabel } from "../plans/labels";

export interface AftercareDiffContext {
  /** A participant's name from their id (ids of people since removed fall back to a placeholder). */
  participantName: (id: string) => string;
}

type Row = Record<string, unknown>;

// Fields that change on every save, or that the follow-ups list and the case already show.
const IGNORED = new Set(["id", "case_id", "version", "created_at", "updated_at", "started_at", "follow_ups", "escalation_missing"]);

const str = (value: unknown): string => (typeof value === "string" ? value : value == null ? "" : String(value));
const rows = (value: unknown): Row[] => (Array.isArray(value) ? (value as Row[]) : []);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(str) : []);
const object = (value: unknown): Row | null => (value && typeof value === "object" && !Array.isArray(value) ? (value as Row) : null);

const RELAPSE_PREVENTION: [string, string][] = [
  ["triggers", "Triggers"],
  ["warning_signs", "Warning signs"],
  ["high_risk_situations", "High-risk situations"],
  ["coping_strategies", "Coping strategies"],
];

/** Field-level changes from `older` to `newer`. */
export function diffAftercare(older: Snapshot, newer: Snapshot, context: AftercareDiffContext): FieldChange[] {
  const changes: FieldChange[] = [];
  const push = (change: FieldChange | null) => change && changes.push(change);
  const forWhom = (id: unknown) => (str(id) === "client" ? "the client" : context.participantName(str(id)));

  for (const [field, label] of RELAPSE_PREVENTION) {
    const before = strings(object(older.relapse_prevention)?.[field]);
    const after = strings(object(newer.relapse_prevention)?.[field]);
    push(listChange(`relapse_prevention.${field}`, label, before, after));
  }

  const contact = (c: Row) => `${str(c.name)}${c.relationship ? ` (${str(c.relationship)})` : ""}: ${str(c.phone)}`;
  push(listChange("emergency_contacts", "Emergency contacts", rows(older.emergency_contacts).map(contact), rows(newer.emergency_contacts).map(contact)));

  const chosen = (r: Row) => `${str(r.resource_name) || "A resource"} for ${forWhom(r.for)}${r.note ? `: ${str(r.note)}` : ""}`;
  push(listChange("resources", "Resources", rows(older.resources).map(chosen), rows(newer.resources).map(chosen)));

  const single: [string, string, (v: Row) => string][] = [
    ["sober_living", "Sober living", (v) => `${str(v.name)}${v.move_in_date ? `, from ${formatDate(str(v.move_in_date))}` : ""}`],
    [
      "outpatient",
      "Outpatient care",
      (v) =>
        `${str(v.name)}${v.level_of_care ? `, ${levelOfCareLabel(str(v.level_of_care) as LevelOfCare)}` : ""}${
          v.first_appointment_at ? `, first appointment ${formatDateTime(str(v.first_appointment_at))}` : ""
        }`,
    ],
    [
      "medication",
      "Medication",
      (v) => `${humanize(str(v.kind))}${v.prescriber ? `, prescribed by ${str(v.prescriber)}` : ""}${v.notes ? ` (${str(v.notes)})` : ""}`,
    ],
    [
      "escalation_agreement",
      "Escalation agreement",
      (v) =>
        [
          v.relapse_definition ? `What counts as a relapse: ${str(v.relapse_definition)}` : "",
          v.next_level_of_care ? `Next step: ${levelOfCareLabel(str(v.next_level_of_care) as LevelOfCare)}` : "",
          v.who_calls ? `Who calls whom: ${str(v.who_calls)}` : "",
          strings(v.agreed_by).length ? `Agreed by ${strings(v.agreed_by).map(forWhom).join(", ")}` : "",
          v.agreed_at ? `on ${formatDateTime(str(v.agreed_at))}` : "",
        ]
          .filter(Boolean)
          .join("; "),
    ],
  ];
  for (const [field, label, text] of single) {
    const a = object(older[field]);
    const b = object(newer[field]);
    const before = a ? text(a) : null;
    const after = b ? text(b) : null;
    if (before !== after) changes.push({ field, label, before, after });
  }

  const commitment = (s: Row | undefined) => (s ? str(s.commitment) || "(no commitment written)" : null);
  const olderSupport = new Map(rows(older.family_support).map((s) => [str(s.participant_id), s]));
  const newerSupport = new Map(rows(newer.family_support).map((s) => [str(s.participant_id), s]));
  for (const id of new Set([...olderSupport.keys(), ...newerSupport.keys()])) {
    const before = commitment(olderSupport.get(id));
    const after = commitment(newerSupport.get(id));
    if (before !== after) changes.push({ field: `family_support.${id}`, label: `Family support: ${context.participantName(id)}`, before, after });
  }

  const notes = [str(older.notes) || null, str(newer.notes) || null];
  if (notes[0] !== notes[1]) changes.push({ field: "notes", label: "Team notes", before: notes[0], after: notes[1] });
  if (str(older.escalated_at) !== str(newer.escalated_at))
    changes.push({
      field: "escalated_at",
      label: "Escalated back to treatment",
      before: older.escalated_at ? formatDateTime(str(older.escalated_at)) : null,
      after: newer.escalated_at ? formatDateTime(str(newer.escalated_at)) : null,
    });

  // Anything a newer API adds is still shown rather than silently ignored.
  const known = new Set(["relapse_prevention", "emergency_contacts", "resources", "family_support", "notes", "escalated_at", ...single.map((s) => s[0])]);
  for (const field of new Set([...Object.keys(older), ...Object.keys(newer)])) {
    if (known.has(field) || IGNORED.has(field)) continue;
    const before = older[field] == null ? null : JSON.stringify(older[field]);
    const after = newer[field] == null ? null : JSON.stringify(newer[field]);
    if (before !== after) changes.push({ field, label: humanize(field), before, after });
  }
  return changes;
}
