// Toasts: at most three at a time (main.tsx `limit`), away from the user menu, and
// the same news shown once, not stacked ("Measurement recorded" ×5 is one toast).
import { notifications, type NotificationData } from "@mantine/notifications";

/** The id that groups a toast with its twins: its own id, else its title and text. */
export function toastId(toast: NotificationData): string | undefined {
  if (toast.id) return toast.id;
  const text = (part: unknown) => (typeof part === "string" || typeof part === "number" ? String(part) : null);
  const title = text(toast.title);
  const message = text(toast.message);
  if (title === null && message === null) return undefined;
  return `toast:${toast.color ?? ""}:${title ?? ""}:${message ?? ""}`;
}

let grouped = false;

/** Make every `notifications.show` group identical toasts (Mantine ignores a show whose id is on screen). */
export function groupToasts(): void {
  if (grouped) return;
  grouped = true;
  const show = notifications.show;
  // The store's API object is declared read-only but is a plain object; this is the one
  // place that wraps it, so no caller has to remember.
  (notifications as { show: typeof show }).show = (toast: NotificationData) => show({ ...toast, id: toastId(toast) });
}
