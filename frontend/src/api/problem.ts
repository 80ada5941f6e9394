import type { Problem, ProblemError } from "./types";

/** Problem slugs the SPA reacts to (the last path segment of `type`). */
export type ProblemSlug =
  | "validation-error"
  | "not-found"
  | "conflict"
  | "invalid-transition"
  | "precondition-failed"
  | "precondition-required"
  | "invalid-credentials"
  | "invalid-token"
  | "invalid-grant"
  | "forbidden"
  | "rate-limited"
  | "account-locked"
  | "idempotency-key-reused"
  | "idempotency-in-flight"
  | "payload-too-large"
  | "internal-error"
  | (string & {});

/** An API call that answered with an error status (problem+json or not). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfterSeconds: number | null;

  constructor(status: number, problem: Problem, retryAfterSeconds: number | null = null) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get slug(): ProblemSlug {
    return problemSlug(this.problem);
  }
}

export function problemSlug(problem: Pick<Problem, "type">): ProblemSlug {
  const type = problem.type ?? "";
  const parts = type.split("/").filter(Boolean);
  return parts[parts.length - 1] ?? "";
}

export function isProblem(value: unknown): value is Problem {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as { title?: unknown }).title === "string" &&
    typeof (value as { status?: unknown }).status === "number"
  );
}

/** Retry-After in seconds (delta-seconds or HTTP date); null when absent. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turn whatever an error response carried into an ApiError. */
export function toApiError(response: Response, body: unknown): ApiError {
  const problem: Problem = isProblem(body)
    ? body
    : {
        type: "about:blank",
        title: response.statusText || "Request failed",
        status: response.status,
        detail: null,
      };
  return new ApiError(response.status, problem, parseRetryAfter(response.headers.get("Retry-After")));
}

export interface FormErrorMapping {
  /** Errors keyed by form path ("client.first_name"), ready for form.setErrors. */
  fieldErrors: Record<string, string>;
  /** Messages that belong to no field of this form, to show above it. */
  unmatched: string[];
}

/**
 * Map a 422 problem's `errors[]` onto form fields.
 * `loc` is like ["body", "client", "first_name"] or ["body", "substances", 2];
 * the leading "body" is dropped and the longest known field path wins, so an
 * error on one list element lands on the list's input.
 */
export function problemToFormErrors(
  errors: readonly ProblemError[] | null | undefined,
  knownFields: readonly string[],
): FormErrorMapping {
  const known = new Set(knownFields);
  const fieldErrors: Record<string, string> = {};
  const unmatched: string[] = [];
  for (const error of errors ?? []) {
    const loc = [...error.loc];
    if (loc[0] === "body") loc.shift();
    let path: string | null = null;
    for (let len = loc.length; len > 0; len--) {
      const candidate = loc.slice(0, len).join(".");
      if (known.has(candidate)) {
        path = candidate;
        break;
      }
    }
    const msg = cleanMessage(error.msg);
    if (path === null) {
      unmatched.push(loc.length ? `${loc.join(".")}: ${msg}` : msg);
    } else if (!fieldErrors[path]) {
      fieldErrors[path] = msg;
    }
  }
  return { fieldErrors, unmatched };
}

/** Pydantic prefixes messages with "Value error, "; users need not see that. */
function cleanMessage(msg: string): string {
  return msg.replace(/^Value error, /, "");
}

/** One sentence for a person, for errors shown in a notification or alert. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    switch (error.slug) {
      case "precondition-failed":
        return "This record was changed by someone else — reload to see their changes.";
      case "forbidden":
        return "You do not have permission to do that.";
      case "not-found":
        return "This record does not exist or you no longer have access to it.";
      case "rate-limited":
        return `Too many requests. Try again in ${formatWait(error.retryAfterSeconds ?? 60)}.`;
      case "idempotency-in-flight":
        return "The same request is still being processed. Wait a moment and try again.";
      case "internal-error":
        return "Something went wrong on the server. Try again; if it keeps happening, contact support.";
      default:
        return error.problem.detail || error.problem.title;
    }
  }
  if (error instanceof TypeError) return "Cannot reach the server. Check your connection and try again.";
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

export function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
