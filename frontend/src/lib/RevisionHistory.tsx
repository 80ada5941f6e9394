import { Alert, Button, Card, Center, Group, List, Loader, Select, Stack, Table, Text, Title } from "@mantine/core";
import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { useMemo, useState, type ReactNode } from "react";
import { describeError } from "../api/problem";
import { formatDateTime, formatRelative } from "./format";
import type { FieldChange, Snapshot } from "./snapshotDiff";

/** One saved version of a document (the plan, the aftercare plan): who saved it, when, what. */
export interface Revision {
  id: string;
  version: number;
  change: string;
  at: string;
  author: { full_name: string } | null;
  comment?: string | null;
  snapshot: Snapshot;
}

export interface RevisionPage {
  items: Revision[];
  next_cursor?: string | null;
}

/**
 * A "Revision history" card, closed until asked: `children` is rendered (and so its
 * revisions fetched) only when it is opened.
 */
export function RevisionHistory({ children }: { children: () => ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="revision-history-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={2} size="h4" id="revision-history-title">
            Revision history
          </Title>
          <Button variant="default" size="xs" onClick={() => setOpen((o) => !o)} aria-expanded={open}>
            {open ? "Hide history" : "Show history"}
          </Button>
        </Group>
        {open && children()}
      </Stack>
    </Card>
  );
}

interface RevisionsProps {
  /** The document's revisions, newest first, a page at a time. */
  revisions: UseInfiniteQueryResult<InfiniteData<RevisionPage>>;
  /** Field-level changes from an older snapshot to a newer one. */
  diff: (older: Snapshot, newer: Snapshot) => FieldChange[];
  /** The table's accessible name ("Plan revisions"). */
  label: string;
}

/** The versions, who saved each and when, and a comparison of any two. */
export function Revisions({ revisions, diff, label }: RevisionsProps) {
  const items = useMemo(() => revisions.data?.pages.flatMap((page) => page.items) ?? [], [revisions.data]);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);

  if (revisions.isPending)
    return (
      <Center py="md">
        <Loader size="sm" aria-label="Loading revisions" />
      </Center>
    );
  if (revisions.isError)
    return (
      <Alert color="red" role="alert" title="Could not load the history">
        {describeError(revisions.error)}
      </Alert>
    );

  // Newest first: compare the one before the latest with the latest unless the user chose.
  const toVersion = to ?? (items[0] ? String(items[0].version) : null);
  const fromVersion = from ?? (items[1] ? String(items[1].version) : null);
  const versionOptions = items.map((r) => ({ value: String(r.version), label: `Version ${r.version} — ${r.change}` }));
  const older = items.find((r) => String(r.version) === fromVersion);
  const newer = items.find((r) => String(r.version) === toVersion);

  return (
    <Stack gap="md">
      <Table.ScrollContainer minWidth={480}>
        <Table striped aria-label={label}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Version</Table.Th>
              <Table.Th>Change</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>When</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.version}</Table.Td>
                <Table.Td>
                  {r.change}
                  {r.comment && (
                    <Text size="xs" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
                      “{r.comment}”
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{r.author?.full_name ?? "—"}</Table.Td>
                <Table.Td>
                  <time dateTime={r.at} title={formatDateTime(r.at)}>
                    {formatRelative(r.at)}
                  </time>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {revisions.hasNextPage && (
        <Button variant="default" size="xs" onClick={() => void revisions.fetchNextPage()} loading={revisions.isFetchingNextPage} style={{ alignSelf: "flex-start" }}>
          Load older versions
        </Button>
      )}
      {items.length > 1 && (
        <Stack gap="sm" component="section" aria-label="Compare versions">
          <Title order={3} size="h5">
            Compare versions
          </Title>
          <Group grow wrap="wrap" gap="sm" align="flex-end">
            <Select label="From" data={versionOptions} value={fromVersion} onChange={setFrom} allowDeselect={false} miw={200} />
            <Select label="To" data={versionOptions} value={toVersion} onChange={setTo} allowDeselect={false} miw={200} />
          </Group>
          {older && newer && <Comparison older={older} newer={newer} diff={diff} />}
        </Stack>
      )}
    </Stack>
  );
}

function Comparison({ older, newer, diff }: { older: Revision; newer: Revision; diff: RevisionsProps["diff"] }) {
  const changes = diff(older.snapshot, newer.snapshot);
  if (older.version === newer.version) return <Text size="sm" c="dimmed">Choose two different versions.</Text>;
  if (!changes.length) return <Text size="sm">No differences between version {older.version} and version {newer.version}.</Text>;
  return (
    <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label={`Changes from version ${older.version} to ${newer.version}`}>
      {changes.map((change) => (
        <ChangeRow key={change.field} change={change} />
      ))}
    </Stack>
  );
}

function ChangeRow({ change }: { change: FieldChange }) {
  const hasValues = change.before !== undefined || change.after !== undefined;
  return (
    <Card component="li" withBorder padding="sm">
      <Text size="sm" fw={600}>
        {change.label}
        {change.reordered ? " (reordered)" : ""}
      </Text>
      {hasValues && (
        <Stack gap={2} mt={4}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            <Text span c="red.9" fw={500}>
              Before:{" "}
            </Text>
            {change.before ?? <Text span c="dimmed">(empty)</Text>}
          </Text>
          <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
            <Text span c="teal.9" fw={500}>
              After:{" "}
            </Text>
            {change.after ?? <Text span c="dimmed">(empty)</Text>}
          </Text>
        </Stack>
      )}
      {!hasValues && !!change.added?.length && (
        <List size="sm" mt={4} spacing={2}>
          {change.added.map((item, i) => (
            <List.Item key={`a${i}`}>
              <Text span c="teal.9" fw={500}>
                Added:
              </Text>{" "}
              {item}
            </List.Item>
          ))}
        </List>
      )}
      {!hasValues && !!change.removed?.length && (
        <List size="sm" mt={4} spacing={2}>
          {change.removed.map((item, i) => (
            <List.Item key={`r${i}`}>
              <Text span c="red.9" fw={500}>
                Removed:
              </Text>{" "}
              {item}
            </List.Item>
          ))}
        </List>
      )}
      {!hasValues && change.reordered && (
        <Text size="sm" c="dimmed">
          Same entries in a different order.
        </Text>
      )}
    </Card>
  );
}
