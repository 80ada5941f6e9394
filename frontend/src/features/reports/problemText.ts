import { ApiError, describeError } from "../../api/problem";

const FIELD_LABEL: Record<string, string> = {
  from: "Start date",
  to: "End date",
  lead_id: "Lead",
  model: "Model",
};

/**
 * Why the reports could not load, in words. The window checks' `detail` is already a
 * sentence; the generic validation handler's ("Invalid fields: from") names fields only,
 * so then each error's own message is shown beside its field.
 */
export function reportErrorText(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [describeError(error)];
  const { detail, errors } = error.problem;
  const generic = !detail || /^Invalid fields\b/.test(detail);
  if (generic && errors?.length) {
    return errors.map((e) => {
      const loc = e.loc.filter((part) => part !== "query" && part !== "body");
      const field = loc.length ? (FIELD_LABEL[String(loc[0])] ?? loc.join(".")) : null;
      const msg = e.msg.replace(/^Value error, /, "");
      return field ? `${field}: ${msg}` : msg;
    });
  }
  // The server's own words say which filter is refused (a shared link may name another lead's cases).
  return [detail || describeError(error)];
}
