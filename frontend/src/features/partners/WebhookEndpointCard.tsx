import { Alert, Button, Card, Group, Modal, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { notifications } from "@mantine/notifications";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { WebhookEndpointWithSecret } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { applyApiError } from "../../lib/forms";
import { LoadError } from "../../lib/LoadError";
import { useDeleteWebhookEndpoint, useSetWebhookEndpoint, useWebhookEndpoint } from "./api";
import { checkWebhookUrl, insecureWebhook } from "./labels";
import { SecretsModal } from "./SecretsModal";

/** The practice's own receiver for referral.status_changed and alert.created. */
export function WebhookEndpointCard() {
  const endpoint = useWebhookEndpoint();
  const remove = useDeleteWebhookEndpoint();
  const [editing, setEditing] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [removeError, setRemoveError] = useState<string | null>(null);

  let body;
  if (endpoint.isPending) body = <Skeleton height={60} role="status" aria-label="Loading the webhook endpoint" />;
  else if (endpoint.isError)
    body = <LoadError title="Could not load the webhook endpoint" error={endpoint.error} onRetry={endpoint.refetch} />;
  else if (editing || !endpoint.data)
    body = (
      <EndpointForm
        current={endpoint.data?.url ?? ""}
        onCancel={endpoint.data ? () => setEditing(false) : null}
        onSaved={(saved) => {
          setEditing(false);
          setSecret(saved);
        }}
      />
    );
  else
    body = (
      <Stack gap="xs">
        <div>
          <Text size="sm" c="dimmed">
            Events are sent to
          </Text>
          <Text ff="monospace" size="sm" style={{ overflowWrap: "anywhere" }} data-testid="org-endpoint-url">
            {endpoint.data.url}
          </Text>
          <Text size="xs" c="dimmed">
            Signing secret made <time dateTime={endpoint.data.created_at}>{formatDateTime(endpoint.data.created_at)}</time>
          </Text>
        </div>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setEditing(true)}>
            Change URL or secret
          </Button>
          <Button size="xs" variant="default" color="red" onClick={() => setRemoving(true)}>
            Stop sending
          </Button>
        </Group>
      </Stack>
    );

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="org-endpoint-title">
      <Title order={2} size="h4" id="org-endpoint-title">
        Your organization&apos;s webhook
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Optional. Cairn can notify your own systems when a center changes a referral&apos;s status (
        <code>referral.status_changed</code>) and when an alert is raised (<code>alert.created</code>). Events carry
        only ids, never clinical details.
      </Text>
      {body}
      {secret && (
        <SecretsModal
          title="Webhook signing secret"
          intro="Store this secret in the system that receives the events; it checks the Cairn-Signature header with it. Saving the endpoint again makes a new secret and the old one stops working."
          secrets={[
            { key: "endpoint-url", label: "Endpoint", value: secret.url },
            { key: "endpoint-secret", label: "Signing secret", value: secret.secret },
          ]}
          onClose={() => setSecret(null)}
        />
      )}
      <Modal opened={removing} onClose={() => setRemoving(false)} title="Stop sending events?" centered>
        <Stack>
          <Text size="sm">
            Cairn stops sending referral status changes and alerts to your endpoint. Events already queued are still
            attempted. You can set an endpoint again at any time (with a new secret).
          </Text>
          {removeError && (
            <Alert color="red" title="Not removed" role="alert">
              {removeError}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(false)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={remove.isPending}
              onClick={async () => {
                setRemoveError(null);
                try {
                  await remove.mutateAsync();
                  notifications.show({ color: "teal", title: "Endpoint removed", message: "No more events go to your endpoint." });
                  setRemoving(false);
                } catch (error) {
                  setRemoveError(describeError(error));
                }
              }}
            >
              Stop sending
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

function EndpointForm({
  current,
  onCancel,
  onSaved,
}: {
  current: string;
  onCancel: (() => void) | null;
  onSaved: (endpoint: WebhookEndpointWithSecret) => void;
}) {
  const save = useSetWebhookEndpoint();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    mode: "controlled",
    initialValues: { url: current },
    validate: { url: (value) => checkWebhookUrl(value, { required: true }) },
  });
  const submit = form.onSubmit(async ({ url }) => {
    setFormError(null);
    try {
      onSaved(await save.mutateAsync(url.trim()));
    } catch (error) {
      setFormError(applyApiError(form, error, ["url"]));
    }
  });
  return (
    <form onSubmit={submit} noValidate aria-label="Organization webhook endpoint">
      <Stack gap="xs">
        {formError && (
          <Alert color="red" title="Not saved" role="alert" style={{ whiteSpace: "pre-line" }}>
            {formError}
          </Alert>
        )}
        <TextInput
          label="Endpoint URL"
          description={current ? "Saving makes a new signing secret; the old one stops working." : undefined}
          placeholder="https://practice.example.org/cairn-events"
          type="url"
          autoComplete="off"
          maxLength={480}
          {...form.getInputProps("url")}
        />
        {insecureWebhook(form.values.url) && (
          <Text size="xs" c="red.9">
            Plain http is readable on the network; use https unless this is a test system.
          </Text>
        )}
        <Group gap="xs">
          <Button type="submit" loading={save.isPending}>
            Save endpoint
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
