import { Alert, Button, Card, Center, Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconFolderOpen } from "@tabler/icons-react";
import { describeError } from "../../api/problem";
import type { CaseRead } from "../../api/types";
import { formatDateTime, formatRelative } from "../../lib/format";
import { AnchorLink } from "../../lib/links";
import { useCaseList } from "./api";
import { RiskFlagBadges, StatusBadge } from "./CaseBadges";
import { hasFilters, type CaseFilters } from "./filters";
import { clientName, leadOf } from "./labels";

interface Props {
  filters: CaseFilters;
  onClearFilters: () => void;
  onNewCase: () => void;
}

export function CaseList({ filters, onClearFilters, onNewCase }: Props) {
  const list = useCaseList(filters);
  const compact = useMediaQuery("(max-width: 48em)", false, { getInitialValueInEffect: false });

  if (list.isPending) return <CaseListSkeleton compact={Boolean(compact)} />;
  if (list.isError) {
    return (
      <Alert color="red" title="Could not load the caseload" role="alert">
        <Stack gap="xs" align="flex-start">
          <span>{describeError(list.error)}</span>
          <Button size="xs" variant="white" color="red" onClick={() => void list.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }

  const cases = list.data.pages.flatMap((page) => page.items);
  if (!cases.length) {
    return (
      <Center py="xl">
        <Stack align="center" gap="xs" maw={420} ta="center">
          <IconFolderOpen size={40} stroke={1.5} aria-hidden color="var(--mantine-color-gray-6)" />
          {hasFilters(filters) ? (
            <>
              <Title order={2} size="h4">
                No cases match these filters
              </Title>
              <Text c="dimmed" size="sm">
                Try another search or remove a filter.
              </Text>
              <Button variant="default" onClick={onClearFilters}>
                Clear filters
              </Button>
            </>
          ) : (
            <>
              <Title order={2} size="h4">
                No cases yet
              </Title>
              <Text c="dimmed" size="sm">
                Open a case when a family first contacts you; you become its lead.
              </Text>
              <Button onClick={onNewCase}>New case</Button>
            </>
          )}
        </Stack>
      </Center>
    );
  }

  return (
    <Stack gap="md" aria-busy={list.isFetching && !list.isFetchingNextPage ? "true" : "false"}>
      {compact ? <CaseCards cases={cases} /> : <CaseTable cases={cases} />}
      <Text size="sm" c="dimmed" aria-live="polite">
        Showing {cases.length} case{cases.length === 1 ? "" : "s"}
        {list.hasNextPage ? " — more available" : ""}
      </Text>
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
    </Stack>
  );
}

function CaseLink({ c }: { c: CaseRead }) {
  return (
    <AnchorLink to="/cases/$caseId" params={{ caseId: c.id }} fw={600}>
      {clientName(c.client)}
    </AnchorLink>
  );
}

function Updated({ at }: { at: string }) {
  return (
    <time dateTime={at} title={formatDateTime(at)}>
      {formatRelative(at)}
    </time>
  );
}

function CaseTable({ cases }: { cases: CaseRead[] }) {
  return (
    <Table.ScrollContainer minWidth={820} type="native">
      <Table striped highlightOnHover verticalSpacing="sm" aria-label="Caseload">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Reference</Table.Th>
            <Table.Th scope="col">Client</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Lead</Table.Th>
            <Table.Th scope="col">Risk flags</Table.Th>
            <Table.Th scope="col">Last update</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {cases.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td ff="monospace" style={{ whiteSpace: "nowrap" }}>
                {c.reference}
              </Table.Td>
              <Table.Td>
                <CaseLink c={c} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={c.status} />
              </Table.Td>
              <Table.Td>{leadOf(c.team)?.full_name ?? <Text c="dimmed" span size="sm">—</Text>}</Table.Td>
              <Table.Td>
                <RiskFlagBadges flags={c.risk_flags} max={2} />
              </Table.Td>
              <Table.Td style={{ whiteSpace: "nowrap" }}>
                <Updated at={c.updated_at} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function CaseCards({ cases }: { cases: CaseRead[] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Caseload">
      {cases.map((c) => (
        <Card key={c.id} component="li" withBorder padding="sm">
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <CaseLink c={c} />
              <Text size="xs" c="dimmed" ff="monospace">
                {c.reference}
              </Text>
            </Stack>
            <StatusBadge status={c.status} />
          </Group>
          <Group justify="space-between" mt="xs" gap="xs">
            <Text size="sm">Lead: {leadOf(c.team)?.full_name ?? "—"}</Text>
            <Text size="xs" c="dimmed">
              <Updated at={c.updated_at} />
            </Text>
          </Group>
          {c.risk_flags.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <RiskFlagBadges flags={c.risk_flags} max={3} />
            </div>
          )}
        </Card>
      ))}
    </Stack>
  );
}

function CaseListSkeleton({ compact }: { compact: boolean }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading cases">
      {Array.from({ length: compact ? 4 : 6 }, (_, i) => (
        <Skeleton key={i} height={compact ? 96 : 40} radius="sm" />
      ))}
    </Stack>
  );
}
