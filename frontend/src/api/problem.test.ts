import { describe, expect, it } from "vitest";
import { ApiError, describeError, formatWait, parseRetryAfter, problemSlug, problemToFormErrors, toApiError } from "./problem";

describe("problemSlug", () => {
  it("is the last path segment of the problem type", () => {
    expect(problemSlug({ type: "/api/v1/problems/precondition-failed" })).toBe("precondition-failed");
    expect(problemSlug({ type: "about:blank" })).toBe("about:blank");
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("120")).toBe(120);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:30 GMT", now)).toBe(90);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("toApiError", () => {
  it("keeps the problem and the Retry-After wait", () => {
    const response = new Response(null, { status: 429, headers: { "Retry-After": "42" } });
    const error = toApiError(response, {
      type: "/api/v1/problems/account-locked",
      title: "Locked",
      status: 429,
      detail: "Try later",
    });
    expect(error.slug).toBe("account-locked");
    expect(error.retryAfterSeconds).toBe(42);
  });

  it("builds a problem when the body is not one", () => {
    const error = toApiError(new Response(null, { status: 502, statusText: "Bad Gateway" }), "<html>");
    expect(error.status).toBe(502);
    expect(error.problem.title).toBe("Bad Gateway");
  });
});

describe("problemToFormErrors", () => {
  const fields = ["client.first_name", "client.phone", "substances", "summary"];

  it("maps body locations to form paths", () => {
    const result = problemToFormErrors(
      [
        { loc: ["body", "client", "first_name"], msg: "Field required", type: "missing" },
        { loc: ["body", "summary"], msg: "Value error, Too long", type: "value_error" },
      ],
      fields,
    );
    expect(result.fieldErrors).toEqual({ "client.first_name": "Field required", summary: "Too long" });
    expect(result.unmatched).toEqual([]);
  });

  it("puts an error on one list element onto the list's input", () => {
    const result = problemToFormErrors([{ loc: ["body", "substances", 2], msg: "Too long", type: "x" }], fields);
    expect(result.fieldErrors).toEqual({ substances: "Too long" });
  });

  it("keeps the first message per field and reports the ones no field shows", () => {
    const result = problemToFormErrors(
      [
        { loc: ["body", "client", "phone"], msg: "first", type: "x" },
        { loc: ["body", "client", "phone"], msg: "second", type: "x" },
        { loc: ["body", "unknown_field"], msg: "Extra inputs are not permitted", type: "extra_forbidden" },
        { loc: ["header", "if-match"], msg: "Field required", type: "missing" },
      ],
      fields,
    );
    expect(result.fieldErrors).toEqual({ "client.phone": "first" });
    expect(result.unmatched).toEqual([
      "unknown_field: Extra inputs are not permitted",
      "header.if-match: Field required",
    ]);
  });

  it("copes with no errors at all", () => {
    expect(problemToFormErrors(undefined, fields)).toEqual({ fieldErrors: {}, unmatched: [] });
  });
});

describe("describeError", () => {
  it("explains a stale write in words", () => {
    const error = new ApiError(412, { type: "/api/v1/problems/precondition-failed", title: "x", status: 412 });
    expect(describeError(error)).toMatch(/changed by someone else/);
  });
  it("explains a network failure", () => {
    expect(describeError(new TypeError("Failed to fetch"))).toMatch(/Cannot reach the server/);
  });
  it("formats waits", () => {
    expect(formatWait(1)).toBe("1 second");
    expect(formatWait(59)).toBe("59 seconds");
    expect(formatWait(61)).toBe("2 minutes");
  });
});
