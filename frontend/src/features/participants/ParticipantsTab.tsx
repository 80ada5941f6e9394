import { Alert, Badge, Button, Card, Center, Group, Loader, Modal, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconFileText, IconPencil, IconPlus, IconTrash, IconUsersGroup } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { CaseRead, ParticipantRead } from "../../api/types";
import { clientName } from "../cases/labels";
import { usePlan } from "../plans/api";
import { participantsQueryOptions, useDeleteParticipant } from "./api";
import { wordCount } from "./form";
import { LetterModal } from "./LetterModal";
import { PARTICIPANT_ROLE_LABEL, READINESS_BADGE, READINESS_LABEL, RELATIONSHIP_LABEL } from "./labels";
import { ParticipantFormModal } from "./ParticipantFormModal";
import { SpeakingOrder } from "./SpeakingOrder";
import { LoadError } from "../../lib/LoadError";
import { PhoneLink } from "../../lib/phone";

type Dialog =
  | { kind: "add" }
  | { kind: "edit"; participant: ParticipantRead }
  | { kind: "letter"; participant: ParticipantRead }
  | { kind: "delete"; participant: ParticipantRead };

export function ParticipantsTab({ caseData }: { caseData: CaseRead }) {
  const participants = useQuery(participantsQueryOptions(caseData.id));
  const plan = usePlan(caseData.id);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  if (participants.isPending || plan.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading participants" />
      </Center>
    );
  }
  if (participants.isError || plan.isError) {
    return (
      <LoadError
        title="Could not load the participants"
        error={participants.error ?? plan.error}
        onRetry={() => Promise.all([participants.refetch(), plan.refetch()])}
      />
    );
  }
  const list = participants.data;
  const committed = list.filter((p) => p.readiness === "committed").length;

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Participants
          </Title>
          {list.length > 0 && (
            <Text size="sm" c="dimmed">
              {list.length} {list.length === 1 ? "person" : "people"} · {committed} committed
            </Text>
          )}
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: "add" })}>
          Add participant
        </Button>
      </Group>

      {list.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs" ta="center">
            <IconUsersGroup size={36} aria-hidden color="var(--mantine-color-gray-6)" />
            <Text fw={600}>No participants yet</Text>
            <Text size="sm" c="dimmed" maw={420}>
              Add the family members, friends and coworkers who will take part: their readiness, letter and
              bottom line live here.
            </Text>
          </Stack>
        </Card>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Participants">
          {list.map((p) => (
            <ParticipantCard
              key={p.id}
              participant={p}
              onEdit={() => setDialog({ kind: "edit", participant: p })}
              onLetter={() => setDialog({ kind: "letter", participant: p })}
              onDelete={() => setDialog({ kind: "delete", participant: p })}
            />
          ))}
        </SimpleGrid>
      )}

      {list.length > 0 && <SpeakingOrder caseId={caseData.id} participants={list} plan={plan.data} />}

      {dialog?.kind === "add" && <ParticipantFormModal caseId={caseData.id} onClose={close} />}
      {dialog?.kind === "edit" && (
        <ParticipantFormModal key={dialog.participant.id} caseId={caseData.id} participant={dialog.participant} onClose={close} />
      )}
      {dialog?.kind === "letter" && (
        <LetterModal caseId={caseData.id} participant={dialog.participant} clientName={clientName(caseData.client)} onClose={close} />
      )}
      {dialog?.kind === "delete" && <DeleteParticipant caseId={caseData.id} participant={dialog.participant} onClose={close} />}
    </Stack>
  );
}

export function ReadinessBadge({ readiness }: { readiness: ParticipantRead["readiness"] }) {
  return (
    <Badge color={READINESS_BADGE[readiness].color} variant={READINESS_BADGE[readiness].variant} tt="none" style={{ flexShrink: 0 }}>
      {READINESS_LABEL[readiness]}
    </Badge>
  );
}

interface CardProps {
  participant: ParticipantRead;
  onEdit: () => void;
  onLetter: () => void;
  onDelete: () => void;
}

function ParticipantCard({ participant: p, onEdit, onLetter, onDelete }: CardProps) {
  const words = wordCount(p.letter ?? "");
  return (
    <Card withBorder padding="md" component="li" aria-label={p.full_name}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Title order={3} size="h5" style={{ overflowWrap: "anywhere" }}>
              {p.full_name}
            </Title>
            <Text size="sm" c="dimmed">
              {RELATIONSHIP_LABEL[p.relationship]} · {PARTICIPANT_ROLE_LABEL[p.role]}
            </Text>
          </Stack>
          <ReadinessBadge readiness={p.readiness} />
        </Group>
        {(p.email || p.phone) && (
          <Text size="sm" style={{ overflowWrap: "anywhere" }}>
            {p.email}
            {p.email && p.phone ? " · " : ""}
            {p.phone && <PhoneLink phone={p.phone} extension={p.phone_extension} size="sm" />}
          </Text>
        )}
        <Text size="sm">
          <Text span fw={600}>
            Letter:
          </Text>{" "}
          {words ? `${words} words` : <Text span c="dimmed">not written yet</Text>}
        </Text>
        <Text size="sm" lineClamp={2}>
          <Text span fw={600}>
            Bottom line:
          </Text>{" "}
          {p.bottom_line || <Text span c="dimmed">not set</Text>}
        </Text>
        <Group gap="xs" mt={4}>
          <Button size="xs" variant="light" leftSection={<IconFileText size={14} aria-hidden />} onClick={onLetter} aria-label={`Letter of ${p.full_name}`}>
            Letter
          </Button>
          <Button size="xs" variant="default" leftSection={<IconPencil size={14} aria-hidden />} onClick={onEdit} aria-label={`Edit ${p.full_name}`}>
            Edit
          </Button>
          <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} aria-hidden />} onClick={onDelete} aria-label={`Remove ${p.full_name}`}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function DeleteParticipant({ caseId, participant, onClose }: { caseId: string; participant: ParticipantRead; onClose: () => void }) {
  const remove = useDeleteParticipant(caseId);
  const [error, setError] = useState<string | null>(null);
  const confirm = async () => {
    setError(null);
    try {
      await remove.mutateAsync(participant);
      notifications.show({ color: "teal", title: "Participant removed", message: participant.full_name });
      onClose();
    } catch (err) {
      // A 409 says what to do first (take them out of the plan, reassign tasks): shown as is.
      setError(describeError(err));
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Remove ${participant.full_name}?`} centered>
      <Stack>
        <Text size="sm">Their letter, bottom line and notes are deleted with them. This cannot be undone.</Text>
        {error && (
          <Alert color="red" title="Not removed" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            Remove
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
