import type { CaseRead } from "../../api/types";
import { ComingSoon } from "../../lib/ComingSoon";

export function GoalsTab({ caseData }: { caseData: CaseRead }) {
  void caseData;
  return <ComingSoon title="Goals" text="Measurable goals for the client and each participant, with their progress." />;
}
