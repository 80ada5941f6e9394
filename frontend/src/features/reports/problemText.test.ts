import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import { reportErrorText } from "./problemText";

const problem = (detail: string | null, errors: { loc: (string | number)[]; msg: string; type: string }[] = []) =>
  new ApiError(422, { type: "/problems/validation-error", title: "Unprocessable", status: 422, detail, errors });

describe("reportErrorText", () => {
  it("names each field and its message when the detail only lists fields", () => {
    const error = problem("Invalid fields: from", [
      { loc: ["query", "from"], msg: "Value error, must be between 1900-01-01 and 2999-12-31", type: "value_error" },
    ]);
    expect(reportErrorText(error)).toEqual(["Start date: must be between 1900-01-01 and 2999-12-31"]);
  });

  it("keeps a detail that is already a sentence", () => {
    const error = problem("The start date is after today.", [{ loc: ["query", "from"], msg: "out of range", type: "x" }]);
    expect(reportErrorText(error)).toEqual(["The start date is after today."]);
  });

  it("describes errors that are not API problems", () => {
    expect(reportErrorText(new TypeError("fetch failed"))[0]).toMatch(/Cannot reach the server/);
  });
});
