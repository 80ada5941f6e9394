import type { CaseStatus } from "../../api/types";
import { STATUS_ORDER } from "./labels";

/** Backward moves of the status machine; the API requires a reason for each. */
const BACKWARD: ReadonlyArray<readonly [CaseStatus, CaseStatus]> = [
  ["scheduled", "planning"],
  ["intervention_held", "planning"],
  ["aftercare", "in_treatment"],
  ["closed", "intake"],
];

export interface TransitionNeeds {
  reason: "required" | "optional";
  outcome: boolean;
  /** A short word for the menu and dialog: "Reschedule", "Reopen", … */
  verb: string;
}

export function transitionNeeds(from: CaseStatus, to: CaseStatus): TransitionNeeds {
  const backward =
    BACKWARD.some(([a, b]) => a === from && b === to) || STATUS_ORDER.indexOf(to) < STATUS_ORDER.indexOf(from);
  return {
    reason: backward ? "required" : "optional",
    outcome: to === "closed",
    verb: verbFor(from, to),
  };
}

function verbFor(from: CaseStatus, to: CaseStatus): string {
  if (from === "closed" && to === "intake") return "Reopen case";
  if (to === "closed") return "Close case";
  if (from === "scheduled" && to === "planning") return "Reschedule (back to planning)";
  if (from === "intervention_held" && to === "planning") return "Declined — back to planning";
  if (from === "aftercare" && to === "in_treatment") return "Relapse — back to treatment";
  return "";
}
