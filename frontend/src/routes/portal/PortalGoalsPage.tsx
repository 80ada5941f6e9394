import { Alert, Badge, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { describeError } from "../../api/problem";
import { AchievementBadge } from "../../features/goals/AchievementBadge";
import { LIFECYCLE_LABEL, formatValue, targetLines, targetText } from "../../features/goals/labels";
import { ProgressChart } from "../../features/goals/ProgressChart";
import { usePortalGoals } from "../../features/portal/api";
import { formatDate } from "../../lib/format";
import { AnchorLink } from "../../lib/links";

export function PortalGoalsPage() {
  useDocumentTitle("My goals · Cairn");
  const goals = usePortalGoals();
  return (
    <Stack gap="lg">
      <AnchorLink to="/portal" size="sm">
        ← Home
      </AnchorLink>
      <Title order={1} size="h2">
        My goals
      </Title>
      {goals.isPending ? (
        <Skeleton h={240} />
      ) : goals.isError ? (
        <Alert color="red" role="alert" title="Could not load your goals">
          {describeError(goals.error)}
        </Alert>
      ) : !goals.data.items.length ? (
        <Text size="lg">You have no goals yet. Your interventionist will set them with you.</Text>
      ) : (
        goals.data.items.map((goal) => (
          <Card key={goal.id} withBorder padding="md" radius="md" component="article" aria-label={goal.title}>
            <Stack gap="xs">
              <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                <Title order={2} size="h4">
                  {goal.title}
                </Title>
                <Group gap={6} justify="flex-end">
                  {goal.lifecycle_status !== "active" && (
                    <Badge color="gray" variant="outline" tt="none" miw="max-content">
                      {LIFECYCLE_LABEL[goal.lifecycle_status]}
                    </Badge>
                  )}
                  <AchievementBadge goal={goal} />
                </Group>
              </Group>
              <Text>{goal.metric}</Text>
              <Text>
                Aim: <strong>{targetText(goal)}</strong>
                {goal.due_date ? ` by ${formatDate(goal.due_date)}` : ""}
              </Text>
              <Text>
                Latest:{" "}
                <strong>{goal.latest_value === null || goal.latest_value === undefined ? "not measured yet" : `${formatValue(goal.latest_value)} ${goal.unit ?? ""}`.trim()}</strong>
              </Text>
              <ProgressChart measurements={goal.measurements} targets={targetLines(goal)} unit={goal.unit} title={goal.title} height={150} />
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
