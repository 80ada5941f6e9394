import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { GoalRead } from "../../api/types";
import { options } from "../cases/labels";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { goalsQueryOptions, useCreateGoal, useUpdateGoal } from "./api";
import {
  EMPTY_GOAL_FORM,
  GOAL_FORM_FIELDS,
  goalToFormValues,
  toCreateBody,
  toUpdateBody,
  validateGoalForm,
  type AchievementChoice,
  type GoalFormValues,
} from "./form";
import { ACHIEVEMENT_LABEL, ACHIEVEMENT_ORDER, CATEGORY_LABEL, CHECK_IN_ITEM_LABEL, checkInItemsFor, LIFECYCLE_LABEL, TARGET_KIND_LABEL } from "./labels";
import { PICKER_DAY_FORMAT } from "../../lib/format";

export const GOAL_CONFLICT_MESSAGE = "This goal was changed by someone else — reload to see their changes.";

interface Props {
  caseId: string;
  subjects: { value: string; label: string }[];
  /** Editing this goal; creating a new one when absent. */
  goal?: GoalRead;
  onClose: () => void;
}

const ACHIEVEMENT_CHOICES: { value: AchievementChoice; label: string }[] = [
  { value: "auto", label: "Follow the measurements" },
  ...ACHIEVEMENT_ORDER.map((value) => ({ value, label: `${ACHIEVEMENT_LABEL[value]} (set by hand)` })),
];

export function GoalFormModal({ caseId, subjects, goal, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const queryClient = useQueryClient();
  const create = useCreateGoal(caseId);
  const update = useUpdateGoal(caseId);
  const keys = useRef(new IdempotencyKeys());
  const [base, setBase] = useState(goal);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<GoalFormValues>({
    mode: "controlled",
    initialValues: goal ? goalToFormValues(goal) : EMPTY_GOAL_FORM,
    validate: validateGoalForm,
  });

  const reload = async () => {
    if (!base) return;
    let list: GoalRead[];
    try {
      list = await queryClient.fetchQuery({ ...goalsQueryOptions(caseId), staleTime: 0 });
    } catch (error) {
      setFormError(describeError(error));
      return;
    }
    const latest = list.find((g) => g.id === base.id);
    if (!latest) {
      setFormError("This goal is no longer available.");
      return;
    }
    const values = goalToFormValues(latest);
    setBase(latest);
    form.setInitialValues(values);
    form.setValues(values);
    form.clearErrors();
    setConflict(false);
    setFormError(null);
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      if (base) {
        const body = toUpdateBody(goalToFormValues(base), values);
        if (Object.keys(body).length === 0) {
          onClose();
          return;
        }
        await update.mutateAsync({ goal: base, body });
        notifications.show({ color: "teal", title: "Saved", message: `“${values.title.trim()}” was updated.` });
      } else {
        const body = toCreateBody(values);
        await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
        notifications.show({ color: "teal", title: "Goal added", message: body.title });
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
        setConflict(true);
        return;
      }
      setFormError(applyApiError(form, error, GOAL_FORM_FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={base ? "Edit goal" : "New goal"} size="lg" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label={base ? "Edit goal" : "New goal"}>
        <Stack>
          {conflict && (
            <ConflictAlert title="Not saved" onReload={reload}>
              <span>{GOAL_CONFLICT_MESSAGE}</span>
            </ConflictAlert>
          )}
          {formError && (
            <Alert color="red" title="The goal was not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <Select
            label="Whose goal"
            data={subjects}
            allowDeselect={false}
            disabled={Boolean(base)}
            description={base ? "The person a goal belongs to does not change." : undefined}
            {...form.getInputProps("subject")}
            onChange={(value) => {
              const subject = value ?? "client";
              form.setFieldValue("subject", subject);
              // A family member's check-in asks other questions than the client's.
              const item = form.getValues().check_in_item;
              if (item && !checkInItemsFor(subject).includes(item)) form.setFieldValue("check_in_item", "");
            }}
          />
          <TextInput label="Goal" withAsterisk placeholder="Attend mutual-help meetings" {...form.getInputProps("title")} />
          <TextInput
            label="What is measured"
            withAsterisk
            placeholder="Meetings attended per week"
            {...form.getInputProps("metric")}
          />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Aim"
              data={options(TARGET_KIND_LABEL)}
              allowDeselect={false}
              {...form.getInputProps("target_kind")}
            />
            {(form.values.target_kind === "at_least" || form.values.target_kind === "at_most") && (
              <NumberInput label="Target" withAsterisk decimalScale={2} {...form.getInputProps("target_value")} />
            )}
            {form.values.target_kind === "between" && (
              <>
                <NumberInput label="Low end" decimalScale={2} {...form.getInputProps("target_low")} />
                <NumberInput label="High end" decimalScale={2} {...form.getInputProps("target_high")} />
              </>
            )}
            {form.values.target_kind !== "qualitative" && (
              <TextInput label="Unit" withAsterisk placeholder="meetings" {...form.getInputProps("unit")} />
            )}
          </SimpleGrid>
          <TextInput
            label="Described in words"
            withAsterisk={form.values.target_kind === "qualitative"}
            description={form.values.target_kind === "qualitative" ? "What reaching the goal looks like" : "Optional"}
            placeholder="The family says home feels calm again"
            {...form.getInputProps("target_text")}
          />
          <Select
            label="Measured by"
            description="A check-in answer records the goal's progress at each check-in, so the check-in does not ask for it again."
            data={[
              { value: "", label: "Progress entered by hand or in the check-in" },
              ...checkInItemsFor(form.values.subject).map((item) => ({ value: item, label: `Check-in answer: ${CHECK_IN_ITEM_LABEL[item]}` })),
            ]}
            allowDeselect={false}
            {...form.getInputProps("check_in_item")}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput label="Baseline" description="Where things stand today (optional)" decimalScale={2} {...form.getInputProps("baseline_value")} />
            <Select label="Category" data={options(CATEGORY_LABEL)} allowDeselect={false} {...form.getInputProps("category")} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DatePickerInput
              label="Start date"
              description={base ? undefined : "Today when left empty"}
              valueFormat={PICKER_DAY_FORMAT}
              clearable={!base}
              {...form.getInputProps("start_date")}
            />
            <DatePickerInput label="Due date" valueFormat={PICKER_DAY_FORMAT} clearable {...form.getInputProps("due_date")} />
          </SimpleGrid>
          <Select
            label="Lifecycle"
            data={options(LIFECYCLE_LABEL)}
            allowDeselect={false}
            {...form.getInputProps("lifecycle_status")}
          />
          {base && (
            <Select
              label="Achievement status"
              description="Normally follows from the measurements. Set it by hand only when you know better; choose “Follow the measurements” to clear your override."
              data={ACHIEVEMENT_CHOICES}
              allowDeselect={false}
              {...form.getInputProps("achievement")}
              error={form.errors.achievement ?? form.errors.achievement_status}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} disabled={conflict}>
              {base ? "Save goal" : "Add goal"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
