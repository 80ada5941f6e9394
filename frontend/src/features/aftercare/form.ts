// The aftercare editor's form values, and the PUT body made from them (the whole plan).
import type { AftercareRead, AftercareUpdate, LevelOfCare, MedicationKind, ParticipantRead } from "../../api/types";

export interface ContactRow {
  name: string;
  relationship: string;
  phone: string;
  participant_id: string | null;
}

export interface ResourceRow {
  resource_id: string;
  resource_name: string;
  for: string;
  note: string;
}

export interface FamilyRow {
  participant_id: string;
  resource_id: string | null;
  commitment: string;
}

export interface AftercareFormValues {
  triggers: string;
  warning_signs: string;
  high_risk_situations: string;
  coping_strategies: string;
  emergency_contacts: ContactRow[];
  resources: ResourceRow[];
  sober_living_name: string;
  sober_living_resource_id: string | null;
  sober_living_move_in: string;
  outpatient_name: string;
  outpatient_center_id: string | null;
  outpatient_level: LevelOfCare | null;
  outpatient_first_at: string | null;
  medication_kind: MedicationKind | null;
  medication_prescriber: string;
  medication_notes: string;
  family_support: FamilyRow[];
  relapse_definition: string;
  next_level_of_care: LevelOfCare | null;
  escalation_center_id: string | null;
  who_calls: string;
  agreed_by: string[];
  agreed_at: string | null;
  notes: string;
}

const lines = (items: string[]) => items.join("\n");
const toLines = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** The form for a saved plan: one family row per participant, in their order. */
export function aftercareToFormValues(plan: AftercareRead, participants: ParticipantRead[]): AftercareFormValues {
  const prevention = plan.relapse_prevention;
  const support = new Map(plan.family_support.map((s) => [s.participant_id, s]));
  const agreement = plan.escalation_agreement;
  return {
    triggers: lines(prevention.triggers),
    warning_signs: lines(prevention.warning_signs),
    high_risk_situations: lines(prevention.high_risk_situations),
    coping_strategies: lines(prevention.coping_strategies),
    emergency_contacts: plan.emergency_contacts.map((c) => ({ ...c, participant_id: c.participant_id ?? null })),
    resources: plan.resources.map((r) => ({ resource_id: r.resource_id, resource_name: r.resource_name, for: r.for, note: r.note })),
    sober_living_name: plan.sober_living?.name ?? "",
    sober_living_resource_id: plan.sober_living?.resource_id ?? null,
    sober_living_move_in: plan.sober_living?.move_in_date ?? "",
    outpatient_name: plan.outpatient?.name ?? "",
    outpatient_center_id: plan.outpatient?.treatment_center_id ?? null,
    outpatient_level: plan.outpatient?.level_of_care ?? null,
    outpatient_first_at: plan.outpatient?.first_appointment_at ?? null,
    medication_kind: plan.medication?.kind ?? null,
    medication_prescriber: plan.medication?.prescriber ?? "",
    medication_notes: plan.medication?.notes ?? "",
    family_support: participants.map((p) => ({
      participant_id: p.id,
      resource_id: support.get(p.id)?.resource_id ?? null,
      commitment: support.get(p.id)?.commitment ?? "",
    })),
    relapse_definition: agreement?.relapse_definition ?? "",
    next_level_of_care: agreement?.next_level_of_care ?? null,
    escalation_center_id: agreement?.treatment_center_id ?? null,
    who_calls: agreement?.who_calls ?? "",
    agreed_by: agreement?.agreed_by ?? [],
    agreed_at: agreement?.agreed_at ?? null,
    notes: plan.notes ?? "",
  };
}

/** The whole plan as PUT takes it (follow-ups are left out: they change on their own). */
export function toAftercareUpdate(values: AftercareFormValues): AftercareUpdate {
  const hasAgreement =
    values.relapse_definition.trim() ||
    values.next_level_of_care ||
    values.escalation_center_id ||
    values.who_calls.trim() ||
    values.agreed_by.length > 0;
  return {
    relapse_prevention: {
      triggers: toLines(values.triggers),
      warning_signs: toLines(values.warning_signs),
      high_risk_situations: toLines(values.high_risk_situations),
      coping_strategies: toLines(values.coping_strategies),
    },
    emergency_contacts: values.emergency_contacts
      .filter((c) => c.name.trim() || c.phone.trim())
      .map((c) => ({ name: c.name.trim(), relationship: c.relationship.trim(), phone: c.phone.trim(), participant_id: c.participant_id })),
    resources: values.resources.map((r) => ({ resource_id: r.resource_id, for: r.for, note: r.note.trim() })),
    sober_living: values.sober_living_name.trim()
      ? {
          name: values.sober_living_name.trim(),
          resource_id: values.sober_living_resource_id,
          move_in_date: values.sober_living_move_in || null,
        }
      : null,
    outpatient:
      values.outpatient_name.trim() && values.outpatient_level
        ? {
            name: values.outpatient_name.trim(),
            treatment_center_id: values.outpatient_center_id,
            level_of_care: values.outpatient_level,
            first_appointment_at: values.outpatient_first_at,
          }
        : null,
    medication: values.medication_kind
      ? { kind: values.medication_kind, prescriber: values.medication_prescriber.trim(), notes: values.medication_notes.trim() }
      : null,
    family_support: values.family_support
      .filter((s) => s.commitment.trim() || s.resource_id)
      .map((s) => ({ participant_id: s.participant_id, resource_id: s.resource_id, commitment: s.commitment.trim() })),
    escalation_agreement: hasAgreement
      ? {
          relapse_definition: values.relapse_definition.trim(),
          next_level_of_care: values.next_level_of_care,
          treatment_center_id: values.escalation_center_id,
          who_calls: values.who_calls.trim(),
          agreed_by: values.agreed_by,
          agreed_at: values.agreed_at,
        }
      : null,
    notes: values.notes.trim() || null,
  };
}

/** Whether the form differs from the saved plan (compared as the bodies they would send). */
export function isDirty(base: AftercareFormValues, values: AftercareFormValues): boolean {
  return JSON.stringify(toAftercareUpdate(base)) !== JSON.stringify(toAftercareUpdate(values));
}

/** Form paths of API error locations (`["body", "emergency_contacts", 0, "phone"]`). */
export function formPathOf(loc: (string | number)[]): string | null {
  const [, section, ...rest] = loc;
  if (section === "relapse_prevention" && typeof rest[0] === "string") return rest[0];
  if (section === "emergency_contacts" || section === "resources" || section === "family_support") {
    return [section, ...rest].join(".");
  }
  const flat: Record<string, Record<string, string>> = {
    sober_living: { name: "sober_living_name", resource_id: "sober_living_resource_id", move_in_date: "sober_living_move_in" },
    outpatient: { name: "outpatient_name", treatment_center_id: "outpatient_center_id", level_of_care: "outpatient_level" },
    medication: { kind: "medication_kind", prescriber: "medication_prescriber", notes: "medication_notes" },
    escalation_agreement: {
      relapse_definition: "relapse_definition",
      next_level_of_care: "next_level_of_care",
      treatment_center_id: "escalation_center_id",
      who_calls: "who_calls",
      agreed_by: "agreed_by",
      agreed_at: "agreed_at",
    },
  };
  if (typeof section === "string" && flat[section] && typeof rest[0] === "string") return flat[section][rest[0]] ?? null;
  if (section === "notes") return "notes";
  return null;
}
