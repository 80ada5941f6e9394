import { Card, Group, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { useStaffOptions } from "../tasks/api";
import { formatDateTime, humanize } from "../../lib/format";
import { AnchorLink } from "../../lib/links";
import type { AuditEvent } from "./api";

interface Props {
  events: AuditEvent[];
  caption: string;
  /** Name and link each event's case (off in a case's own access log: every row is that case). */
  showCase?: boolean;
}

/**
 * Audit events: when, who, what, on which record, from where. A table where it fits; on a
 * phone one card per event, so no field hides off-screen behind a sideways scroll.
 */
export function AuditEvents({ events, caption, showCase = true }: Props) {
  const compact = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });
  const who = useActorName();
  return compact ? (
    <AuditCards events={events} caption={caption} showCase={showCase} who={who} />
  ) : (
    <AuditTable events={events} caption={caption} showCase={showCase} who={who} />
  );
}

type Shown = Required<Props> & { who: (event: AuditEvent) => string };

function useActorName() {
  const staff = useStaffOptions();
  const names = new Map((staff.data ?? []).map((person) => [person.id, person.full_name]));
  return (event: AuditEvent) =>
    event.actor_id
      ? (names.get(event.actor_id) ?? `${humanize(event.actor_type)} ${event.actor_id.slice(0, 8)}`)
      : humanize(event.actor_type);
}

/** "Goal C-2026-0027", the reference a link to the case, then what an export covered. */
function EventRecord({ event, showCase }: { event: AuditEvent; showCase: boolean }) {
  const details = Object.entries(event.details ?? {}).filter(([, value]) => value !== null && value !== undefined);
  return (
    <>
      {humanize(event.resource_type)}
      {showCase && event.case_id ? (
        <>
          {" "}
          <AnchorLink to="/cases/$caseId" params={{ caseId: event.case_id }} ff="monospace" data-testid="audit-case">
            {event.case_reference ?? `case ${event.case_id.slice(0, 8)}`}
          </AnchorLink>
        </>
      ) : null}
      {details.length ? (
        <Text span size="xs" c="dimmed">
          {" "}
          {details.map(([key, value]) => `${key}: ${String(value)}`).join(", ")}
        </Text>
      ) : null}
    </>
  );
}

function When({ at }: { at: string }) {
  return <time dateTime={at}>{formatDateTime(at)}</time>;
}

function AuditTable({ events, caption, showCase, who }: Shown) {
  return (
    // Focusable and named: where the table is wider than the screen, a keyboard can scroll it.
    <Table.ScrollContainer minWidth={560} type="native" tabIndex={0} role="region" aria-label={caption}>
      <Table striped fz="sm" verticalSpacing={6}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">When</Table.Th>
            <Table.Th scope="col">Who</Table.Th>
            <Table.Th scope="col">Action</Table.Th>
            <Table.Th scope="col">Record</Table.Th>
            <Table.Th scope="col">From</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id} data-testid="audit-row">
              <Table.Td>
                <When at={event.at} />
              </Table.Td>
              <Table.Td>{who(event)}</Table.Td>
              <Table.Td>{humanize(event.action)}</Table.Td>
              <Table.Td>
                <EventRecord event={event} showCase={showCase} />
              </Table.Td>
              <Table.Td>{event.ip ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function AuditCards({ events, caption, showCase, who }: Shown) {
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={caption}>
      {events.map((event) => (
        <Card key={event.id} component="li" withBorder padding="sm" data-testid="audit-row">
          <Group justify="space-between" gap="xs" wrap="wrap" align="baseline">
            <Text size="sm" fw={600}>
              {humanize(event.action)}
            </Text>
            <Text size="xs" c="dimmed">
              <When at={event.at} />
            </Text>
          </Group>
          <Text size="sm">
            <EventRecord event={event} showCase={showCase} />
          </Text>
          <Text size="sm">By {who(event)}</Text>
          <Text size="xs" c="dimmed">
            From {event.ip ?? "an unknown address"}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}
