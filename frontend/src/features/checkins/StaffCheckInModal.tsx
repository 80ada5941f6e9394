import { Alert, Button, Divider, Group, Modal, Select, Stack, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { describeError } from "../../api/problem";
import { IdempotencyKeys } from "../../lib/idempotency";
import { useGoals } from "../goals/api";
import { CheckInStep } from "../portal/CheckInStep";
import {
  EMPTY_CHECK_IN,
  periodDaysFor,
  STEP_TITLE,
  stepsFor,
  toCheckInBody,
  validateStep,
  windowDays,
  type CheckInFormValues,
} from "../portal/checkinForm";
import { useCreateStaffCheckIn, useSchedules } from "./api";

interface Props {
  caseId: string;
  people: { value: string; label: string }[];
  clientName: string;
  onClose: () => void;
}

/** A check-in taken over the phone or in person, entered by staff for the respondent. */
export function StaffCheckInModal({ caseId, people, clientName, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const create = useCreateStaffCheckIn(caseId);
  const goals = useGoals(caseId);
  const schedules = useSchedules(caseId);
  const keys = useRef(new IdempotencyKeys());
  const [respondent, setRespondent] = useState<string>(people[0]?.value ?? "client");
  const [values, setValues] = useState<CheckInFormValues>(EMPTY_CHECK_IN);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const kind = respondent === "client" ? "client" : "participant";
  const cadence = schedules.data?.find((s) => s.respondent === respondent)?.cadence_days;
  const periodDays = windowDays(values, cadence);
  const theirGoals = (goals.data ?? []).filter((g) => g.subject === respondent && g.lifecycle_status === "active");
  const steps = stepsFor(kind, theirGoals.length > 0);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = Object.assign({}, ...steps.map((step) => validateStep(step, values, periodDays))) as Record<string, string>;
    setErrors(found);
    if (Object.keys(found).length) {
      setFormError("Some answers are missing; they are marked below.");
      return;
    }
    const body = { ...toCheckInBody(values, kind, periodDays), respondent };
    try {
      const created = await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
      notifications.show({
        color: created.risk_level === "critical" ? "red" : "teal",
        title: "Check-in recorded",
        message: `${created.respondent_name}: ${created.risk_level} risk`,
      });
      onClose();
    } catch (error) {
      setFormError(describeError(error));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Enter a check-in" size="lg" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label="Enter a check-in">
        <Stack>
          {formError && (
            <Alert color="red" role="alert" title="Not recorded">
              {formError}
            </Alert>
          )}
          <Select
            label="On behalf of"
            data={people}
            value={respondent}
            allowDeselect={false}
            onChange={(value) => {
              if (!value) return;
              setRespondent(value);
              setValues(EMPTY_CHECK_IN);
              setErrors({});
            }}
          />
          {steps.map((step) => (
            <Stack key={`${respondent}-${step}`} gap="sm">
              <Divider />
              <Title order={3} size="h5">
                {STEP_TITLE[step]}
              </Title>
              <CheckInStep
                step={step}
                values={values}
                errors={errors}
                onChange={(change) => {
                  const updated = { ...values, ...change };
                  setValues(updated);
                  if (Object.keys(errors).length)
                    setErrors(Object.assign({}, ...steps.map((s) => validateStep(s, updated, periodDays))) as Record<string, string>);
                }}
                periodDays={periodDays}
                scheduleDays={periodDaysFor(cadence)}
                goals={theirGoals}
                clientName={clientName}
              />
            </Stack>
          ))}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Record check-in
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
