import { Alert, Button, Checkbox, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import type { ConsentRead } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { useRevokeConsent } from "./api";

interface Values {
  note: string;
  confirmed: boolean;
}

/** Revocation is final: a note says why, and a tick confirms it. */
export function RevokeConsentModal({ consent, recipient, onClose }: { consent: ConsentRead; recipient: string; onClose: () => void }) {
  const revoke = useRevokeConsent();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<Values>({
    mode: "controlled",
    initialValues: { note: "", confirmed: false },
    validate: {
      note: (value) => (value.trim() ? null : "Say why, and who asked (for example “client revoked by phone”)"),
      confirmed: (value) => (value ? null : "Confirm the revocation"),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setFormError(null);
    try {
      await revoke.mutateAsync({ consentId: consent.id, note: values.note.trim() });
      notifications.show({ color: "teal", title: "Consent revoked", message: `Nothing more is disclosed to ${recipient} under it.` });
      onClose();
    } catch (error) {
      setFormError(applyApiError(form, error, ["note"]));
    }
  });
  return (
    <Modal opened onClose={onClose} title="Revoke consent" centered>
      <form onSubmit={submit} noValidate aria-label="Revoke consent">
        <Stack>
          <Text size="sm">
            Consent for <strong>{recipient}</strong>, signed by {consent.signed_by}. Once revoked, referrals under it cannot be sent and
            partner centers can no longer read the client's details. This cannot be undone: a new consent would have to be signed.
          </Text>
          {formError && (
            <Alert color="red" role="alert" title="Not revoked">
              {formError}
            </Alert>
          )}
          <Textarea label="Reason for revoking" withAsterisk autosize minRows={2} data-autofocus {...form.getInputProps("note")} />
          <Checkbox label="I confirm this consent is revoked as of now" {...form.getInputProps("confirmed", { type: "checkbox" })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Keep it
            </Button>
            <Button type="submit" color="red" loading={revoke.isPending}>
              Revoke consent
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
