import { Alert, Button, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { ApiError, describeError } from "../../api/problem";
import type { AlertRead } from "../../api/types";
import { useAcknowledgeAlert } from "./api";
import { ContactText } from "../../lib/ContactText";

export function AcknowledgeModal({ alert, onClose }: { alert: AlertRead; onClose: () => void }) {
  const phone = useMediaQuery("(max-width: 36em)");
  const acknowledge = useAcknowledgeAlert();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      await acknowledge.mutateAsync({ alertId: alert.id, note: note.trim() || null });
      notifications.show({ color: "teal", title: "Alert acknowledged", message: alert.title });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setError("Someone else has already acknowledged this alert.");
        return;
      }
      setError(describeError(err));
    }
  };

  return (
    <Modal opened onClose={onClose} title="Acknowledge alert" fullScreen={phone} centered>
      <form onSubmit={submit} noValidate aria-label="Acknowledge alert">
        <Stack>
          <Text size="sm" fw={600}>
            {alert.title}
          </Text>
          {alert.detail && (
            <Text size="sm">
              <ContactText text={alert.detail} />
            </Text>
          )}
          {error && (
            <Alert color="red" role="alert" title="Not acknowledged">
              {error}
            </Alert>
          )}
          <Textarea
            label="What was done"
            description="Kept with the alert, e.g. “Called the client; safe, with sister tonight.”"
            autosize
            minRows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={acknowledge.isPending}>
              Acknowledge
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
