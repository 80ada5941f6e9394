import { Alert, Button, Group, List, Modal, Stack, Text, Textarea } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { AftercareRead, CaseRead } from "../../api/types";
import { useCenter } from "../centers/api";
import { levelOfCareLabel } from "../plans/labels";
import { useEscalate } from "./api";

/** Carry out the escalation agreement, explained before it is confirmed. */
export function EscalateButton({ caseData, plan }: { caseData: CaseRead; plan: AftercareRead }) {
  const [open, setOpen] = useState(false);
  if (caseData.status !== "aftercare") return null;
  return (
    <>
      <Button color="orange" onClick={() => setOpen(true)}>
        Escalate after a relapse
      </Button>
      {open && <EscalateModal caseData={caseData} plan={plan} onClose={() => setOpen(false)} />}
    </>
  );
}

function EscalateModal({ caseData, plan, onClose }: { caseData: CaseRead; plan: AftercareRead; onClose: () => void }) {
  const escalate = useEscalate(caseData.id);
  const navigate = useNavigate();
  const agreement = plan.escalation_agreement;
  const center = useCenter(agreement?.treatment_center_id ?? null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const missing = plan.escalation_missing;
  const confirm = () => {
    if (!reason.trim()) {
      setError("Say what happened; it goes on the case timeline.");
      return;
    }
    escalate.mutate(
      { reason: reason.trim() },
      {
        onSuccess: (result) => {
          notifications.show({ color: "orange", title: "Escalated", message: "The case is back in treatment; a draft referral is ready." });
          onClose();
          void navigate({ to: "/referrals/$referralId", params: { referralId: result.referral_id } });
        },
        onError: (e) => setError(describeError(e)),
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title="Escalate as agreed" size="lg">
      <Stack gap="sm">
        {missing.length > 0 ? (
          <Alert color="red" role="alert" title="The escalation agreement is not complete">
            It still needs: {missing.join("; ")}. Complete it in the plan below and save first.
          </Alert>
        ) : (
          <>
            <Text size="sm">Escalating carries out what the client and family agreed in advance. It will:</Text>
            <List size="sm" spacing={4}>
              <List.Item>move the case from aftercare back to in treatment, with your reason on the timeline;</List.Item>
              <List.Item>
                create a <strong>draft</strong> referral to {center.data?.name ?? "the agreed center"} at{" "}
                {agreement?.next_level_of_care ? levelOfCareLabel(agreement.next_level_of_care) : "the agreed level of care"};
              </List.Item>
              <List.Item>
                not send anything: sending the referral still needs an active consent (42 CFR Part 2) that names the center.
              </List.Item>
            </List>
            {agreement?.who_calls && (
              <Text size="sm">
                <strong>Who calls whom:</strong> {agreement.who_calls}
              </Text>
            )}
            <Textarea
              label="What happened"
              description="The reason for the escalation, as it will read on the timeline."
              autosize
              minRows={2}
              maxLength={2000}
              value={reason}
              error={error}
              onChange={(event) => setReason(event.currentTarget.value)}
              data-autofocus
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="orange" onClick={confirm} loading={escalate.isPending} disabled={missing.length > 0}>
            Escalate and draft the referral
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
