import { Alert, Button, Group, Modal, Paper, Stack, Text, Textarea } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { ParticipantRead } from "../../api/types";
import { participantsQueryOptions, useUpdateParticipant } from "./api";
import { wordCount } from "./form";
import { PARTICIPANT_CONFLICT_MESSAGE } from "./ParticipantFormModal";
import { ConflictAlert } from "../../lib/ConflictAlert";

const LETTER_MAX = 20_000;

interface Props {
  caseId: string;
  participant: ParticipantRead;
  clientName: string;
  onClose: () => void;
}

/**
 * A roomy editor for the impact letter. The draft lives here until the API has
 * accepted it: a failed or conflicting save keeps every typed word on screen.
 */
export function LetterModal({ caseId, participant, clientName, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const queryClient = useQueryClient();
  const update = useUpdateParticipant(caseId);
  const [base, setBase] = useState(participant);
  const [letter, setLetter] = useState(participant.letter ?? "");
  const [bottomLine, setBottomLine] = useState(participant.bottom_line ?? "");
  const [conflict, setConflict] = useState(false);
  const [theirs, setTheirs] = useState<ParticipantRead | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const dirty = letter !== (base.letter ?? "") || bottomLine.trim() !== (base.bottom_line ?? "").trim();
  const words = wordCount(letter);

  const requestClose = () => {
    if (dirty && !confirmClose) {
      setConfirmClose(true);
      return;
    }
    onClose();
  };

  const reload = async () => {
    const list = await queryClient.fetchQuery({ ...participantsQueryOptions(caseId), staleTime: 0 });
    const fresh = list.find((p) => p.id === participant.id);
    if (!fresh) {
      setError("This participant no longer exists.");
      return;
    }
    // Keep the user's draft; show what was saved meanwhile so they can merge by hand.
    setBase(fresh);
    setTheirs(fresh);
    setConflict(false);
  };

  const save = async () => {
    setError(null);
    setConfirmClose(false);
    const body: { letter?: string | null; bottom_line?: string | null } = {};
    if (letter !== (base.letter ?? "")) body.letter = letter.trim() ? letter : null;
    if (bottomLine.trim() !== (base.bottom_line ?? "").trim()) body.bottom_line = bottomLine.trim() || null;
    try {
      if (Object.keys(body).length) await update.mutateAsync({ participant: base, body });
      notifications.show({ color: "teal", title: "Letter saved", message: participant.full_name });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 412) setConflict(true);
      else setError(describeError(err));
    }
  };

  return (
    <Modal
      opened
      onClose={requestClose}
      title={`Letter — ${participant.full_name}`}
      size="xl"
      fullScreen={phone}
      centered
      closeOnClickOutside={false}
    >
      <Stack>
        {conflict && (
          <ConflictAlert title="Not saved" onReload={reload}>
            <span>{PARTICIPANT_CONFLICT_MESSAGE} Your draft stays here.</span>
          </ConflictAlert>
        )}
        {error && (
          <Alert color="red" title="The letter was not saved" role="alert">
            {error} Your draft is still here.
          </Alert>
        )}
        {theirs && (
          <Paper withBorder p="sm" bg="gray.0">
            <Text size="sm" fw={600}>
              The letter as saved by someone else
            </Text>
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {theirs.letter || "(empty)"}
            </Text>
            <Group mt="xs">
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setLetter(theirs.letter ?? "");
                  setBottomLine(theirs.bottom_line ?? "");
                  setTheirs(null);
                }}
              >
                Use their version
              </Button>
              <Button size="xs" variant="subtle" onClick={() => setTheirs(null)}>
                Keep mine
              </Button>
            </Group>
          </Paper>
        )}
        <Textarea
          label={`Letter to ${clientName}`}
          description="Love first, then two or three specific incidents told factually, then the request to accept help today."
          autosize
          minRows={phone ? 12 : 16}
          maxRows={40}
          maxLength={LETTER_MAX}
          value={letter}
          onChange={(event) => setLetter(event.currentTarget.value)}
          styles={{ input: { fontSize: "var(--mantine-font-size-md)", lineHeight: 1.6 } }}
          data-autofocus
        />
        <Text size="sm" c="dimmed" aria-live="polite">
          {words} {words === 1 ? "word" : "words"}
          {letter.length > LETTER_MAX * 0.9 ? ` · ${LETTER_MAX - letter.length} characters left` : ""}
        </Text>
        <Textarea
          label="Bottom line"
          description="Read only if treatment is refused: what this person will do, within their own control."
          autosize
          minRows={2}
          maxLength={2000}
          value={bottomLine}
          onChange={(event) => setBottomLine(event.currentTarget.value)}
        />
        {confirmClose && (
          <Alert color="red" title="Unsaved changes" role="alert">
            <Stack gap="xs" align="flex-start">
              <span>Close without saving? Your changes to the letter will be lost.</span>
              <Group gap="xs">
                <Button size="xs" color="red" variant="light" onClick={onClose}>
                  Discard changes
                </Button>
                <Button size="xs" variant="default" onClick={() => setConfirmClose(false)}>
                  Keep editing
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={requestClose}>
            Cancel
          </Button>
          <Button onClick={save} loading={update.isPending} disabled={conflict}>
            Save letter
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
