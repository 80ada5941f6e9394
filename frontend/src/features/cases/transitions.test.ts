import { describe, expect, it } from "vitest";
import { transitionNeeds } from "./transitions";

describe("transitionNeeds", () => {
  it("asks for a reason on backward moves", () => {
    expect(transitionNeeds("scheduled", "planning").reason).toBe("required");
    expect(transitionNeeds("intervention_held", "planning").reason).toBe("required");
    expect(transitionNeeds("in_treatment", "planning")).toEqual({
      reason: "required",
      outcome: false,
      verb: "Left treatment early — back to planning",
    });
    expect(transitionNeeds("aftercare", "in_treatment").reason).toBe("required");
    expect(transitionNeeds("aftercare", "planning").reason).toBe("required");
    expect(transitionNeeds("closed", "intake")).toEqual({ reason: "required", outcome: false, verb: "Reopen case" });
  });

  it("asks for a reason when a move skips the planned route", () => {
    expect(transitionNeeds("planning", "in_treatment")).toEqual({
      reason: "required",
      outcome: false,
      verb: "Entered treatment (without the intervention)",
    });
    expect(transitionNeeds("intake", "in_treatment").reason).toBe("required");
    expect(transitionNeeds("scheduled", "in_treatment").reason).toBe("required");
    expect(transitionNeeds("planning", "aftercare").reason).toBe("required");
  });

  it("keeps the reason optional on forward moves", () => {
    expect(transitionNeeds("intake", "planning")).toEqual({ reason: "optional", outcome: false, verb: "" });
    expect(transitionNeeds("intervention_held", "in_treatment").reason).toBe("optional");
    expect(transitionNeeds("in_treatment", "aftercare").reason).toBe("optional");
  });

  it("asks for an outcome when closing", () => {
    expect(transitionNeeds("planning", "closed")).toEqual({ reason: "optional", outcome: true, verb: "Close case" });
  });
});
