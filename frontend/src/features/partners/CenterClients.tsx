import { Badge, Button, Group, Paper, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconKey, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import type { ApiClientCredentials, ApiClientRead, TreatmentCenterRead } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { LoadError } from "../../lib/LoadError";
import { ListSkeleton } from "../../lib/PagedList";
import { useApiClients } from "./api";
import { CreateClientModal, RevokeClientModal, WebhookUrlModal } from "./ClientModals";
import { isRevoked, sortClients } from "./labels";
import { SecretsModal } from "./SecretsModal";

/** One center's machine-to-machine access: its API clients and their webhooks. */
export function CenterClients({ center }: { center: TreatmentCenterRead }) {
  const clients = useApiClients(center.id);
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiClientCredentials | null>(null);
  const [editing, setEditing] = useState<ApiClientRead | null>(null);
  const [revoking, setRevoking] = useState<ApiClientRead | null>(null);
  // Phones get one card per client instead of a table that scrolls sideways.
  const phone = useMediaQuery("(max-width: 48em)");

  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Text size="sm" c="dimmed" style={{ flex: "1 1 18rem" }}>
          To change a secret, create a new client, give it to the center, then revoke the old one.
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
          Create API client
        </Button>
      </Group>
      {clients.isPending ? (
        <ListSkeleton label="Loading API clients" rows={2} height={40} />
      ) : clients.isError ? (
        <LoadError title="Could not load the API clients" error={clients.error} onRetry={clients.refetch} />
      ) : clients.data.length === 0 ? (
        <Group gap="xs" c="dimmed">
          <IconKey size={18} aria-hidden />
          <Text size="sm">{center.name} has no API access yet.</Text>
        </Group>
      ) : phone ? (
        <Stack gap="xs" role="list" aria-label={`API clients of ${center.name}`}>
          {sortClients(clients.data).map((client) => (
            <Paper key={client.id} withBorder p="sm" role="listitem" data-testid={`client-${client.client_id}`}>
              <Stack gap={6}>
                <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
                  <Text ff="monospace" fw={600} size="sm" style={{ overflowWrap: "anywhere" }}>
                    {client.client_id}
                  </Text>
                  <ClientStatus client={client} />
                </Group>
                <Text size="sm" style={{ overflowWrap: "anywhere" }}>
                  <WebhookUrl client={client} />
                </Text>
                <Text size="xs" c="dimmed">
                  Created <time dateTime={client.created_at}>{formatDateTime(client.created_at)}</time>
                </Text>
                <ClientActions client={client} onEdit={setEditing} onRevoke={setRevoking} />
              </Stack>
            </Paper>
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="sm" aria-label={`API clients of ${center.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Client ID</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Webhook URL</Table.Th>
                <Table.Th scope="col">Created</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sortClients(clients.data).map((client) => (
                <Table.Tr key={client.id} data-testid={`client-${client.client_id}`}>
                  <Table.Th scope="row" ff="monospace" fw={500} style={{ overflowWrap: "anywhere" }}>
                    {client.client_id}
                  </Table.Th>
                  <Table.Td>
                    <ClientStatus client={client} />
                  </Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>
                    <WebhookUrl client={client} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <time dateTime={client.created_at}>{formatDateTime(client.created_at)}</time>
                  </Table.Td>
                  <Table.Td>
                    <ClientActions client={client} onEdit={setEditing} onRevoke={setRevoking} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {creating && (
        <CreateClientModal
          center={center}
          onClose={() => setCreating(false)}
          onCreated={(credentials) => {
            setCreating(false);
            setCreated(credentials);
          }}
        />
      )}
      {created && (
        <SecretsModal
          title={`API credentials for ${center.name}`}
          intro={`Give these to ${center.name}'s developers through a secure channel (a password manager, not email).`}
          secrets={[
            { key: "client-id", label: "Client ID", value: created.client_id, hint: "Identifies the center's system; not secret." },
            {
              key: "client-secret",
              label: "Client secret",
              value: created.client_secret,
              hint: "With the client ID, gets an access token (OAuth2 client credentials at /api/v1/auth/token).",
            },
            {
              key: "webhook-secret",
              label: "Webhook signing secret",
              value: created.webhook_secret,
              hint: "Lets the center check the Cairn-Signature header of every webhook.",
            },
          ]}
          onClose={() => setCreated(null)}
        />
      )}
      {editing && <WebhookUrlModal client={editing} onClose={() => setEditing(null)} />}
      {revoking && <RevokeClientModal client={revoking} centerName={center.name} onClose={() => setRevoking(null)} />}
    </Stack>
  );
}

function ClientStatus({ client }: { client: ApiClientRead }) {
  return client.revoked_at ? (
    <Stack gap={0}>
      <Badge color="gray" variant="dot" tt="none" miw="max-content">
        Revoked
      </Badge>
      <Text size="xs" c="dimmed">
        <time dateTime={client.revoked_at}>{formatDateTime(client.revoked_at)}</time>
      </Text>
    </Stack>
  ) : (
    <Badge color="teal" variant="dot" tt="none" miw="max-content">
      Active
    </Badge>
  );
}

function WebhookUrl({ client }: { client: ApiClientRead }) {
  return (
    client.webhook_url ?? (
      <Text span size="sm" c="dimmed">
        None — no events are sent
      </Text>
    )
  );
}

function ClientActions({
  client,
  onEdit,
  onRevoke,
}: {
  client: ApiClientRead;
  onEdit: (client: ApiClientRead) => void;
  onRevoke: (client: ApiClientRead) => void;
}) {
  if (isRevoked(client)) return null;
  const change = client.webhook_url ? "Change webhook" : "Set webhook";
  return (
    <Group gap="xs" justify="flex-end" wrap="nowrap">
      <Button size="xs" variant="default" onClick={() => onEdit(client)} aria-label={`${change} of ${client.client_id}`}>
        {change}
      </Button>
      <Button size="xs" variant="default" color="red" onClick={() => onRevoke(client)} aria-label={`Revoke ${client.client_id}`}>
        Revoke
      </Button>
    </Group>
  );
}
