import { ComingSoon } from "../lib/ComingSoon";

export function MyTasksPage() {
  return <ComingSoon title="My tasks" text="Your work queue across every case: overdue first." />;
}
