import { Alert, Button, Group, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { ReferralRead, ReferralStatus } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { options } from "../cases/labels";
import { DateTimeField } from "../plans/DateTimeField";
import { referralKeys, useReferralAction } from "./api";
import { UPDATE_FORM_FIELDS, initialUpdateValues, toStatusReport, validateUpdateForm, type UpdateFormValues } from "./form";
import { DISCHARGE_REASON_LABEL, REFERRAL_STATUS_LABEL, caseEffect } from "./labels";
import { practiceNowForPicker } from "../../lib/format";

const REFERRAL_CONFLICT_MESSAGE =
  "This referral changed since you opened it (someone else, or the center, updated it). Reload to see the change, then decide again.";

/** A 412 on a referral (an action, or a draft's edit): say so and offer a reload of the referral and its lists. */
export function ReferralConflictAlert({
  referral,
  title = "Nothing was changed",
  onClose,
}: {
  referral: ReferralRead;
  title?: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  return (
    <ConflictAlert
      title={title}
      onReload={async () => {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: referralKeys.detail(referral.id) }),
          queryClient.invalidateQueries({ queryKey: referralKeys.lists() }),
        ]);
        onClose();
      }}
    >
      <span>{REFERRAL_CONFLICT_MESSAGE}</span>
    </ConflictAlert>
  );
}

function ProblemAlert({ error, title }: { error: unknown; title: string }) {
  const consent = error instanceof ApiError && error.slug === "consent-required";
  return (
    <Alert color="red" role="alert" title={consent ? "No active consent for this center" : title}>
      {consent
        ? `${describeError(error)} Record a new consent on the case's Consents tab, then try again.`
        : describeError(error)}
    </Alert>
  );
}

interface ModalProps {
  referral: ReferralRead;
  onClose: () => void;
}

export function SendReferralModal({ referral, onClose }: ModalProps) {
  const action = useReferralAction();
  const [error, setError] = useState<unknown>(null);
  const conflict = error instanceof ApiError && error.status === 412;
  const send = async () => {
    setError(null);
    try {
      await action.mutateAsync({ referral, action: { kind: "send" } });
      notifications.show({ color: "teal", title: "Referral sent", message: `${referral.treatment_center_name} can now see it.` });
      onClose();
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Send the referral to ${referral.treatment_center_name}?`} centered>
      <Stack>
        <Text size="sm">
          Sending discloses the client's name, date of birth and the referral summary to {referral.treatment_center_name}, under the
          consent you chose. The center is notified at once.
        </Text>
        {conflict ? <ReferralConflictAlert referral={referral} onClose={onClose} /> : error ? <ProblemAlert error={error} title="Not sent" /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Not yet
          </Button>
          <Button onClick={() => void send()} loading={action.isPending} disabled={conflict} data-autofocus>
            Send referral
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function CancelReferralModal({ referral, onClose }: ModalProps) {
  const action = useReferralAction();
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({ mode: "controlled", initialValues: { reason: "" } });
  const submit = form.onSubmit(async (values) => {
    setConflict(false);
    setFormError(null);
    try {
      await action.mutateAsync({ referral, action: { kind: "cancel", reason: values.reason.trim() || null } });
      notifications.show({ color: "teal", title: "Referral canceled", message: referral.treatment_center_name });
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 412) setConflict(true);
      else setFormError(applyApiError(form, caught, ["reason"]));
    }
  });
  return (
    <Modal opened onClose={onClose} title="Cancel the referral" centered>
      <form onSubmit={submit} noValidate aria-label="Cancel the referral">
        <Stack>
          <Text size="sm">
            {referral.sent_at
              ? `${referral.treatment_center_name} is told the referral is cancelled. This cannot be undone; a new referral can be made later.`
              : "The draft is closed. This cannot be undone; a new referral can be made later."}
          </Text>
          {conflict && <ReferralConflictAlert referral={referral} onClose={onClose} />}
          {formError && (
            <Alert color="red" role="alert" title="Not canceled">
              {formError}
            </Alert>
          )}
          <Textarea label="Reason" description="Kept in the referral's history" autosize minRows={2} data-autofocus {...form.getInputProps("reason")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep the referral
            </Button>
            <Button type="submit" color="red" loading={action.isPending} disabled={conflict}>
              Cancel referral
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface UpdateProps extends ModalProps {
  status: ReferralStatus;
}

/** Staff recording what a center that is not a partner told them (by phone, fax, email). */
export function RecordUpdateModal({ referral, status, onClose }: UpdateProps) {
  const action = useReferralAction();
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<UpdateFormValues>({
    mode: "controlled",
    initialValues: initialUpdateValues(status),
    validate: validateUpdateForm,
  });
  const effect = caseEffect(status);
  const submit = form.onSubmit(async (values) => {
    setConflict(false);
    setFormError(null);
    try {
      await action.mutateAsync({ referral, action: { kind: "report", body: toStatusReport(values) } });
      notifications.show({ color: "teal", title: `Recorded: ${REFERRAL_STATUS_LABEL[status]}`, message: referral.treatment_center_name });
      onClose();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status === 412) setConflict(true);
      else setFormError(applyApiError(form, caught, UPDATE_FORM_FIELDS));
    }
  });
  let fields: ReactNode = null;
  if (status === "declined") {
    fields = (
      <Textarea label="Reason the center gave" withAsterisk autosize minRows={2} data-autofocus {...form.getInputProps("decline_reason")} />
    );
  } else if (status === "admitted") {
    fields = <DateTimeField label="Admitted at" maxDate={practiceNowForPicker()} {...form.getInputProps("admitted_at")} />;
  } else if (status === "discharged") {
    fields = (
      <>
        <Select
          label="How the stay ended"
          withAsterisk
          placeholder="Choose"
          data={options(DISCHARGE_REASON_LABEL)}
          {...form.getInputProps("discharge_reason")}
        />
        <DateTimeField label="Discharged at" maxDate={practiceNowForPicker()} {...form.getInputProps("discharged_at")} />
      </>
    );
  }
  return (
    <Modal opened onClose={onClose} title={`Record: ${REFERRAL_STATUS_LABEL[status]}`} centered>
      <form onSubmit={submit} noValidate aria-label={`Record: ${REFERRAL_STATUS_LABEL[status]}`}>
        <Stack>
          <Text size="sm">
            What {referral.treatment_center_name} told you: {REFERRAL_STATUS_LABEL[referral.status]} →{" "}
            <strong>{REFERRAL_STATUS_LABEL[status]}</strong>
          </Text>
          {effect && (
            <Text size="sm" c="dimmed">
              {effect}
            </Text>
          )}
          {conflict && <ReferralConflictAlert referral={referral} onClose={onClose} />}
          {formError && (
            <Alert color="red" role="alert" title="Not recorded" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          {fields}
          <Textarea label="Note" description="Optional; kept in the referral's history" autosize minRows={2} {...form.getInputProps("note")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={action.isPending} disabled={conflict} color={status === "declined" ? "red" : undefined}>
              Record {REFERRAL_STATUS_LABEL[status].toLowerCase()}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
