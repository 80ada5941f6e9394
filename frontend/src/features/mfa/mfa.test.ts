import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import { challengeOf } from "../auth/LoginForm";
import { cleanCode } from "./api";
import { secondFactorErrorMessage } from "./SecondFactorForm";

const problem = (slug: string, extra: Record<string, unknown> = {}) =>
  new ApiError(401, { type: `/api/v1/problems/${slug}`, title: "t", status: 401, detail: "d", ...extra });

describe("the second sign-in step", () => {
  it("reads the mfa_token of an mfa-required problem", () => {
    expect(challengeOf(problem("mfa-required", { mfa_token: "abc" }))).toEqual({
      kind: "mfa-required",
      mfaToken: "abc",
    });
    expect(challengeOf(problem("mfa-enrollment-required", { mfa_token: "xyz" }))?.kind).toBe(
      "mfa-enrollment-required",
    );
  });

  it("treats other refusals as plain errors", () => {
    expect(challengeOf(problem("invalid-credentials"))).toBeNull();
    expect(challengeOf(problem("mfa-required"))).toBeNull();
    expect(challengeOf(new Error("offline"))).toBeNull();
  });

  it("keeps only the digits of a typed code", () => {
    expect(cleanCode(" 123 456 ")).toBe("123456");
  });

  it("says how long to wait when codes are throttled", () => {
    const locked = new ApiError(
      429,
      { type: "/api/v1/problems/account-locked", title: "t", status: 429, detail: null },
      120,
    );
    expect(secondFactorErrorMessage(locked)).toBe("Too many wrong codes. Try again in 2 minutes.");
  });
});
