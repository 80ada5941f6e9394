import { Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useRef, useState } from "react";
import { describeError } from "../../api/problem";
import type { ApiClientCredentials, ApiClientRead, TreatmentCenterRead } from "../../api/types";
import { applyApiError } from "../../lib/forms";
import { IdempotencyKeys } from "../../lib/idempotency";
import { useCreateApiClient, useRevokeApiClient, useSetClientWebhook } from "./api";
import { checkWebhookUrl, insecureWebhook } from "./labels";

const WEBHOOK_FIELDS = ["webhook_url"] as const;

function HttpWarning({ url }: { url: string }) {
  if (!insecureWebhook(url)) return null;
  return (
    <Text size="xs" c="red.9">
      Plain http is readable on the network; use https unless this is a test system.
    </Text>
  );
}

interface CreateProps {
  center: TreatmentCenterRead;
  onCreated: (credentials: ApiClientCredentials) => void;
  onClose: () => void;
}

export function CreateClientModal({ center, onCreated, onClose }: CreateProps) {
  const create = useCreateApiClient();
  const keys = useRef(new IdempotencyKeys());
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: { webhook_url: "" },
    validate: { webhook_url: (value) => checkWebhookUrl(value) },
  });
  const submit = form.onSubmit(async ({ webhook_url }) => {
    setFormError(null);
    const body = webhook_url.trim() ? { webhook_url: webhook_url.trim() } : {};
    try {
      const credentials = await create.mutateAsync({
        centerId: center.id,
        body,
        idempotencyKey: keys.current.keyFor({ center: center.id, ...body }),
      });
      keys.current.reset();
      onCreated(credentials);
    } catch (error) {
      setFormError(applyApiError(form, error, WEBHOOK_FIELDS));
    }
  });
  const title = `New API client for ${center.name}`;
  return (
    <Modal opened onClose={onClose} title={title} size="lg" centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <Text size="sm">
            The center&apos;s system uses the client ID and secret to fetch the referrals addressed to it, report
            their status and update its beds. It sees nothing else, and only while the client&apos;s consent holds.
          </Text>
          {formError && (
            <Alert color="red" title="Not created" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <TextInput
            label="Webhook URL (optional)"
            description="Where Cairn announces new and cancelled referrals. You can set it later."
            placeholder="https://partner.example.org/cairn/webhooks"
            type="url"
            autoComplete="off"
            maxLength={480}
            {...form.getInputProps("webhook_url")}
          />
          <HttpWarning url={form.values.webhook_url} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create client
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function WebhookUrlModal({ client, onClose }: { client: ApiClientRead; onClose: () => void }) {
  const setWebhook = useSetClientWebhook();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: { webhook_url: client.webhook_url ?? "" },
    validate: { webhook_url: (value) => checkWebhookUrl(value, { required: true }) },
  });
  const save = async (webhookUrl: string | null) => {
    setFormError(null);
    try {
      await setWebhook.mutateAsync({ client, webhookUrl });
      notifications.show({
        color: "teal",
        title: "Saved",
        message: webhookUrl ? "Events for this client go to the new address." : "No more events are sent to this client.",
      });
      onClose();
    } catch (error) {
      setFormError(applyApiError(form, error, WEBHOOK_FIELDS));
    }
  };
  const submit = form.onSubmit(({ webhook_url }) => save(webhook_url.trim()));
  const title = `Webhook URL of ${client.client_id}`;
  return (
    <Modal opened onClose={onClose} title="Webhook URL" size="lg" centered>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack>
          <Text size="sm">
            Cairn posts <code>referral.sent</code> and <code>referral.cancelled</code> events here, signed with this
            client&apos;s webhook secret. Events already queued keep their address.
          </Text>
          {formError && (
            <Alert color="red" title="Not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
              {formError}
            </Alert>
          )}
          <TextInput
            label="Webhook URL"
            placeholder="https://partner.example.org/cairn/webhooks"
            type="url"
            autoComplete="off"
            maxLength={480}
            data-autofocus
            {...form.getInputProps("webhook_url")}
          />
          <HttpWarning url={form.values.webhook_url} />
          <Group justify="space-between">
            {client.webhook_url ? (
              <Button variant="subtle" color="red" onClick={() => void save(null)} disabled={setWebhook.isPending}>
                Remove webhook URL
              </Button>
            ) : (
              <span />
            )}
            <Group gap="sm">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={setWebhook.isPending}>
                Save
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

export function RevokeClientModal({
  client,
  centerName,
  onClose,
}: {
  client: ApiClientRead;
  centerName: string;
  onClose: () => void;
}) {
  const revoke = useRevokeApiClient();
  const [error, setError] = useState<string | null>(null);
  return (
    <Modal opened onClose={onClose} title="Revoke API client?" centered>
      <Stack>
        <Text size="sm">
          {centerName}&apos;s system can no longer sign in with <code>{client.client_id}</code>, at once, and no more
          events are sent to its webhook. Referrals already sent stay as they are. This cannot be undone; to restore
          access, create a new client.
        </Text>
        {error && (
          <Alert color="red" title="Not revoked" role="alert">
            {error}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button
            color="red"
            loading={revoke.isPending}
            onClick={async () => {
              setError(null);
              try {
                await revoke.mutateAsync(client);
                notifications.show({ color: "teal", title: "Revoked", message: `${client.client_id} can no longer sign in.` });
                onClose();
              } catch (err) {
                setError(describeError(err));
              }
            }}
          >
            Revoke access
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
