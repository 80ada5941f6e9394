import { Badge, Button, Card, Center, Code, Group, Modal, Paper, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconRefresh } from "@tabler/icons-react";
import { useState } from "react";
import type { WebhookDelivery, WebhookDeliveryStatus } from "../../api/types";
import { formatDateTime, formatRelative } from "../../lib/format";
import { LoadError } from "../../lib/LoadError";
import { ListSkeleton } from "../../lib/PagedList";
import { options } from "../cases/labels";
import { useDeliveries, type DeliveryFilters } from "./api";
import {
  DELIVERY_STATUS_COLOR,
  DELIVERY_STATUS_LABEL,
  DELIVERY_STATUSES,
  EVENT_TYPE_LABEL,
  EVENT_TYPES,
  deliveryNext,
  eventLabel,
  lastResponse,
  lastResponseOk,
  targetLabel,
} from "./labels";

/** Recent webhook deliveries with their attempts: what a partner's developer asks about first. */
export function DeliveriesCard() {
  const [filters, setFilters] = useState<DeliveryFilters>({});
  const deliveries = useDeliveries(filters);
  const [viewing, setViewing] = useState<WebhookDelivery | null>(null);
  const phone = useMediaQuery("(max-width: 48em)");
  const filtered = Boolean(filters.status || filters.event_type);

  let body;
  if (deliveries.isPending) {
    body = <ListSkeleton label="Loading webhook deliveries" rows={3} height={40} />;
  } else if (deliveries.isError) {
    body = <LoadError title="Could not load the deliveries" error={deliveries.error} onRetry={deliveries.refetch} />;
  } else {
    const rows = deliveries.data.pages.flatMap((page) => page.items);
    body = rows.length ? (
      <Stack gap="sm">
        {phone ? <DeliveryCards rows={rows} onView={setViewing} /> : <DeliveryTable rows={rows} onView={setViewing} />}
        {deliveries.hasNextPage && (
          <Center>
            <Button
              variant="default"
              onClick={() => void deliveries.fetchNextPage()}
              loading={deliveries.isFetchingNextPage}
            >
              Load more
            </Button>
          </Center>
        )}
      </Stack>
    ) : (
      <Stack gap={4} py="md" align="center" ta="center" data-testid="deliveries-empty">
        <Text fw={600}>{filtered ? "No deliveries match these filters" : "No webhook deliveries yet"}</Text>
        <Text size="sm" c="dimmed" maw={520}>
          {filtered
            ? "Try another status or event."
            : "A delivery appears here when a referral is sent to a partner with a webhook URL, or when an event goes to your own endpoint."}
        </Text>
      </Stack>
    );
  }

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="deliveries-title">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm" mb="sm">
        <div style={{ flex: "1 1 18rem" }}>
          <Title order={2} size="h4" id="deliveries-title">
            Recent webhook deliveries
          </Title>
          <Text size="sm" c="dimmed">
            Newest first, kept up to date while this page is open. Failed attempts are retried with growing waits
            for a day before Cairn gives up.
          </Text>
        </div>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconRefresh size={14} aria-hidden />}
          onClick={() => void deliveries.refetch()}
          loading={deliveries.isFetching && !deliveries.isFetchingNextPage && !deliveries.isPending}
        >
          Refresh
        </Button>
      </Group>
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={options(DELIVERY_STATUS_LABEL, DELIVERY_STATUSES)}
          value={filters.status ?? null}
          onChange={(value) =>
            setFilters((prev) => ({ ...prev, status: (value as WebhookDeliveryStatus | null) ?? undefined }))
          }
          w={{ base: "100%", xs: 180 }}
        />
        <Select
          label="Event"
          placeholder="Any event"
          clearable
          data={EVENT_TYPES.map((value) => ({ value, label: EVENT_TYPE_LABEL[value] ?? value }))}
          value={filters.event_type ?? null}
          onChange={(value) => setFilters((prev) => ({ ...prev, event_type: value ?? undefined }))}
          w={{ base: "100%", xs: 240 }}
        />
      </Group>
      {body}
      <PayloadModal delivery={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}

