import type { ParticipantRead } from "../../api/types";
import { RevisionHistory, Revisions } from "../../lib/RevisionHistory";
import { usePlanRevisions } from "./api";
import { diffSnapshots } from "./diff";

/** The plan's saved versions and what changed between any two. */
export function PlanRevisionHistory({ caseId, participants }: { caseId: string; participants: ParticipantRead[] }) {
  return <RevisionHistory>{() => <PlanRevisions caseId={caseId} participants={participants} />}</RevisionHistory>;
}

function PlanRevisions({ caseId, participants }: { caseId: string; participants: ParticipantRead[] }) {
  const revisions = usePlanRevisions(caseId, true);
  const names = new Map(participants.map((p) => [p.id, p.full_name]));
  return (
    <Revisions
      revisions={revisions}
      label="Plan revisions"
      diff={(older, newer) => diffSnapshots(older, newer, { participantName: (id) => names.get(id) ?? "a removed participant" })}
    />
  );
}
