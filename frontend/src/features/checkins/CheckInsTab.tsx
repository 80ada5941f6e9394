import type { CaseRead } from "../../api/types";
import { ComingSoon } from "../../lib/ComingSoon";

export function CheckInsTab({ caseData }: { caseData: CaseRead }) {
  void caseData;
  return <ComingSoon title="Check-ins" text="Weekly check-ins from the client and the family, with their risk level." />;
}
