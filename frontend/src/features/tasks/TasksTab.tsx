import type { CaseRead } from "../../api/types";
import { ComingSoon } from "../../lib/ComingSoon";

export function TasksTab({ caseData }: { caseData: CaseRead }) {
  void caseData;
  return <ComingSoon title="Tasks" text="The action plan: who does what, by when." />;
}
