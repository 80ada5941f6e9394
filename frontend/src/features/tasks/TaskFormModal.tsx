import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError } from "../../api/problem";
import type { ParticipantRead, TaskRead } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { options } from "../cases/labels";
import { DateTimeField } from "../plans/DateTimeField";
import { taskKeys, useCreateTask, useStaffOptions, useUpdateTask } from "./api";
import {
  EMPTY_TASK_FORM,
  TASK_FORM_FIELDS,
  taskToFormValues,
  toCreateBody,
  toUpdateBody,
  validateTaskForm,
  type TaskFormValues,
} from "./form";
import { PHASE_LABEL, PHASES, TASK_STATUS_LABEL } from "./labels";
import { TASK_CONFLICT_MESSAGE } from "./TaskItem";

interface Props {
  caseId: string;
  participants: ParticipantRead[];
  task?: TaskRead;
  onClose: () => void;
}

export function TaskFormModal({ caseId, participants, task, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const queryClient = useQueryClient();
  const staff = useStaffOptions();
  const create = useCreateTask(caseId);
  const update = useUpdateTask();
  const keys = useRef(new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TaskFormValues>({
    mode: "controlled",
    initialValues: task ? taskToFormValues(task) : EMPTY_TASK_FORM,
    validate: validateTaskForm,
  });
  const title = task ? "Edit task" : "Add task";

  const assigneeOptions = [
    { group: "Staff", items: (staff.data ?? []).map((u) => ({ value: `user:${u.id}`, label: u.full_name })) },
    { group: "Participants", items: participants.map((p) => ({ value: `participant:${p.id}`, label: p.full_name })) },
  ];
  // Keep a current assignee selectable even if they are no longer listed (e.g. deactivated).
  const current = form.getValues().assignee;
  if (task?.assignee && current && !assigneeOptions.some((g) => g.items.some((i) => i.value === current))) {
    assigneeOptions[0]!.items.push({ value: current, label: task.assignee.name });
  }

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      if (task) {
        const body = toUpdateBody(taskToFormValues(task), values);
        if (Object.keys(body).length) await update.mutateAsync({ task, body });
        notifications.show({ color: "teal", title: "Task saved", message: values.title.trim() });
      } else {
        const body = toCreateBody(values);
        await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
        keys.current.reset();
        notifications.show({ color: "teal", title: "Task added", message: body.title });
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFormError(`${TASK_CONFLICT_MESSAGE} Close this dialog and open the task again.`);
        void queryClient.invalidateQueries({ queryKey: taskKeys.all });
        return;
      }
      setFormError(applyApiError(form, error, TASK_FORM_FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={title} size="lg" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          {formError && (
            <Alert color="red" title="Not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <TextInput label="Title" withAsterisk maxLength={200} {...form.getInputProps("title")} />
          <Textarea label="Description" autosize minRows={2} maxLength={5000} {...form.getInputProps("description")} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Phase" withAsterisk data={options(PHASE_LABEL, PHASES)} allowDeselect={false} {...form.getInputProps("phase")} />
            <Select
              label="Assigned to"
              placeholder={staff.isPending ? "Loading colleagues…" : "Nobody"}
              data={assigneeOptions}
              clearable
              searchable
              nothingFoundMessage="No one matches"
              {...form.getInputProps("assignee")}
            />
            <DateTimeField label="Due" placeholder="No due date" clearable {...form.getInputProps("due_at")} />
            {task && (
              <Select label="Status" data={options(TASK_STATUS_LABEL)} allowDeselect={false} {...form.getInputProps("status")} />
            )}
          </SimpleGrid>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending}>
              {task ? "Save task" : "Add task"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
