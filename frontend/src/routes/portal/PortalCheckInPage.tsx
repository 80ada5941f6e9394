import { Alert, Button, Group, Progress, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconCircleCheck, IconCloudUpload } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { newIdempotencyKey } from "../../api/client";
import { describeError } from "../../api/problem";
import type { PortalCheckInReceipt, PortalMe } from "../../api/types";
import { portalKeys, useCheckInDue, usePortalGoals, usePortalMe } from "../../features/portal/api";
import { CheckInStep, CrisisNote } from "../../features/portal/CheckInStep";
import {
  anySafetyYes,
  EMPTY_CHECK_IN,
  goalsToMeasure,
  periodDaysFor,
  STEP_TITLE,
  stepsFor,
  toCheckInBody,
  validateStep,
  windowDays,
  type CheckInFormValues,
} from "../../features/portal/checkinForm";
import { newOutboxItem } from "../../features/portal/outbox";
import { sender } from "../../features/portal/sender";
import { formatDateTime } from "../../lib/format";
import { AnchorLink, ButtonLink } from "../../lib/links";

type Outcome =
  | { state: "form" }
  | { state: "sending" }
  | { state: "saved"; key: string }
  | { state: "sent"; receipt: PortalCheckInReceipt };

export function PortalCheckInPage() {
  useDocumentTitle("Check-in · Cairn");
  const me = usePortalMe();
  const due = useCheckInDue();
  const goals = usePortalGoals();
  if (me.isPending || due.isPending || goals.isPending) return <Skeleton h={320} />;
  const error = me.error ?? due.error ?? goals.error;
  if (error || !me.data) {
    return (
      <Alert color="red" role="alert" title="Could not open the check-in">
        {describeError(error)}
      </Alert>
    );
  }
  return <CheckInWizard me={me.data} cadenceDays={due.data?.cadence_days ?? null} goals={goalsToMeasure(goals.data?.items ?? [])} />;
}

interface WizardProps {
  me: PortalMe;
  cadenceDays: number | null;
  goals: { id: string; title: string; metric: string; unit?: string | null; latest_value?: number | null }[];
}

function CheckInWizard({ me, cadenceDays, goals }: WizardProps) {
  const queryClient = useQueryClient();
  const steps = stepsFor(me.kind, goals.length > 0);
  const [index, setIndex] = useState(0);
  const [values, setValues] = useState<CheckInFormValues>(EMPTY_CHECK_IN);
  const periodDays = windowDays(values, cadenceDays);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [sendError, setSendError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome>({ state: "form" });
  const heading = useRef<HTMLHeadingElement>(null);
  const step = steps[index]!;
  const last = index === steps.length - 1;

  // Move focus to the new step's heading, so screen readers start at the top.
  const moved = useRef(false);
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [index, outcome.state]);

  // A check-in saved on the phone: wait for the background sender to deliver it.
  const savedKey = outcome.state === "saved" ? outcome.key : null;
  useEffect(() => {
    if (!savedKey) return;
    return sender.onReport((report) => {
      const sent = report.sent.find((s) => s.item.key === savedKey);
      if (sent) setOutcome({ state: "sent", receipt: sent.receipt });
      const dropped = report.dropped.find((d) => d.item.key === savedKey);
      if (dropped) {
        setSendError(dropped.message);
        setOutcome({ state: "form" });
      }
    });
  }, [savedKey]);

  const next = () => {
    const found = validateStep(step, values, periodDays);
    setErrors(found);
    if (Object.keys(found).length) return;
    if (!last) {
      setIndex(index + 1);
      return;
    }
    void send();
  };

  const send = async () => {
    setSendError(null);
    setOutcome({ state: "sending" });
    // The key is made now, once: every retry of this check-in reuses it.
    const item = newOutboxItem(me.id, toCheckInBody(values, me.kind, periodDays), newIdempotencyKey());
    sender.add(item);
    const report = await sender.flush(me.id);
    const sent = report.sent.find((s) => s.item.key === item.key);
    const dropped = report.dropped.find((d) => d.item.key === item.key);
    if (sent) {
      void queryClient.invalidateQueries({ queryKey: portalKeys.all });
      setOutcome({ state: "sent", receipt: sent.receipt });
    } else if (dropped) {
      setSendError(dropped.message);
      setOutcome({ state: "form" });
    } else {
      setOutcome({ state: "saved", key: item.key });
    }
  };

  if (outcome.state === "sent" || outcome.state === "saved") {
    const sent = outcome.state === "sent";
    return (
      <Stack gap="lg" align="stretch">
        <Stack gap="xs" align="center" ta="center">
          {sent ? (
            <IconCircleCheck size={56} color="var(--mantine-color-teal-8)" aria-hidden />
          ) : (
            <IconCloudUpload size={56} color="var(--mantine-color-blue-8)" aria-hidden />
          )}
          <Title order={1} size="h2" ref={heading} tabIndex={-1}>
            {sent ? "Thank you — your check-in was sent" : "Saved on this phone"}
          </Title>
          <Text size="lg" role="status">
            {sent
              ? "Your interventionist can see it now."
              : "Saved on this phone — will be sent when you're back online. You can close the app; it will be sent the next time you open it."}
          </Text>
          {sent && outcome.receipt.next_due_at && (
            <Text>
              Next check-in: <time dateTime={outcome.receipt.next_due_at}>{formatDateTime(outcome.receipt.next_due_at)}</time>
            </Text>
          )}
        </Stack>
        {anySafetyYes(values) && <CrisisNote />}
        <ButtonLink to="/portal" size="lg" fullWidth>
          Back to home
        </ButtonLink>
      </Stack>
    );
  }

  return (
    <form
      noValidate
      aria-label="Weekly check-in"
      onSubmit={(event) => {
        event.preventDefault();
        next();
      }}
    >
      <Stack gap="lg">
        <AnchorLink to="/portal" size="sm">
          ← Home
        </AnchorLink>
        <div>
          <Text size="sm" c="dimmed" id="step-count">
            Step {index + 1} of {steps.length}
          </Text>
          <Progress.Root size="sm" mt={4} mb="sm">
            <Progress.Section value={((index + 1) / steps.length) * 100} aria-label={`Step ${index + 1} of ${steps.length}`} />
          </Progress.Root>
          <Title order={1} size="h2" ref={heading} tabIndex={-1}>
            {STEP_TITLE[step]}
          </Title>
        </div>
        {sendError && (
          <Alert color="red" role="alert" title="Your check-in was not accepted">
            {sendError}
          </Alert>
        )}
        <CheckInStep
          step={step}
          values={values}
          errors={errors}
          onChange={(change) => {
            const updated = { ...values, ...change };
            setValues(updated);
            // Once problems are shown, they go away as soon as they are answered.
            if (Object.keys(errors).length) setErrors(validateStep(step, updated, periodDays));
          }}
          periodDays={periodDays}
          scheduleDays={periodDaysFor(cadenceDays)}
          goals={goals}
          clientName={me.client_first_name}
        />
        <Group grow gap="sm">
          {index > 0 && (
            <Button variant="default" size="lg" onClick={() => setIndex(index - 1)}>
              Back
            </Button>
          )}
          <Button type="submit" size="lg" loading={outcome.state === "sending"}>
            {last ? "Send check-in" : "Next"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
