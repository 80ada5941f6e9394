import { Button, Card, Group, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { IconPencil, IconPlus, IconRuler2, IconTarget } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { CaseRead, GoalRead } from "../../api/types";
import { EmptyState } from "../../lib/EmptyState";
import { formatDate } from "../../lib/format";
import { LoadError } from "../../lib/LoadError";
import { participantsQueryOptions } from "../participants/api";
import { useGoalProgress, useGoals } from "./api";
import { GoalFormModal } from "./GoalFormModal";
import { AchievementBadge } from "./AchievementBadge";
import { CATEGORY_LABEL, CHECK_IN_ITEM_LABEL, LIFECYCLE_LABEL, formatValue, targetLines, targetText } from "./labels";
import { MeasurementModal } from "./MeasurementModal";
import { ProgressChart } from "./ProgressChart";

type Dialog = { kind: "create" } | { kind: "edit"; goal: GoalRead } | { kind: "measure"; goal: GoalRead } | null;

export function GoalsTab({ caseData }: { caseData: CaseRead }) {
  const goals = useGoals(caseData.id);
  const participants = useQuery(participantsQueryOptions(caseData.id));
  const [dialog, setDialog] = useState<Dialog>(null);
  const subjects = [
    { value: "client", label: `${caseData.client.preferred_name || caseData.client.first_name} (client)` },
    ...(participants.data ?? []).map((p) => ({ value: p.id, label: p.full_name })),
  ];

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <div>
          <Title order={2} size="h3">
            Goals
          </Title>
          <Text size="sm" c="dimmed">
            Measurable goals for the client and each participant. Check-ins and your own measurements update them.
          </Text>
        </div>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: "create" })}>
          Add goal
        </Button>
      </Group>
      <GoalsBody
        query={goals}
        onEdit={(goal) => setDialog({ kind: "edit", goal })}
        onMeasure={(goal) => setDialog({ kind: "measure", goal })}
        onCreate={() => setDialog({ kind: "create" })}
      />
      {dialog?.kind === "create" && <GoalFormModal caseId={caseData.id} subjects={subjects} onClose={() => setDialog(null)} />}
      {dialog?.kind === "edit" && (
        <GoalFormModal caseId={caseData.id} subjects={subjects} goal={dialog.goal} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === "measure" && <MeasurementModal caseId={caseData.id} goal={dialog.goal} onClose={() => setDialog(null)} />}
    </Stack>
  );
}

interface BodyProps {
  query: ReturnType<typeof useGoals>;
  onEdit: (goal: GoalRead) => void;
  onMeasure: (goal: GoalRead) => void;
  onCreate: () => void;
}

function GoalsBody({ query, onEdit, onMeasure, onCreate }: BodyProps) {
  if (query.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true" aria-label="Loading goals">
        <Skeleton h={260} />
        <Skeleton h={260} />
      </SimpleGrid>
    );
  }
  if (query.isError) {
    return <LoadError title="Could not load the goals" error={query.error} onRetry={query.refetch} />;
  }
  if (!query.data.length) {
    return (
      <Card withBorder padding="xl">
        <EmptyState
          icon={IconTarget}
          title="No goals yet"
          headingOrder={3}
          action={<Button onClick={onCreate}>Add the first goal</Button>}
        >
          Set a measurable goal — for example “at least 3 meetings a week” for the client, or “keep my boundary every
          week” for a family member.
        </EmptyState>
      </Card>
    );
  }
  // Group by subject: the client first, then each participant.
  const groups = new Map<string, GoalRead[]>();
  for (const goal of [...query.data].sort((a, b) => Number(b.subject === "client") - Number(a.subject === "client"))) {
    const list = groups.get(goal.subject_name) ?? [];
    list.push(goal);
    groups.set(goal.subject_name, list);
  }
  return (
    <Stack gap="lg">
      {[...groups.entries()].map(([name, list]) => (
        <section key={name} aria-label={`Goals of ${name}`}>
          <Title order={3} size="h4" mb="xs">
            {name}
            {list[0]?.subject === "client" ? " (client)" : ""}
          </Title>
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            {list.map((goal) => (
              <GoalCard key={goal.id} goal={goal} onEdit={() => onEdit(goal)} onMeasure={() => onMeasure(goal)} />
            ))}
          </SimpleGrid>
        </section>
      ))}
    </Stack>
  );
}

function GoalCard({ goal, onEdit, onMeasure }: { goal: GoalRead; onEdit: () => void; onMeasure: () => void }) {
  const progress = useGoalProgress(goal.id);
  return (
    <Card withBorder padding="md" component="article" aria-label={goal.title}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Title order={4} size="h5">
              {goal.title}
            </Title>
            <Text size="xs" c="dimmed">
              {CATEGORY_LABEL[goal.category]} · {LIFECYCLE_LABEL[goal.lifecycle_status]}
              {goal.due_date ? ` · due ${formatDate(goal.due_date)}` : ""}
            </Text>
          </Stack>
          <AchievementBadge goal={goal} />
        </Group>
        <Group gap="lg" wrap="wrap">
          <div>
            <Text size="xs" c="dimmed">
              Latest
            </Text>
            <Text fw={600}>{goal.latest_value === null || goal.latest_value === undefined ? "—" : `${formatValue(goal.latest_value)} ${goal.unit ?? ""}`.trim()}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              Target
            </Text>
            <Text fw={600}>{targetText(goal)}</Text>
          </div>
          {goal.baseline_value !== null && goal.baseline_value !== undefined && (
            <div>
              <Text size="xs" c="dimmed">
                Baseline
              </Text>
              <Text fw={600}>{`${formatValue(goal.baseline_value)} ${goal.unit ?? ""}`.trim()}</Text>
            </div>
          )}
        </Group>
        <Text size="sm">{goal.metric}</Text>
        {goal.check_in_item && (
          <Text size="sm" c="dimmed">
            Recorded from each check-in: {CHECK_IN_ITEM_LABEL[goal.check_in_item]}
          </Text>
        )}
        {progress.isPending ? (
          <Skeleton h={160} />
        ) : progress.isError ? (
          <Text size="sm" c="red.8">
            Could not load the progress: {describeError(progress.error)}
          </Text>
        ) : (
          <ProgressChart
            measurements={progress.data.measurements}
            targets={targetLines(progress.data)}
            baseline={progress.data.baseline_value ?? null}
            unit={goal.unit}
            title={goal.title}
          />
        )}
        <Group gap="xs" justify="flex-end">
          <Button
            variant="light"
            size="xs"
            leftSection={<IconRuler2 size={14} aria-hidden />}
            onClick={onMeasure}
            aria-label={`Record measurement for “${goal.title}”`}
          >
            Record measurement
          </Button>
          <Button variant="default" size="xs" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit} aria-label={`Edit goal “${goal.title}”`}>
            Edit
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
