import { ActionIcon, Badge, Checkbox, Group, Paper, Stack, Text } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconPencil, IconTrash } from "@tabler/icons-react";
import { ApiError, describeError } from "../../api/problem";
import type { TaskRead } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { useUpdateTask } from "./api";
import { PHASE_LABEL, TASK_STATUS_LABEL } from "./labels";

export const TASK_CONFLICT_MESSAGE = "This task was changed by someone else — the list has been reloaded.";

interface Props {
  task: TaskRead;
  onEdit?: () => void;
  onDelete?: () => void;
  /** Show the phase (lists not grouped by phase). */
  showPhase?: boolean;
}

/** One task with a one-click done/reopen checkbox. */
export function TaskItem({ task, onEdit, onDelete, showPhase }: Props) {
  const update = useUpdateTask();
  const done = task.status === "done";
  const toggle = async () => {
    try {
      await update.mutateAsync({ task, body: { status: done ? "open" : "done" } });
      notifications.show({ color: "teal", title: done ? "Reopened" : "Done", message: task.title });
    } catch (error) {
      notifications.show({
        color: "red",
        title: done ? "Not reopened" : "Not completed",
        message: error instanceof ApiError && error.status === 412 ? TASK_CONFLICT_MESSAGE : describeError(error),
      });
    }
  };
  return (
    <Paper
      withBorder
      p="sm"
      component="li"
      aria-label={task.title}
      style={task.overdue ? { borderColor: "var(--mantine-color-red-7)", borderLeftWidth: 4 } : undefined}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={2}
          checked={done}
          disabled={update.isPending || task.status === "cancelled"}
          onChange={() => void toggle()}
          aria-label={done ? `Reopen “${task.title}”` : `Mark “${task.title}” done`}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500} td={done || task.status === "cancelled" ? "line-through" : undefined} style={{ overflowWrap: "anywhere" }}>
            {task.title}
          </Text>
          {task.description && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {task.description}
            </Text>
          )}
          <Group gap={6} wrap="wrap">
            {task.overdue && (
              <Badge color="red.9" variant="filled" size="sm" tt="none">
                Overdue
              </Badge>
            )}
            {task.status !== "open" && (
              <Badge color={done ? "teal.9" : "gray.7"} variant="outline" size="sm" tt="none">
                {TASK_STATUS_LABEL[task.status]}
              </Badge>
            )}
            {showPhase && (
              <Badge variant="default" size="sm" tt="none">
                {PHASE_LABEL[task.phase]}
              </Badge>
            )}
            {task.from_template && (
              <Badge variant="light" color="cyan.9" size="sm" tt="none">
                From template
              </Badge>
            )}
            {task.from_template && task.due_set_by_hand && (
              <Badge variant="outline" color="gray.7" size="sm" tt="none" title="Rescheduling the intervention leaves this date as it is">
                Date set by hand
              </Badge>
            )}
            <Text size="xs" c={task.overdue ? "red.9" : "dimmed"} fw={task.overdue ? 600 : undefined}>
              {task.due_at ? `Due ${formatDateTime(task.due_at)}` : "No due date"}
            </Text>
            <Text size="xs" c="dimmed">
              {task.assignee ? `Assigned to ${task.assignee.name}` : "Unassigned"}
            </Text>
          </Group>
        </Stack>
        {(onEdit || onDelete) && (
          <Group gap={2} wrap="nowrap">
            {onEdit && (
              <ActionIcon variant="subtle" color="gray.7" aria-label={`Edit “${task.title}”`} onClick={onEdit}>
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            )}
            {onDelete && (
              <ActionIcon variant="subtle" color="red.9" aria-label={`Delete “${task.title}”`} onClick={onDelete}>
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        )}
      </Group>
    </Paper>
  );
}
