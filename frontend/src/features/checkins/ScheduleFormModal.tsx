import { Alert, Button, Group, Modal, NumberInput, Select, Stack, Switch, Text } from "@mantine/core";
import { DateTimePicker } from "@mantine/dates";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError } from "../../api/problem";
import type { ScheduleCreate, ScheduleRead, ScheduleUpdate } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { isoToZonedInput, PICKER_DATE_TIME_FORMAT, practiceTimeZone, zonedInputToIso } from "../../lib/format";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { checkInKeys, useCreateSchedule, useUpdateSchedule } from "./api";

export interface ScheduleFormValues {
  respondent: string | null;
  cadence_days: number | string;
  grace_hours: number | string;
  active: boolean;
  next_due_at: string | null;
}

const FIELDS = ["respondent", "cadence_days", "grace_hours", "active", "next_due_at"] as const;

/** "YYYY-MM-DD HH:mm:ss" (the picker, on the schedule's clock: the client's zone, by default the
 * practice's) → RFC 3339 UTC. */
export function pickerToIso(value: string, zone?: string): string {
  return zonedInputToIso(value, zone) ?? new Date(value.replace(" ", "T")).toISOString();
}

/** RFC 3339 → the picker's "YYYY-MM-DD HH:mm:00" on the schedule's clock. */
export function isoToPicker(iso: string, zone?: string): string {
  return (isoToZonedInput(iso, zone) ?? "").replace(/:\d{2}$/, ":00");
}

export function scheduleCreateBody(values: ScheduleFormValues, zone?: string): ScheduleCreate {
  return {
    respondent: values.respondent ?? "client",
    cadence_days: Number(values.cadence_days),
    grace_hours: Number(values.grace_hours),
    active: values.active,
    ...(values.next_due_at ? { next_due_at: pickerToIso(values.next_due_at, zone) } : {}),
  };
}

export function scheduleUpdateBody(schedule: ScheduleRead, values: ScheduleFormValues, zone?: string): ScheduleUpdate {
  const body: ScheduleUpdate = {};
  if (Number(values.cadence_days) !== schedule.cadence_days) body.cadence_days = Number(values.cadence_days);
  if (Number(values.grace_hours) !== schedule.grace_hours) body.grace_hours = Number(values.grace_hours);
  if (values.active !== schedule.active) body.active = values.active;
  if (values.next_due_at && values.next_due_at !== isoToPicker(schedule.next_due_at, zone)) body.next_due_at = pickerToIso(values.next_due_at, zone);
  return body;
}

const int = (value: number | string) => (typeof value === "number" ? value : Number(value.trim() || NaN));

interface Props {
  caseId: string;
  /** People who have no schedule yet (for a new one). */
  respondents: { value: string; label: string }[];
  schedule?: ScheduleRead;
  /** The IANA zone the schedule keeps: the client's own when the case has one, else the practice's. */
  zone?: string;
  onClose: () => void;
}

export function ScheduleFormModal({ caseId, respondents, schedule, zone: caseZone, onClose }: Props) {
  const zone = schedule?.time_zone ?? caseZone;
  const ownClock = zone && zone !== practiceTimeZone() ? `On the client's clock (${zone.replace(/_/g, " ")})` : undefined;
  const phone = useMediaQuery("(max-width: 36em)");
  const queryClient = useQueryClient();
  const create = useCreateSchedule(caseId);
  const update = useUpdateSchedule(caseId);
  const keys = useRef(new IdempotencyKeys());
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ScheduleFormValues>({
    mode: "controlled",
    initialValues: schedule
      ? {
          respondent: schedule.respondent,
          cadence_days: schedule.cadence_days,
          grace_hours: schedule.grace_hours,
          active: schedule.active,
          next_due_at: isoToPicker(schedule.next_due_at, zone),
        }
      : { respondent: respondents[0]?.value ?? null, cadence_days: 7, grace_hours: 24, active: true, next_due_at: null },
    validate: {
      respondent: (value) => (value ? null : "Choose who checks in"),
      cadence_days: (value) => {
        const n = int(value);
        return Number.isInteger(n) && n >= 1 && n <= 90 ? null : "Between 1 and 90 days";
      },
      grace_hours: (value) => {
        const n = int(value);
        return Number.isInteger(n) && n >= 0 && n <= 168 ? null : "Between 0 and 168 hours";
      },
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      if (schedule) {
        const body = scheduleUpdateBody(schedule, values, zone);
        if (Object.keys(body).length) await update.mutateAsync({ schedule, body });
        notifications.show({ color: "teal", title: "Schedule saved", message: schedule.respondent_name });
      } else {
        const body = scheduleCreateBody(values, zone);
        const created = await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
        notifications.show({ color: "teal", title: "Check-ins scheduled", message: created.respondent_name });
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && (error.status === 412 || error.status === 428)) {
        setConflict(true);
        return;
      }
      setFormError(applyApiError(form, error, FIELDS));
    }
  });

  const title = schedule ? `Check-ins of ${schedule.respondent_name}` : "Schedule check-ins";
  return (
    <Modal opened onClose={onClose} title={title} fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          {conflict && (
            <ConflictAlert
              title="Not saved"
              onReload={async () => {
                await queryClient.invalidateQueries({ queryKey: checkInKeys.schedules(caseId) });
                onClose();
              }}
            >
              <span>This schedule was changed by someone else — reload to see their changes.</span>
            </ConflictAlert>
          )}
          {formError && (
            <Alert color="red" title="Not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          {schedule ? (
            <Text size="sm">Respondent: {schedule.respondent_name}</Text>
          ) : (
            <Select label="Who checks in" data={respondents} allowDeselect={false} withAsterisk {...form.getInputProps("respondent")} />
          )}
          <NumberInput label="Every (days)" min={1} max={90} allowDecimal={false} withAsterisk {...form.getInputProps("cadence_days")} />
          <NumberInput
            label="Grace period (hours)"
            description="How long after the due time a missing check-in raises an alert."
            min={0}
            max={168}
            allowDecimal={false}
            withAsterisk
            {...form.getInputProps("grace_hours")}
          />
          <DateTimePicker
            label="Next check-in due"
            description={[ownClock, schedule ? undefined : "One cadence from now when left empty"].filter(Boolean).join(". ") || undefined}
            valueFormat={PICKER_DATE_TIME_FORMAT}
            clearable={!schedule}
            {...form.getInputProps("next_due_at")}
          />
          <Switch label="Active (paused schedules raise no missed-check-in alerts)" {...form.getInputProps("active", { type: "checkbox" })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} disabled={conflict}>
              {schedule ? "Save schedule" : "Schedule check-ins"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
