import { Table, Text } from "@mantine/core";
import { useStaffOptions } from "../tasks/api";
import { formatDateTime, humanize } from "../../lib/format";
import type { AuditEvent } from "./api";

/** Audit events as a table: when, who, what, on which record, from where. */
export function AuditTable({ events, caption }: { events: AuditEvent[]; caption: string }) {
  const staff = useStaffOptions();
  const names = new Map((staff.data ?? []).map((person) => [person.id, person.full_name]));
  const who = (event: AuditEvent) =>
    event.actor_id ? (names.get(event.actor_id) ?? `${humanize(event.actor_type)} ${event.actor_id.slice(0, 8)}`) : humanize(event.actor_type);
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table striped fz="sm" verticalSpacing={6}>
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Who</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>Record</Table.Th>
            <Table.Th>From</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {events.map((event) => (
            <Table.Tr key={event.id} data-testid="audit-row">
              <Table.Td>{formatDateTime(event.at)}</Table.Td>
              <Table.Td>{who(event)}</Table.Td>
              <Table.Td>{humanize(event.action)}</Table.Td>
              <Table.Td>
                {humanize(event.resource_type)}
                {event.details ? (
                  <Text span size="xs" c="dimmed">
                    {" "}
                    {Object.entries(event.details)
                      .filter(([, value]) => value !== null && value !== undefined)
                      .map(([key, value]) => `${key}: ${String(value)}`)
                      .join(", ")}
                  </Text>
                ) : null}
              </Table.Td>
              <Table.Td>{event.ip ?? "—"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
