import { Button, Card, Center, Group, Loader, Stack, Switch, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconChecklist } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useMyTasks } from "../features/tasks/api";
import { groupByCase } from "../features/tasks/form";
import { TaskItem } from "../features/tasks/TaskItem";
import { AnchorLink } from "../lib/links";
import { LoadError } from "../lib/LoadError";

const route = getRouteApi("/app/tasks");

export function MyTasksPage() {
  useDocumentTitle("My tasks · Cairn");
  // `?overdue=true` keeps the filter in the URL.
  const overdue = route.useSearch().overdue === true;
  const navigate = route.useNavigate();
  const tasks = useMyTasks(overdue);
  const items = tasks.data?.pages.flatMap((page) => page.items) ?? [];
  const groups = groupByCase(items);

  const setOverdue = (value: boolean) =>
    void navigate({ search: value ? { overdue: true } : {}, replace: true });

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
        <LoadError title="Could not load your tasks" error={tasks.error} onRetry={tasks.refetch} />
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
