import { describe, expect, it } from "vitest";
import type { CaseRead } from "../../api/types";
import { caseToFormValues, EMPTY_CASE_FORM, toCreateBody, toUpdateBody, validateCaseForm } from "./form";

const existing: CaseRead = {
  id: "6f1c",
  reference: "C-2026-0042",
  client: { first_name: "Daniel", last_name: "Okafor", preferred_name: "Danny", date_of_birth: null, email: null, phone: null, phone_extension: null },
  primary_substance: "Alcohol",
  substances: ["Alcohol"],
  risk_flags: [],
  intervention_model: null,
  status: "intake",
  outcome: null,
  summary: null,
  time_zone: null,
  effective_time_zone: "America/New_York",
  team: [],
  client_portal_status: "none",
  allowed_transitions: ["planning", "closed"],
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
  version: 1,
};

describe("case form ↔ API bodies", () => {
  it("leaves blank optional fields out of a new case", () => {
    const values = { ...EMPTY_CASE_FORM, client: { ...EMPTY_CASE_FORM.client, first_name: " Maya ", last_name: "Rivera" } };
    expect(toCreateBody(values)).toEqual({ client: { first_name: "Maya", last_name: "Rivera" }, substances: [], risk_flags: [] });
  });

  it("sends only what changed, and clears emptied fields with null", () => {
    const initial = caseToFormValues(existing);
    const edited = {
      ...initial,
      client: { ...initial.client, preferred_name: "", phone: "+1 555 0100" },
      risk_flags: ["overdose_history" as const],
    };
    expect(toUpdateBody(initial, edited)).toEqual({
      client: { preferred_name: null, phone: "+1 555 0100" },
      risk_flags: ["overdose_history"],
    });
    expect(toUpdateBody(initial, initial)).toEqual({});
  });

  it("checks the required names before a round trip", () => {
    expect(Object.keys(validateCaseForm(EMPTY_CASE_FORM))).toEqual(["client.first_name", "client.last_name"]);
  });
});
