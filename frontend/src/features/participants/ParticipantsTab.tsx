import type { CaseRead } from "../../api/types";
import { ComingSoon } from "../../lib/ComingSoon";

export function ParticipantsTab({ caseData }: { caseData: CaseRead }) {
  void caseData;
  return <ComingSoon title="Participants" text="Family, friends and coworkers around the client, their letters, bottom lines and readiness." />;
}
