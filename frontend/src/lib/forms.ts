import type { UseFormReturnType } from "@mantine/form";
import { ApiError, describeError, problemToFormErrors } from "../api/problem";

/**
 * Show an API error on a form: 422 field errors go next to their inputs,
 * anything else comes back as one message for an alert above the form.
 */
export function applyApiError<V>(
  form: UseFormReturnType<V>,
  error: unknown,
  knownFields: readonly string[],
): string | null {
  if (error instanceof ApiError && error.status === 422 && error.problem.errors?.length) {
    const { fieldErrors, unmatched } = problemToFormErrors(error.problem.errors, knownFields);
    form.setErrors(fieldErrors);
    const first = Object.keys(fieldErrors)[0];
    if (first) form.getInputNode(first)?.focus();
    if (unmatched.length) return unmatched.join("\n");
    return Object.keys(fieldErrors).length ? null : describeError(error);
  }
  return describeError(error);
}
