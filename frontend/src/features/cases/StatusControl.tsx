import { Alert, Button, Menu, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { IconChevronDown } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Versioned } from "../../api/client";
import { ApiError } from "../../api/problem";
import type { CaseOutcome, CaseRead, CaseStatus } from "../../api/types";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { caseKeys, useChangeStatus } from "./api";
import { CONFLICT_MESSAGE } from "./EditCaseForm";
import { OUTCOME_LABEL, STATUS_LABEL, options } from "./labels";
import { transitionNeeds } from "./transitions";

interface StatusValues {
  reason: string;
  outcome: CaseOutcome | null;
}

export function StatusControl({ current }: { current: Versioned<CaseRead> }) {
  const caseRead = current.data;
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const allowed = caseRead.allowed_transitions;
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button rightSection={<IconChevronDown size={16} aria-hidden />} disabled={!allowed.length}>
            Change status
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Move to</Menu.Label>
          {allowed.map((status) => {
            const verb = transitionNeeds(caseRead.status, status).verb;
            return (
              <Menu.Item key={status} onClick={() => setTarget(status)}>
                {STATUS_LABEL[status]}
                {verb && (
                  <Text span size="xs" c="dimmed" display="block">
                    {verb}
                  </Text>
                )}
              </Menu.Item>
            );
          })}
        </Menu.Dropdown>
      </Menu>
      {target && <StatusDialog current={current} target={target} onClose={() => setTarget(null)} />}
    </>
  );
}

interface DialogProps {
  current: Versioned<CaseRead>;
  target: CaseStatus;
  onClose: () => void;
}

function StatusDialog({ current, target, onClose }: DialogProps) {
  const caseRead = current.data;
  const queryClient = useQueryClient();
  const [conflict, setConflict] = useState(false);
  const needs = transitionNeeds(caseRead.status, target);
  const change = useChangeStatus(caseRead.id);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<StatusValues>({
    mode: "controlled",
    initialValues: { reason: "", outcome: null },
    validate: {
      reason: (value) => (needs.reason === "required" && !value.trim() ? "Give a reason for this move" : null),
      outcome: (value) => (needs.outcome && !value ? "Choose the outcome of the case" : null),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await change.mutateAsync({
        body: {
          status: target,
          ...(values.reason.trim() ? { reason: values.reason.trim() } : {}),
          ...(needs.outcome && values.outcome ? { outcome: values.outcome } : {}),
        },
        etag: current.etag,
      });
      notifications.show({ color: "teal", title: "Status changed", message: `Now: ${STATUS_LABEL[target]}` });
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        return;
      }
      setFormError(applyApiError(form, error, ["reason", "outcome"]));
    }
  });

  const title = needs.verb || `Move to ${STATUS_LABEL[target]}`;
  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={submit} noValidate aria-label="Change status">
        <Stack>
          <Text size="sm">
            {STATUS_LABEL[caseRead.status]} → <strong>{STATUS_LABEL[target]}</strong>
          </Text>
          {conflict && (
            <ConflictAlert
              title="Status not changed"
              onReload={async () => {
                await queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseRead.id) });
                onClose();
              }}
            >
              <span>{CONFLICT_MESSAGE}</span>
            </ConflictAlert>
          )}
          {formError && (
            <Alert color="red" role="alert" title="Status not changed">
              {formError}
            </Alert>
          )}
          {needs.outcome && (
            <Select
              label="Outcome"
              withAsterisk
              placeholder="Choose an outcome"
              data={options(OUTCOME_LABEL)}
              {...form.getInputProps("outcome")}
            />
          )}
          <Textarea
            label="Reason"
            withAsterisk={needs.reason === "required"}
            description={needs.reason === "required" ? "Required for this move; it is kept on the timeline." : "Optional; it is kept on the timeline."}
            autosize
            minRows={2}
            {...form.getInputProps("reason")}
          />
          <Button type="submit" loading={change.isPending}>
            Move to {STATUS_LABEL[target]}
          </Button>
        </Stack>
      </form>
    </Modal>
  );
}