function When({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

function DeliveryStatusBadge({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <Badge color={DELIVERY_STATUS_COLOR[delivery.status]} variant="light" tt="none" miw="max-content">
      {DELIVERY_STATUS_LABEL[delivery.status]}
    </Badge>
  );
}

function EventName({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <>
      <Text size="sm" fw={600}>
        {eventLabel(delivery.event_type)}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace">
        {delivery.event_type}
      </Text>
    </>
  );
}

function Target({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <>
      <Text size="sm">{targetLabel(delivery.target)}</Text>
      <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
        {delivery.url}
      </Text>
    </>
  );
}

function LastResponse({ delivery }: { delivery: WebhookDelivery }) {
  return (
    <>
      <Text
        size="sm"
        c={delivery.attempts && !lastResponseOk(delivery) ? "red.9" : undefined}
        title={delivery.last_error ?? undefined}
      >
        {lastResponse(delivery)}
      </Text>
      {delivery.last_attempt_at && (
        <Text size="xs" c="dimmed">
          <When at={delivery.last_attempt_at} />
        </Text>
      )}
    </>
  );
}

function PayloadButton({ delivery, onView }: { delivery: WebhookDelivery; onView: (delivery: WebhookDelivery) => void }) {
  return (
    <Button
      size="xs"
      variant="default"
      style={{ flexShrink: 0 }}
      onClick={() => onView(delivery)}
      aria-label={`Payload of ${delivery.event_type} created ${formatDateTime(delivery.created_at)}`}
    >
      Payload
    </Button>
  );
}

interface DeliveryListProps {
  rows: WebhookDelivery[];
  onView: (delivery: WebhookDelivery) => void;
}

/** Phones: one card per delivery instead of a table that scrolls sideways. */
function DeliveryCards({ rows, onView }: DeliveryListProps) {
  return (
    <Stack gap="xs" role="list" aria-label="Webhook deliveries">
      {rows.map((delivery) => (
        <Paper key={delivery.id} withBorder p="sm" role="listitem" data-testid={`delivery-${delivery.id}`}>
          <Stack gap={6}>
            <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <EventName delivery={delivery} />
              </div>
              <DeliveryStatusBadge delivery={delivery} />
            </Group>
            <div>
              <Target delivery={delivery} />
            </div>
            <Group justify="space-between" align="flex-end" wrap="nowrap" gap="xs">
              <div style={{ flex: 1, minWidth: 0 }}>
                <Text size="xs" c="dimmed">
                  {delivery.status === "failed" ? "" : `${delivery.attempts} attempt${delivery.attempts === 1 ? "" : "s"} · `}
                  {deliveryNext(delivery)} · created{" "}
                  <When at={delivery.created_at} />
                </Text>
                <LastResponse delivery={delivery} />
              </div>
              <PayloadButton delivery={delivery} onView={onView} />
            </Group>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}

function DeliveryTable({ rows, onView }: DeliveryListProps) {
  return (
    <Table.ScrollContainer minWidth={880} type="native">
      <Table verticalSpacing="sm" striped aria-label="Webhook deliveries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Event</Table.Th>
            <Table.Th scope="col">Sent to</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Attempts</Table.Th>
            <Table.Th scope="col">Last response</Table.Th>
            <Table.Th scope="col">Next</Table.Th>
            <Table.Th scope="col">Created</Table.Th>
            <Table.Th scope="col">
              <span className="visually-hidden">Payload</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((delivery) => (
            <Table.Tr key={delivery.id} data-testid={`delivery-${delivery.id}`} style={{ verticalAlign: "top" }}>
              <Table.Td>
                <EventName delivery={delivery} />
              </Table.Td>
              <Table.Td maw={260}>
                <Target delivery={delivery} />
              </Table.Td>
              <Table.Td>
                <DeliveryStatusBadge delivery={delivery} />
              </Table.Td>
              <Table.Td ta="right">{delivery.attempts}</Table.Td>
              <Table.Td>
                <LastResponse delivery={delivery} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{deliveryNext(delivery)}</Text>
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <When at={delivery.created_at} />
              </Table.Td>
              <Table.Td>
                <PayloadButton delivery={delivery} onView={onView} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function PayloadModal({ delivery, onClose }: { delivery: WebhookDelivery | null; onClose: () => void }) {
  return (
    <Modal opened={delivery !== null} onClose={onClose} title={delivery ? `Payload: ${delivery.event_type}` : "Payload"} size="lg" centered>
      {delivery && (
        <Stack gap="sm">
          <Text size="sm" c="dimmed">
            The exact body posted to the receiver. It carries ids only; the receiver fetches the details through the
            API, where consent is checked. Delivery <Code>{delivery.id}</Code>
            {delivery.delivered_at ? (
              <>
                , delivered <time dateTime={delivery.delivered_at}>{formatDateTime(delivery.delivered_at)}</time>
              </>
            ) : null}
            .
          </Text>
          <Code block data-testid="delivery-payload" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            {JSON.stringify(delivery.payload, null, 2)}
          </Code>
        </Stack>
      )}
    </Modal>
  );
}
