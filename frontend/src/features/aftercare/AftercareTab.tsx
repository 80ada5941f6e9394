import { Alert, Button, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPrinter } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { describeError } from "../../api/problem";
import type { CaseRead, ParticipantRead } from "../../api/types";
import { ButtonLink } from "../../lib/links";
import { RevisionHistory, Revisions } from "../../lib/RevisionHistory";
import { participantsQueryOptions } from "../participants/api";
import { useAftercare, useAftercareRevisions, useSaveAftercare } from "./api";
import { AftercareEditor } from "./AftercareEditor";
import { diffAftercare } from "./diff";
import { EscalateButton } from "./EscalateButton";
import { FollowUps } from "./FollowUps";

/** The case's aftercare: the plan's sections, its follow-ups, and the escalation agreement. */
export function AftercareTab({ caseData }: { caseData: CaseRead }) {
  const plan = useAftercare(caseData.id);
  const participants = useQuery(participantsQueryOptions(caseData.id));
  const start = useSaveAftercare(caseData.id);

  if (plan.isPending || participants.isPending) return <Skeleton h={320} />;
  if (plan.isError || participants.isError) {
    return (
      <Alert color="red" role="alert" title="Could not load the aftercare plan">
        {describeError(plan.error ?? participants.error)}
      </Alert>
    );
  }
  if (plan.data === null) {
    return (
      <Card withBorder padding="lg">
        <Stack gap="sm" align="flex-start">
          <Title order={2} size="h4">
            No aftercare plan yet
          </Title>
          <Text size="sm" c="dimmed">
            The plan opens by itself when the case reaches aftercare, with follow-ups at 7, 30, 90, 180 and 365 days. You
            can start it earlier, while the client is still in treatment.
          </Text>
          <Button
            loading={start.isPending}
            onClick={() =>
              start.mutate(
                { body: { relapse_prevention: { triggers: [], warning_signs: [], high_risk_situations: [], coping_strategies: [] }, emergency_contacts: [], resources: [], family_support: [] }, etag: null },
                {
                  onError: (error) => notifications.show({ color: "red", title: "Not started", message: describeError(error) }),
                },
              )
            }
          >
            Start the aftercare plan
          </Button>
        </Stack>
      </Card>
    );
  }
  const current = plan.data;
  const people = participants.data ?? [];
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed">
          Version {current.data.version}
          {current.data.escalated_at ? " · escalated back to treatment" : ""}
        </Text>
        <Group gap="xs">
          <PrintLink caseId={caseData.id} copyFor="client" label="Print the client's copy" />
          {people.map((p) => (
            <PrintLink key={p.id} caseId={caseData.id} copyFor={p.id} label={`Print ${p.full_name}'s copy`} />
          ))}
          <EscalateButton caseData={caseData} plan={current.data} />
        </Group>
      </Group>
      <FollowUps caseId={caseData.id} followUps={current.data.follow_ups} />
      <AftercareEditor caseId={caseData.id} current={current} participants={people} />
      <RevisionHistory>{() => <AftercareRevisions caseId={caseData.id} participants={people} />}</RevisionHistory>
    </Stack>
  );
}

function AftercareRevisions({ caseId, participants }: { caseId: string; participants: ParticipantRead[] }) {
  const revisions = useAftercareRevisions(caseId);
  const names = new Map(participants.map((p) => [p.id, p.full_name]));
  return (
    <Revisions
      revisions={revisions}
      label="Aftercare plan revisions"
      diff={(older, newer) => diffAftercare(older, newer, { participantName: (id) => names.get(id) ?? "a removed participant" })}
    />
  );
}

function PrintLink({ caseId, copyFor, label }: { caseId: string; copyFor: string; label: string }) {
  return (
    <ButtonLink
      variant="default"
      size="xs"
      to="/cases/$caseId/aftercare/print"
      params={{ caseId }}
      search={{ for: copyFor }}
      leftSection={<IconPrinter size={14} aria-hidden />}
    >
      {label}
    </ButtonLink>
  );
}
