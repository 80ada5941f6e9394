import { describe, expect, it } from "vitest";
import { completeInvitationCode } from "./invitationCode";

describe("completeInvitationCode", () => {
  it("accepts a code however it was typed", () => {
    expect(completeInvitationCode("K7QX-M2PD-9VTR")).toBe("K7QXM2PD9VTR");
    expect(completeInvitationCode(" k7qx m2pd 9vtr ")).toBe("K7QXM2PD9VTR");
    expect(completeInvitationCode("K7QX\u00a0M2PD\u2013 9VTR")).toBe("K7QXM2PD9VTR"); // pasted from a message app
  });

  it("waits until every character is there", () => {
    expect(completeInvitationCode("")).toBeNull();
    expect(completeInvitationCode("K7QX-M2PD-9VT")).toBeNull();
    expect(completeInvitationCode("K7QX-M2PD-9VTRX")).toBeNull();
  });
});
