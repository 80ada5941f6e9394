import { safeRedirect } from "../../lib/redirect";

/** After a portal sign-in, only portal pages (never the sign-in pages themselves). */
export function portalRedirect(target: unknown): string {
  const path = safeRedirect(target, "/portal");
  if (path !== "/portal" && !path.startsWith("/portal/") && !path.startsWith("/portal?")) return "/portal";
  if (/^\/portal\/(login|accept)(\/|\?|$)/.test(path)) return "/portal";
  return path;
}
