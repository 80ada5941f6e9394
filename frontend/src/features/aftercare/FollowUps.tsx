import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { FollowUpRead } from "../../api/types";
import { formatDateTime, humanize } from "../../lib/format";
import { useUpdateFollowUp } from "./api";

const STATE = {
  done: { label: "Done", color: "teal" },
  missed: { label: "Missed", color: "gray" },
  cancelled: { label: "Cancelled", color: "gray" },
  overdue: { label: "Overdue", color: "red" },
  open: { label: "Due", color: "blue" },
};

function stateOf(f: FollowUpRead): { label: string; color: string } {
  return STATE[f.status === "open" && f.overdue ? "overdue" : f.status];
}

/** The plan's follow-ups with their state; marking one done records its outcome. */
export function FollowUps({ caseId, followUps }: { caseId: string; followUps: FollowUpRead[] }) {
  const [recording, setRecording] = useState<FollowUpRead | null>(null);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="follow-ups-title">
      <Title order={2} size="h4" id="follow-ups-title" mb="sm">
        Follow-ups
      </Title>
      {followUps.length === 0 ? (
        <Text size="sm" c="dimmed">
          No follow-ups planned.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Due</Table.Th>
                <Table.Th>Kind</Table.Th>
                <Table.Th>Who</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Outcome</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {followUps.map((f) => {
                const state = stateOf(f);
                return (
                  <Table.Tr key={f.id} data-testid="follow-up">
                    <Table.Td>{formatDateTime(f.due_at)}</Table.Td>
                    <Table.Td>{humanize(f.kind)}</Table.Td>
                    <Table.Td>{f.assigned_to?.full_name ?? "Unassigned"}</Table.Td>
                    <Table.Td>
                      <Badge color={state.color} variant="light" tt="none">
                        {state.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      {f.status === "open" ? (
                        <Button size="xs" variant="light" onClick={() => setRecording(f)}>
                          Record outcome
                        </Button>
                      ) : (
                        <Text size="sm">{f.outcome_note}</Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {recording && <OutcomeModal caseId={caseId} followUp={recording} onClose={() => setRecording(null)} />}
    </Card>
  );
}

function OutcomeModal({ caseId, followUp, onClose }: { caseId: string; followUp: FollowUpRead; onClose: () => void }) {
  const update = useUpdateFollowUp(caseId);
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const finish = (status: "done" | "missed") => {
    if (!note.trim()) {
      setError("Write what happened: how the client is, what was agreed.");
      return;
    }
    update.mutate(
      { id: followUp.id, body: { status, outcome_note: note.trim() } },
      { onSuccess: onClose, onError: (e) => setError(describeError(e)) },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`Follow-up due ${formatDateTime(followUp.due_at)}`}>
      <Stack gap="sm">
        <Textarea
          label="Outcome"
          description="How the client and family are doing, and anything agreed."
          autosize
          minRows={3}
          maxLength={2000}
          value={note}
          error={error}
          onChange={(event) => setNote(event.currentTarget.value)}
          data-autofocus
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => finish("missed")} loading={update.isPending}>
            Could not reach them
          </Button>
          <Button onClick={() => finish("done")} loading={update.isPending}>
            Mark done
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
