import type { CaseRead } from "../../api/types";
import { ComingSoon } from "../../lib/ComingSoon";

export function PlanTab({ caseData }: { caseData: CaseRead }) {
  void caseData;
  return <ComingSoon title="Plan" text="The intervention plan from the model's template, with logistics, rehearsals and approval." />;
}
