import { Button, Card, Group, Stack, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconFolderOpen } from "@tabler/icons-react";
import type { CaseRead, Relationship } from "../../api/types";
import { formatDateTime, formatRelative } from "../../lib/format";
import { EmptyState } from "../../lib/EmptyState";
import { AnchorLink } from "../../lib/links";
import { ListSkeleton, PagedList } from "../../lib/PagedList";
import { RELATIONSHIP_LABEL } from "../participants/labels";
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
  return (
    <PagedList
      list={list}
      noun="case"
      skeleton={<ListSkeleton label="Loading cases" rows={compact ? 4 : 6} height={compact ? 96 : 40} />}
      errorTitle="Could not load the caseload"
      empty={
        hasFilters(filters) ? (
          <EmptyState
            icon={IconFolderOpen}
            title="No cases match these filters"
            action={
              <Button variant="default" onClick={onClearFilters}>
                Clear filters
              </Button>
            }
          >
            Try another search or remove a filter.
          </EmptyState>
        ) : (
          <EmptyState icon={IconFolderOpen} title="No cases yet" action={<Button onClick={onNewCase}>New case</Button>}>
            Open a case when a family first contacts you; you become its lead.
          </EmptyState>
        )
      }
    >
      {(cases) => (compact ? <CaseCards cases={cases} /> : <CaseTable cases={cases} />)}
    </PagedList>
  );
}

function CaseLink({ c }: { c: CaseRead }) {
  return (
    <AnchorLink to="/cases/$caseId" params={{ caseId: c.id }} fw={600}>
      {clientName(c.client)}
    </AnchorLink>
  );
}

/** Who a search found: "Matched Ruth O'Neill, parent" under the client's name. */
function Matched({ c }: { c: CaseRead }) {
  const found = c.matched_participants ?? [];
  if (!found.length) return null;
  return (
    <Text size="xs" c="dimmed" data-testid="search-match">
      Matched{" "}
      {found.map((p, index) => (
        <span key={p.id}>
          {index > 0 ? "; " : ""}
          <Text span inherit fw={600} c="var(--mantine-color-text)">
            {p.full_name}
          </Text>
          , {RELATIONSHIP_LABEL[p.relationship as Relationship]?.toLowerCase() ?? p.relationship}
        </span>
      ))}
    </Text>
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
                <Matched c={c} />
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
              <Matched c={c} />
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
