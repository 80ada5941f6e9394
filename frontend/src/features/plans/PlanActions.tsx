import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { IconArrowBackUp, IconCheck, IconFlag, IconPrinter, IconSend } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Versioned } from "../../api/client";
import { ApiError, describeError } from "../../api/problem";
import type { DeliveryResult, PlanRead } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { ButtonLink } from "../../lib/links";
import { staffRole, useMe } from "../auth/api";
import { options } from "../cases/labels";
import { PLAN_CONFLICT_MESSAGE } from "../participants/SpeakingOrder";
import { planKeys, useDeliverPlan, usePlanStep, useReturnPlan, type PlanStep } from "./api";
import { DateTimeField } from "./DateTimeField";
import { isoToLocal, localToIso } from "./form";
import { DELIVERY_RESULT_LABEL } from "./labels";
import { nowZonedInput, practiceNowForPicker } from "../../lib/format";

interface Props {
  caseId: string;
  current: Versioned<PlanRead>;
  /** Unsaved edits in the editor: a plan is submitted as saved, so save first. */
  dirty: boolean;
}

export function PlanActions({ caseId, current, dirty }: Props) {
  const me = useMe();
  const queryClient = useQueryClient();
  const step = usePlanStep(caseId);
  const [delivering, setDelivering] = useState(false);
  const [returning, setReturning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const plan = current.data;
  const role = staffRole(me);
  const mayApprove = role === "supervisor" || role === "admin";

  const run = async (which: PlanStep) => {
    setError(null);
    setConflict(false);
    try {
      await step.mutateAsync({ step: which, etag: current.etag });
      notifications.show({
        color: "teal",
        title: which === "submit" ? "Submitted for review" : "Plan approved",
        message: which === "submit" ? "A supervisor can now approve the plan." : "The plan is approved.",
      });
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setConflict(true);
      else setError(describeError(err));
    }
  };

  return (
    <Stack gap="xs" align="stretch">
      <Group gap="xs" wrap="wrap">
        <ButtonLink
          to="/cases/$caseId/run-sheet"
          params={{ caseId }}
          variant="default"
          leftSection={<IconPrinter size={16} aria-hidden />}
        >
          Print run sheet
        </ButtonLink>
        {plan.status === "draft" && (
          <Button
            leftSection={<IconSend size={16} aria-hidden />}
            onClick={() => void run("submit")}
            loading={step.isPending}
            disabled={dirty}
            title={dirty ? "Save your changes first" : undefined}
          >
            Submit for review
          </Button>
        )}
        {plan.status === "in_review" && mayApprove && (
          <Button
            color="teal.9"
            leftSection={<IconCheck size={16} aria-hidden />}
            onClick={() => void run("approve")}
            loading={step.isPending}
            disabled={dirty}
          >
            Approve
          </Button>
        )}
        {plan.status === "in_review" && mayApprove && (
          <Button
            variant="default"
            leftSection={<IconArrowBackUp size={16} aria-hidden />}
            onClick={() => setReturning(true)}
            disabled={dirty}
          >
            Return for changes
          </Button>
        )}
        {plan.status === "approved" && (
          <Button leftSection={<IconFlag size={16} aria-hidden />} onClick={() => setDelivering(true)} disabled={dirty}>
            Mark as delivered
          </Button>
        )}
      </Group>
      {dirty && plan.status !== "delivered" && (
        <Text size="xs" c="dimmed">
          Save your changes before moving the plan on.
        </Text>
      )}
      {plan.status === "in_review" && !mayApprove && (
        <Text size="sm" c="dimmed">
          Waiting for a supervisor or an admin to approve it. Changing it now takes it back to draft.
        </Text>
      )}
      {conflict && (
        <ConflictAlert
          title="Nothing changed"
          onReload={async () => {
            await queryClient.invalidateQueries({ queryKey: planKeys.detail(caseId) });
            setConflict(false);
          }}
        >
          <span>{PLAN_CONFLICT_MESSAGE}</span>
        </ConflictAlert>
      )}
      {error && (
        <Alert color="red" title="Nothing changed" role="alert">
          {error}
        </Alert>
      )}
      {returning && <ReturnModal caseId={caseId} current={current} onClose={() => setReturning(false)} />}
      {delivering && <DeliverModal caseId={caseId} current={current} onClose={() => setDelivering(false)} />}
    </Stack>
  );
}

function ReturnModal({ caseId, current, onClose }: { caseId: string; current: Versioned<PlanRead>; onClose: () => void }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const giveBack = useReturnPlan(caseId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<{ comment: string }>({
    mode: "controlled",
    initialValues: { comment: "" },
    validate: { comment: (value) => (value.trim() ? null : "Say what needs to change") },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await giveBack.mutateAsync({ comment: values.comment.trim(), etag: current.etag });
      notifications.show({
        color: "teal",
        title: "Returned for changes",
        message: "The plan is back in draft, and the case lead has a task to address your comments.",
      });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFormError(PLAN_CONFLICT_MESSAGE);
        return;
      }
      setFormError(applyApiError(form, error, ["comment"]));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Return the plan for changes" centered fullScreen={phone}>
      <form onSubmit={submit} noValidate aria-label="Return the plan for changes">
        <Stack>
          <Text size="sm">
            The plan goes back to draft. Your comment stays on the plan's history, and the case lead gets a task to
            address it.
          </Text>
          {formError && (
            <Alert color="red" role="alert" title="Not returned">
              {formError}
            </Alert>
          )}
          <Textarea
            label="What needs to change"
            withAsterisk
            autosize
            minRows={3}
            maxLength={4000}
            data-autofocus
            {...form.getInputProps("comment")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={giveBack.isPending}>
              Return for changes
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface DeliveryValues {
  held_at: string | null;
  result: DeliveryResult | null;
  notes: string;
}

function DeliverModal({ caseId, current, onClose }: { caseId: string; current: Versioned<PlanRead>; onClose: () => void }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const deliver = useDeliverPlan(caseId);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DeliveryValues>({
    mode: "controlled",
    initialValues: {
      // The scheduled time, unless it is still ahead: a meeting cannot be held in the future.
      held_at:
        current.data.scheduled_at && Date.parse(current.data.scheduled_at) <= Date.now()
          ? (isoToLocal(current.data.scheduled_at) as string)
          : nowZonedInput(),
      result: null,
      notes: "",
    },
    validate: {
      held_at: (value) => (value ? null : "When was it held?"),
      result: (value) => (value ? null : "Choose how it went"),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await deliver.mutateAsync({
        body: {
          held_at: localToIso(values.held_at) as string,
          result: values.result as DeliveryResult,
          ...(values.notes.trim() ? { notes: values.notes.trim() } : {}),
        },
        etag: current.etag,
      });
      notifications.show({ color: "teal", title: "Intervention recorded", message: DELIVERY_RESULT_LABEL[values.result as DeliveryResult] });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setFormError(PLAN_CONFLICT_MESSAGE);
        return;
      }
      setFormError(applyApiError(form, error, ["held_at", "result", "notes"]));
    }
  });

  return (
    <Modal opened onClose={onClose} title="Record the intervention" centered fullScreen={phone}>
      <form onSubmit={submit} noValidate aria-label="Record the intervention">
        <Stack>
          <Text size="sm">Once recorded, the plan is kept as it is and the case moves to "Intervention held".</Text>
          {formError && (
            <Alert color="red" role="alert" title="Not recorded">
              {formError}
            </Alert>
          )}
          <DateTimeField label="Held at" withAsterisk maxDate={practiceNowForPicker()} {...form.getInputProps("held_at")} />
          <Select
            label="Result"
            withAsterisk
            placeholder="How did it go?"
            data={options(DELIVERY_RESULT_LABEL)}
            {...form.getInputProps("result")}
          />
          <Textarea label="Notes" autosize minRows={3} {...form.getInputProps("notes")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={deliver.isPending}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
