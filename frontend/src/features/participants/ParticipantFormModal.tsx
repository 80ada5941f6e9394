import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, TextInput, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { ApiError } from "../../api/problem";
import type { ParticipantRead } from "../../api/types";
import { options } from "../cases/labels";
import { ConflictAlert } from "../../lib/ConflictAlert";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { participantsQueryOptions, useCreateParticipant, useUpdateParticipant } from "./api";
import {
  EMPTY_PARTICIPANT_FORM,
  PARTICIPANT_FORM_FIELDS,
  participantToFormValues,
  toCreateBody,
  toUpdateBody,
  validateParticipantForm,
  type ParticipantFormValues,
} from "./form";
import { PARTICIPANT_ROLE_LABEL, READINESS_LABEL, RELATIONSHIP_LABEL } from "./labels";

export const PARTICIPANT_CONFLICT_MESSAGE =
  "This participant was changed by someone else — reload to see their changes.";

interface Props {
  caseId: string;
  /** The participant to edit; absent to add a new one. */
  participant?: ParticipantRead;
  onClose: () => void;
}

export function ParticipantFormModal({ caseId, participant, onClose }: Props) {
  const phone = useMediaQuery("(max-width: 36em)");
  const queryClient = useQueryClient();
  const create = useCreateParticipant(caseId);
  const update = useUpdateParticipant(caseId);
  const keys = useRef(new IdempotencyKeys());
  const [base, setBase] = useState(participant);
  const [conflict, setConflict] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<ParticipantFormValues>({
    mode: "controlled",
    initialValues: participant ? participantToFormValues(participant) : EMPTY_PARTICIPANT_FORM,
    validate: validateParticipantForm,
  });
  const title = participant ? `Edit ${participant.full_name}` : "Add participant";

  const reload = async () => {
    const list = await queryClient.fetchQuery({ ...participantsQueryOptions(caseId), staleTime: 0 });
    const fresh = list.find((p) => p.id === participant?.id);
    if (!fresh) {
      setFormError("This participant no longer exists.");
      return;
    }
    const values = participantToFormValues(fresh);
    setBase(fresh);
    form.setInitialValues(values);
    form.setValues(values);
    setConflict(false);
  };

  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      if (base) {
        const body = toUpdateBody(participantToFormValues(base), values);
        if (Object.keys(body).length) await update.mutateAsync({ participant: base, body });
        notifications.show({ color: "teal", title: "Saved", message: `${values.full_name.trim()} was updated.` });
      } else {
        const body = toCreateBody(values);
        await create.mutateAsync({ body, idempotencyKey: keys.current.keyFor(body) });
        keys.current.reset();
        notifications.show({ color: "teal", title: "Participant added", message: body.full_name });
      }
      onClose();
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) {
        setConflict(true);
        return;
      }
      setFormError(applyApiError(form, error, PARTICIPANT_FORM_FIELDS));
    }
  });

  return (
    <Modal opened onClose={onClose} title={title} size="lg" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          {conflict && (
            <ConflictAlert title="Not saved" onReload={reload}>
              <span>{PARTICIPANT_CONFLICT_MESSAGE}</span>
            </ConflictAlert>
          )}
          {formError && (
            <Alert color="red" title="Not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <TextInput label="Full name" withAsterisk autoComplete="off" {...form.getInputProps("full_name")} />
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label="Relationship"
              withAsterisk
              placeholder="Choose"
              data={options(RELATIONSHIP_LABEL)}
              {...form.getInputProps("relationship")}
            />
            <Select
              label="Role"
              data={options(PARTICIPANT_ROLE_LABEL)}
              allowDeselect={false}
              {...form.getInputProps("role")}
            />
            <Select
              label="Readiness"
              data={options(READINESS_LABEL)}
              allowDeselect={false}
              {...form.getInputProps("readiness")}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Email" type="email" autoComplete="off" {...form.getInputProps("email")} />
            <TextInput label="Phone" type="tel" autoComplete="off" {...form.getInputProps("phone")} />
          </SimpleGrid>
          <Textarea
            label="Bottom line"
            description="What this person will do if the client refuses treatment."
            autosize
            minRows={2}
            maxLength={2000}
            {...form.getInputProps("bottom_line")}
          />
          <Textarea label="Notes" autosize minRows={2} maxLength={5000} {...form.getInputProps("notes")} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending || update.isPending} disabled={conflict}>
              {participant ? "Save changes" : "Add participant"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
