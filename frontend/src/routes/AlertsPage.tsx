import { ComingSoon } from "../lib/ComingSoon";

export function AlertsPage() {
  return <ComingSoon title="Alerts" text="Safety answers, reported use and missed check-ins on your cases." />;
}
