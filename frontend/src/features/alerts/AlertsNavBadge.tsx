import { Badge } from "@mantine/core";
import { useAlertSummary } from "./api";

/** The open-alert count shown next to "Alerts" in the navigation; red while any is critical. */
export function AlertsNavBadge() {
  const summary = useAlertSummary();
  if (!summary.data || summary.data.open === 0) return null;
  const { open, open_critical } = summary.data;
  const label =
    open_critical > 0 ? `${open} open alerts, ${open_critical} critical` : `${open} open alert${open === 1 ? "" : "s"}`;
  return (
    <Badge
      size="sm"
      circle={open < 10}
      variant="filled"
      color={open_critical > 0 ? "red.8" : "gray.7"}
      aria-label={label}
      title={label}
      data-testid="alerts-nav-badge"
    >
      {open > 99 ? "99+" : open}
    </Badge>
  );
}
