import { Alert, Button, Group, Modal, NumberInput, Stack, Text, Textarea } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { onlineManager } from "@tanstack/react-query";
import { useRef, useState } from "react";
import type { GoalRead, MeasurementCreate } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { useRecordMeasurement } from "./api";
import { toNumber } from "./form";
import { targetText } from "./labels";
import { PICKER_DATE_TIME_FORMAT, practiceNowForPicker } from "../../lib/format";

interface Values {
  value: number | string;
  measured_at: string | null;
  note: string;
}

export function measurementBody(values: Values): MeasurementCreate {
  const body: MeasurementCreate = { value: toNumber(values.value) ?? 0 };
  if (values.measured_at) body.measured_at = new Date(values.measured_at.replace(" ", "T")).toISOString();
  if (values.note.trim()) body.note = values.note.trim();
  return body;
}

export function MeasurementModal({ caseId, goal, onClose }: { caseId: string; goal: GoalRead; onClose: () => void }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const record = useRecordMeasurement(caseId);
  const keys = useRef(new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { value: "", measured_at: null, note: "" },
    validate: {
      value: (value) => (toNumber(value) === null ? "Enter the measured value" : null),
      measured_at: (value) =>
        value && new Date(value.replace(" ", "T")).getTime() > Date.now() + 60_000 ? "A measurement cannot be in the future" : null,
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    const body = measurementBody(values);
    const request = { goalId: goal.id, body, idempotencyKey: keys.current.keyFor(body) };
    if (!onlineManager.isOnline()) {
      // Offline, the mutation waits in the query client and is sent (once: the
      // idempotency key) when the connection returns; say so instead of spinning.
      record.mutate(request);
      notifications.show({
        id: `measurement-offline-${goal.id}`,
        color: "blue",
        title: "Saved — will be sent when you're back online",
        message: `${goal.title}: the measurement will be sent when the connection returns.`,
      });
      onClose();
      return;
    }
    try {
      await record.mutateAsync(request);
      notifications.show({ color: "teal", title: "Measurement recorded", message: goal.title });
      onClose();
    } catch (error) {
      setFormError(applyApiError(form, error, ["value", "measured_at", "note"]));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Record a measurement" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label="Record a measurement">
        <Stack>
          <Text size="sm">
            <strong>{goal.title}</strong> — {goal.metric}; target {targetText(goal)}.
          </Text>
          {record.isPaused && (
            <Alert color="blue" title="You're offline" role="status">
              The measurement will be sent when the connection returns. You can close this window.
            </Alert>
          )}
          {formError && (
            <Alert color="red" title="Not recorded" role="alert">
              {formError}
            </Alert>
          )}
          <NumberInput label={goal.unit ? `Value (${goal.unit})` : "Value"} withAsterisk decimalScale={2} data-autofocus {...form.getInputProps("value")} />
          <DateTimePicker
            label="When"
            description="Now when left empty"
            valueFormat={PICKER_DATE_TIME_FORMAT}
            clearable
            maxDate={practiceNowForPicker()}
            {...form.getInputProps("measured_at")}
          />
          <Textarea label="Note" autosize minRows={2} maxLength={2000} {...form.getInputProps("note")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
