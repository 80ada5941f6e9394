/** The open-alert count shown next to "Alerts" in the navigation. */
export function AlertsNavBadge() {
  return null;
}
