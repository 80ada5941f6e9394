import { Alert, Button, Card, Center, Group, Loader, Modal, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChecklist, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { CaseRead, TaskPhase, TaskRead } from "../../api/types";
import { options } from "../cases/labels";
import { participantsQueryOptions } from "../participants/api";
import { caseTasksQueryOptions, useDeleteTask } from "./api";
import { groupByPhase, sortByDue } from "./form";
import { PHASE_LABEL, PHASES } from "./labels";
import { TASK_CONFLICT_MESSAGE, TaskItem } from "./TaskItem";
import { TaskFormModal } from "./TaskFormModal";
import { FinishedPhases } from "./FinishedPhases";
import { LoadError } from "../../lib/LoadError";

type StatusFilter = "open" | "done" | "all";

type Dialog = { kind: "add" } | { kind: "edit"; task: TaskRead } | { kind: "delete"; task: TaskRead };

export function TasksTab({ caseData }: { caseData: CaseRead }) {
  const tasks = useQuery(caseTasksQueryOptions(caseData.id));
  const participants = useQuery(participantsQueryOptions(caseData.id));
  const [status, setStatus] = useState<StatusFilter>("open");
  const [phase, setPhase] = useState<TaskPhase | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  if (tasks.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading tasks" />
      </Center>
    );
  }
  if (tasks.isError) {
    return <LoadError title="Could not load the tasks" error={tasks.error} onRetry={tasks.refetch} />;
  }
  const all = tasks.data;
  const shown = all.filter((t) => (status === "all" || t.status === status) && (!phase || t.phase === phase));
  const open = all.filter((t) => t.status === "open");
  const overdue = open.filter((t) => t.overdue).length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Action plan
          </Title>
          <Text size="sm" c={overdue ? "red.9" : "dimmed"}>
            {open.length} open{overdue ? ` · ${overdue} overdue` : ""} · {all.length - open.length} done or cancelled
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: "add" })}>
          Add task
        </Button>
      </Group>
      <FinishedPhases caseId={caseData.id} />
      <Group gap="sm" wrap="wrap" align="flex-end">
        <SegmentedControl
          aria-label="Status"
          value={status}
          onChange={(value) => setStatus(value as StatusFilter)}
          data={[
            { value: "open", label: "Open" },
            { value: "done", label: "Done" },
            { value: "all", label: "All" },
          ]}
        />
        <Select
          aria-label="Phase"
          placeholder="All phases"
          data={options(PHASE_LABEL, PHASES)}
          value={phase}
          onChange={(value) => setPhase(value as TaskPhase | null)}
          clearable
          w={200}
        />
      </Group>

      {all.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs" ta="center">
            <IconChecklist size={36} aria-hidden color="var(--mantine-color-gray-6)" />
            <Text fw={600}>No tasks yet</Text>
            <Text size="sm" c="dimmed" maw={420}>
              Add who does what, by when. Creating the plan from a template adds its action items here.
            </Text>
          </Stack>
        </Card>
      ) : shown.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tasks match these filters.
        </Text>
      ) : (
        groupByPhase(sortByDue(shown), PHASES).map(([groupPhase, list]) => (
          <Stack key={groupPhase} gap="xs" component="section" aria-labelledby={`phase-${groupPhase}`}>
            <Title order={3} size="h5" id={`phase-${groupPhase}`}>
              {PHASE_LABEL[groupPhase]}{" "}
              <Text span c="dimmed" size="sm" fw={400}>
                ({list.length})
              </Text>
            </Title>
            <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: "none" }}>
              {list.map((task) => (
                <TaskItem
                  key={task.id}
                  task={task}
                  onEdit={() => setDialog({ kind: "edit", task })}
                  onDelete={() => setDialog({ kind: "delete", task })}
                />
              ))}
            </Stack>
          </Stack>
        ))
      )}

      {(dialog?.kind === "add" || dialog?.kind === "edit") && (
        <TaskFormModal
          key={dialog.kind === "edit" ? dialog.task.id : "new"}
          caseId={caseData.id}
          participants={participants.data ?? []}
          task={dialog.kind === "edit" ? dialog.task : undefined}
          onClose={close}
        />
      )}
      {dialog?.kind === "delete" && <DeleteTask task={dialog.task} onClose={close} />}
    </Stack>
  );
}

function DeleteTask({ task, onClose }: { task: TaskRead; onClose: () => void }) {
  const remove = useDeleteTask();
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setError(null);
    try {
      await remove.mutateAsync(task);
      notifications.show({ color: "teal", title: "Task deleted", message: task.title });
      onClose();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 412 ? TASK_CONFLICT_MESSAGE : describeError(err));
    }
  };
  return (
    <Modal opened onClose={onClose} title="Delete this task?" centered>
      <Stack>
        <Text size="sm">“{task.title}” will be removed from the action plan. To keep a record, mark it cancelled instead.</Text>
        {error && (
          <Alert color="red" title="Not deleted" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
