import type { CaseStatus } from "../../api/types";

/** Moves that need a reason, as the API's status machine says (api/cases/status.py, docs/api.md):
 * moves back, and moves that skip the planned route (into treatment without a formal
 * intervention, into aftercare without a recorded admission). */
const REASON_REQUIRED: ReadonlyArray<readonly [CaseStatus, CaseStatus]> = [
  ["scheduled", "planning"],
  ["intervention_held", "planning"],
  ["in_treatment", "planning"],
  ["aftercare", "in_treatment"],
  ["aftercare", "planning"],
  ["closed", "intake"],
  ["intake", "in_treatment"],
  ["planning", "in_treatment"],
  ["scheduled", "in_treatment"],
  ["intake", "aftercare"],
  ["planning", "aftercare"],
  ["scheduled", "aftercare"],
  ["intervention_held", "aftercare"],
];

export interface TransitionNeeds {
  reason: "required" | "optional";
  outcome: boolean;
  /** A short word for the menu and dialog: "Reschedule", "Reopen", … */
  verb: string;
}

export function transitionNeeds(from: CaseStatus, to: CaseStatus): TransitionNeeds {
  const required = REASON_REQUIRED.some(([a, b]) => a === from && b === to);
  return {
    reason: required ? "required" : "optional",
    outcome: to === "closed",
    verb: verbFor(from, to),
  };
}

const BEFORE_TREATMENT: readonly CaseStatus[] = ["intake", "planning", "scheduled"];

function verbFor(from: CaseStatus, to: CaseStatus): string {
  if (from === "closed" && to === "intake") return "Reopen case";
  if (to === "closed") return "Close case";
  if (from === "scheduled" && to === "planning") return "Reschedule (back to planning)";
  if (from === "intervention_held" && to === "planning") return "Declined — back to planning";
  if (from === "aftercare" && to === "in_treatment") return "Relapse — back to treatment";
  if (from === "aftercare" && to === "planning") return "Relapse, treatment refused — back to planning";
  if (from === "in_treatment" && to === "planning") return "Left treatment early — back to planning";
  if (BEFORE_TREATMENT.includes(from) && to === "in_treatment") return "Entered treatment (without the intervention)";
  if (from !== "in_treatment" && to === "aftercare") return "Completed treatment — aftercare";
  return "";
}
