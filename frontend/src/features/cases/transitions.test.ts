import { describe, expect, it } from "vitest";
import { transitionNeeds } from "./transitions";

describe("transitionNeeds", () => {
  it("asks for a reason on backward moves", () => {
    expect(transitionNeeds("scheduled", "planning").reason).toBe("required");
    expect(transitionNeeds("intervention_held", "planning").reason).toBe("required");
    expect(transitionNeeds("aftercare", "in_treatment").reason).toBe("required");
    expect(transitionNeeds("closed", "intake")).toEqual({ reason: "required", outcome: false, verb: "Reopen case" });
  });

  it("keeps the reason optional on forward moves", () => {
    expect(transitionNeeds("intake", "planning")).toEqual({ reason: "optional", outcome: false, verb: "" });
  });

  it("asks for an outcome when closing", () => {
    expect(transitionNeeds("planning", "closed")).toEqual({ reason: "optional", outcome: true, verb: "Close case" });
  });
});
