import { Alert, Button, Card, Center, Group, Loader, Stack, Switch, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconChecklist } from "@tabler/icons-react";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { describeError } from "../api/problem";
import { useMyTasks } from "../features/tasks/api";
import { groupByCase } from "../features/tasks/form";
import { TaskItem } from "../features/tasks/TaskItem";
import { AnchorLink } from "../lib/links";

/** `?overdue=true` keeps the filter in the URL (the route declares no search schema of its own). */
function overdueFrom(search: Record<string, unknown>): boolean {
  return search.overdue === true || search.overdue === "true";
}

export function MyTasksPage() {
  useDocumentTitle("My tasks · Cairn");
  const search = useSearch({ strict: false }) as Record<string, unknown>;
  const overdue = overdueFrom(search);
  const navigate = useNavigate();
  const tasks = useMyTasks(overdue);
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const groups = groupByCase(items);

  const setOverdue = (value: boolean) =>
    void navigate({ to: "/tasks", search: (value ? { overdue: true } : {}) as never, replace: true });

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            My tasks
          </Title>
          <Text size="sm" c="dimmed">
            Your tasks across every case, soonest due first.
          </Text>
        </Stack>
        <Switch label="Overdue only" checked={overdue} onChange={(event) => setOverdue(event.currentTarget.checked)} />
      </Group>

      {tasks.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading your tasks" />
        </Center>
      ) : tasks.isError ? (
        <Alert color="red" title="Could not load your tasks" role="alert">
          <Stack gap="xs" align="flex-start">
            <span>{describeError(tasks.error)}</span>
            <Button size="xs" variant="default" onClick={() => void tasks.refetch()}>
              Try again
            </Button>
          </Stack>
        </Alert>
      ) : items.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs" ta="center">
            <IconChecklist size={36} aria-hidden color="var(--mantine-color-gray-6)" />
            <Text fw={600}>{overdue ? "Nothing overdue" : "No tasks assigned to you"}</Text>
            <Text size="sm" c="dimmed" maw={420}>
              {overdue
                ? "Every task of yours with a due date is on time."
                : "Tasks assigned to you on any case's action plan show up here."}
            </Text>
          </Stack>
        </Card>
      ) : (
        <Stack gap="lg" style={{ opacity: tasks.isPlaceholderData ? 0.6 : 1 }}>
          {groups.map((group) => (
            <Stack key={group.caseId} gap="xs" component="section" aria-labelledby={`case-${group.caseId}`}>
              <Title order={2} size="h5" id={`case-${group.caseId}`}>
                <AnchorLink to="/cases/$caseId" params={{ caseId: group.caseId }} search={{ tab: "tasks" }} ff="monospace">
                  {group.reference}
                </AnchorLink>{" "}
                <Text span c="dimmed" size="sm" fw={400}>
                  ({group.tasks.length})
                </Text>
              </Title>
              <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
                {group.tasks.map((task) => (
                  <TaskItem key={task.id} task={task} showPhase />
                ))}
              </Stack>
            </Stack>
          ))}
          {tasks.hasNextPage && (
            <Button
              variant="default"
              onClick={() => void tasks.fetchNextPage()}
              loading={tasks.isFetchingNextPage}
              style={{ alignSelf: "center" }}
            >
              Load more
            </Button>
          )}
        </Stack>
      )}
    </Stack>
  );
}
