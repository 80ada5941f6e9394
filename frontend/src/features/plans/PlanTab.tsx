import { Alert, Badge, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconArrowBackUp, IconBulb } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import type { CaseRead } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { LoadError } from "../../lib/LoadError";
import { MODEL_LABEL } from "../cases/labels";
import { participantsQueryOptions } from "../participants/api";
import { usePlan } from "./api";
import { CreatePlan } from "./CreatePlan";
import { DELIVERY_RESULT_LABEL, PLAN_STATUS_COLOR, PLAN_STATUS_LABEL } from "./labels";
import { PlanActions } from "./PlanActions";
import { PlanEditor } from "./PlanEditor";
import { PlanRevisionHistory } from "./RevisionHistory";

export function PlanTab({ caseData }: { caseData: CaseRead }) {
  const plan = usePlan(caseData.id);
  const participants = useQuery(participantsQueryOptions(caseData.id));
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);

  if (plan.isPending || participants.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the plan" />
      </Center>
    );
  }
  if (plan.isError || participants.isError) {
    return (
      <LoadError
        title="Could not load the plan"
        error={plan.error ?? participants.error}
        onRetry={() => Promise.all([plan.refetch(), participants.refetch()])}
      />
    );
  }
  if (!plan.data) return <CreatePlan caseData={caseData} />;

  const p = plan.data.data;
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={2} size="h3">
              Intervention plan
            </Title>
            <Badge color={PLAN_STATUS_COLOR[p.status]} variant="dot" size="lg" tt="none" aria-label={`Plan status: ${PLAN_STATUS_LABEL[p.status]}`}>
              {PLAN_STATUS_LABEL[p.status]}
            </Badge>
          </Group>
          <Text size="sm" c="dimmed">
            {MODEL_LABEL[p.model]} · version {p.version}
            {p.submitted_by && p.submitted_at ? ` · submitted by ${p.submitted_by.full_name}, ${formatDateTime(p.submitted_at)}` : ""}
            {p.approved_by && p.approved_at ? ` · approved by ${p.approved_by.full_name}, ${formatDateTime(p.approved_at)}` : ""}
          </Text>
        </Stack>
        <PlanActions caseId={caseData.id} current={plan.data} dirty={dirty} />
      </Group>

      {p.status === "delivered" && (
        <Card withBorder padding="lg" bg="gray.0">
          <Stack gap={4}>
            <Text fw={600}>
              Held {p.held_at ? formatDateTime(p.held_at) : ""}: {p.result ? DELIVERY_RESULT_LABEL[p.result] : "result not recorded"}
            </Text>
            {p.result_notes && (
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {p.result_notes}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              A delivered plan is the record of what happened and can no longer change.
            </Text>
          </Stack>
        </Card>
      )}
      {p.next_step_suggestion && (
        <Alert color="indigo" variant="filled" title="Suggested next step" icon={<IconBulb aria-hidden />}>
          {p.next_step_suggestion}
        </Alert>
      )}
      {p.status === "approved" && (
        <Alert color="teal" variant="light" title={p.approved_by && p.approved_at ? `Approved by ${p.approved_by.full_name}, ${formatDateTime(p.approved_at)}` : "Approved"}>
          Changing anything returns the plan to draft, and it must be approved again.
        </Alert>
      )}
      {p.status === "draft" && p.return_comment && p.returned_at && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconArrowBackUp aria-hidden />}
          title={`Returned for changes${p.returned_by ? ` by ${p.returned_by.full_name}` : ""}, ${formatDateTime(p.returned_at)}`}
          data-testid="plan-returned"
        >
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {p.return_comment}
          </Text>
          <Text size="xs" c="dimmed" mt={4}>
            Make the changes, save, and submit the plan again.
          </Text>
        </Alert>
      )}

      <PlanEditor key={p.id} caseId={caseData.id} current={plan.data} participants={participants.data} onDirtyChange={onDirtyChange} />
      <PlanRevisionHistory caseId={caseData.id} participants={participants.data} />
    </Stack>
  );
}
