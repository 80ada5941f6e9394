import { describe, expect, it } from "vitest";
import { ApiError } from "../api/problem";
import { signInErrorMessage } from "../features/auth/LoginForm";
import { IdempotencyKeys } from "./idempotency";
import { safeRedirect } from "./redirect";

describe("IdempotencyKeys", () => {
  it("reuses the key when the same submission is retried, and not otherwise", () => {
    let n = 0;
    const keys = new IdempotencyKeys(() => `key-${++n}`);
    expect(keys.keyFor({ a: 1 })).toBe("key-1");
    expect(keys.keyFor({ a: 1 })).toBe("key-1");
    expect(keys.keyFor({ a: 2 })).toBe("key-2");
    keys.reset();
    expect(keys.keyFor({ a: 2 })).toBe("key-3");
  });
});

describe("safeRedirect", () => {
  it("allows same-site paths only", () => {
    expect(safeRedirect("/cases/1?tab=plan")).toBe("/cases/1?tab=plan");
    expect(safeRedirect("https://evil.example/")).toBe("/reports");
    expect(safeRedirect("//evil.example/")).toBe("/reports");
    expect(safeRedirect("/login?redirect=/x")).toBe("/reports");
    expect(safeRedirect(undefined)).toBe("/reports");
  });
});

describe("signInErrorMessage", () => {
  const problem = (status: number, slug: string) => ({ type: `/api/v1/problems/${slug}`, title: slug, status });

  it("says the credentials are wrong without saying which", () => {
    expect(signInErrorMessage(new ApiError(401, problem(401, "invalid-credentials"))).message).toBe(
      "The email or password is not correct.",
    );
  });

  it("shows the lockout wait from Retry-After", () => {
    const locked = signInErrorMessage(new ApiError(429, problem(429, "account-locked"), 300));
    expect(locked).toEqual({ message: expect.stringContaining("Try again in 5 minutes"), waitSeconds: 300 });
    const throttled = signInErrorMessage(new ApiError(429, problem(429, "rate-limited"), 20));
    expect(throttled.message).toContain("Try again in 20 seconds");
  });
});
