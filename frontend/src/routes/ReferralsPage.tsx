import { Alert, Badge, Button, Card, Center, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconTransfer } from "@tabler/icons-react";
import { createLink, getRouteApi } from "@tanstack/react-router";
import { forwardRef, type AnchorHTMLAttributes } from "react";
import type { ReferralRead } from "../api/types";
import { options } from "../features/cases/labels";
import { useAllCenters } from "../features/centers/api";
import { useReferralBoard } from "../features/referrals/api";
import { boardCount, groupByStatus, updateBoardFilters, type BoardFilters } from "../features/referrals/board";
import classes from "../features/referrals/board.module.css";
import { PartnerBadge } from "../features/referrals/CenterSelect";
import { REFERRAL_STATUS_COLOR, REFERRAL_STATUS_LABEL, REFERRAL_STATUS_ORDER } from "../features/referrals/labels";
import { EmptyState } from "../lib/EmptyState";
import { formatDateTime, formatRelative } from "../lib/format";
import { LoadError } from "../lib/LoadError";

const route = getRouteApi("/app/referrals");

const CardAnchor = forwardRef<HTMLAnchorElement, AnchorHTMLAttributes<HTMLAnchorElement>>((props, ref) => <a ref={ref} {...props} />);
const CardLink = createLink(CardAnchor);

export function ReferralsPage() {
  useDocumentTitle("Referrals · Cairn");
  // Validated by the route (parseBoardSearch): stale or hand-typed URLs arrive clean.
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const setFilters = (change: Parameters<typeof updateBoardFilters>[1]) =>
    void navigate({ search: updateBoardFilters(filters, change), replace: true });
  const board = useReferralBoard(filters);
  const centers = useAllCenters();

  const centerOptions = [...(centers.data ?? [])].sort((a, b) => a.name.localeCompare(b.name)).map((c) => ({ value: c.id, label: c.name }));

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Referrals
          </Title>
          <Text size="sm" c="dimmed">
            Every referral on the cases you can see, by where it stands. Partner centers move their own cards.
          </Text>
        </Stack>
        <Group gap="sm" wrap="wrap" align="flex-end">
          <Select
            label="Status"
            placeholder="All statuses"
            data={options(REFERRAL_STATUS_LABEL, REFERRAL_STATUS_ORDER)}
            value={filters.status ?? null}
            onChange={(value) => setFilters({ status: value })}
            clearable
            w={180}
          />
          <Select
            label="Treatment center"
            placeholder="All centers"
            data={centerOptions}
            value={filters.center ?? null}
            onChange={(value) => setFilters({ center: value })}
            searchable
            clearable
            w={240}
          />
        </Group>
      </Group>
      <BoardBody board={board} filters={filters} onClear={() => void navigate({ search: {}, replace: true })} />
    </Stack>
  );
}

function BoardBody({
  board,
  filters,
  onClear,
}: {
  board: ReturnType<typeof useReferralBoard>;
  filters: BoardFilters;
  onClear: () => void;
}) {
  if (board.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading referrals" />
      </Center>
    );
  }
  if (board.isError) {
    return <LoadError title="Could not load the referrals" error={board.error} onRetry={board.refetch} />;
  }
  const filtered = Boolean(filters.status || filters.center);
  const columns = groupByStatus(board.data.items, filters.status);
  if (boardCount(columns) === 0) {
    return (
      <Card withBorder padding="xl">
        <EmptyState
          icon={IconTransfer}
          title={filtered ? "No referrals match these filters" : "No referrals yet"}
          action={
            filtered && (
              <Button variant="default" onClick={onClear}>
                Clear filters
              </Button>
            )
          }
        >
          {filtered
            ? "Clear the filters to see every referral."
            : "Referrals are made from a case's Referrals tab, under a consent that names the treatment center."}
        </EmptyState>
      </Card>
    );
  }
  return (
    <Stack gap="xs">
      {board.data.truncated && (
        <Alert color="yellow" role="status" title="Only the most recent referrals are shown">
          Choose a status or a center to see older ones.
        </Alert>
      )}
      <div className={classes.board} aria-label="Referral board" role="region">
        {columns.map((column) => (
          <section
            key={column.status}
            className={classes.column}
            style={{ borderTop: `4px solid var(--mantine-color-${REFERRAL_STATUS_COLOR[column.status]}-6)` }}
            aria-labelledby={`board-${column.status}`}
          >
            <Group justify="space-between" mb="xs" wrap="nowrap">
              <Title order={2} size="h5" id={`board-${column.status}`}>
                {REFERRAL_STATUS_LABEL[column.status]}
              </Title>
              <Badge variant="default" aria-label={`${column.referrals.length} referrals`}>
                {column.referrals.length}
              </Badge>
            </Group>
            {column.referrals.length === 0 ? (
              <Text size="sm" c="dimmed">
                None
              </Text>
            ) : (
              <ul className={classes.cards}>
                {column.referrals.map((referral) => (
                  <BoardCard key={referral.id} referral={referral} />
                ))}
              </ul>
            )}
          </section>
        ))}
      </div>
    </Stack>
  );
}

function BoardCard({ referral }: { referral: ReferralRead }) {
  return (
    <li>
      <CardLink to="/referrals/$referralId" params={{ referralId: referral.id }} className={classes.card}>
        <Text size="sm" fw={600}>
          {referral.client_name}
        </Text>
        <Text size="xs" ff="monospace" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {referral.case_reference}
        </Text>
        <Group gap={4} wrap="wrap">
          <Text size="sm">{referral.treatment_center_name}</Text>
          {referral.treatment_center_is_partner && <PartnerBadge size="xs" />}
        </Group>
        <Text size="xs" c="dimmed">
          ASAM {referral.level_of_care} ·{" "}
          <time dateTime={referral.updated_at} title={formatDateTime(referral.updated_at)}>
            {formatRelative(referral.updated_at)}
          </time>
        </Text>
      </CardLink>
    </li>
  );
}

