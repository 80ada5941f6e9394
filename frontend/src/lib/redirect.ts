/** Only same-site paths may be redirect targets after sign-in (no open redirect). */
export function safeRedirect(target: unknown, fallback = "/reports"): string {
  if (typeof target !== "string") return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  if (target === "/login" || target.startsWith("/login?") || target.startsWith("/login/")) return fallback;
  return target;
}
