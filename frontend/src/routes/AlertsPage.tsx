import { Alert, Badge, Button, Card, Center, Group, Select, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconBellCheck } from "@tabler/icons-react";
import { useNavigate, useRouterState } from "@tanstack/react-router";
import { useState } from "react";
import { describeError } from "../api/problem";
import type { AlertRead } from "../api/types";
import { AcknowledgeModal } from "../features/alerts/AcknowledgeModal";
import { useAlerts } from "../features/alerts/api";
import {
  effectiveStatus,
  hasAlertFilters,
  KINDS,
  parseAlertFilters,
  SEVERITIES,
  updateAlertFilters,
  type AlertFilters,
} from "../features/alerts/filters";
import { KIND_LABEL, SEVERITY_COLOR, SEVERITY_LABEL } from "../features/alerts/labels";
import { badgeTextColor } from "../features/checkins/labels";
import { formatDateTime, formatRelative } from "../lib/format";
import { AnchorLink } from "../lib/links";

export function AlertsPage() {
  useDocumentTitle("Alerts · Cairn");
  // The route declares no search schema; the filters are read and validated here.
  const raw = useRouterState({ select: (state) => state.location.search as Record<string, unknown> });
  const filters = parseAlertFilters(raw);
  const navigate = useNavigate();
  const setFilters = (change: Parameters<typeof updateAlertFilters>[1]) =>
    void navigate({ to: "/alerts", search: updateAlertFilters(filters, change) as never, replace: true });

  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Alerts
        </Title>
        <Text size="sm" c="dimmed">
          Safety answers, reported use and missed check-ins on your cases. Acknowledge an alert once someone has acted on it.
        </Text>
      </div>
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Status"
          w={180}
          allowDeselect={false}
          data={[
            { value: "open", label: "Open" },
            { value: "acknowledged", label: "Acknowledged" },
            { value: "all", label: "All" },
          ]}
          value={effectiveStatus(filters)}
          onChange={(value) => setFilters({ status: value === "open" ? null : value })}
        />
        <Select
          label="Severity"
          w={180}
          clearable
          placeholder="Any severity"
          data={SEVERITIES.map((value) => ({ value, label: SEVERITY_LABEL[value] }))}
          value={filters.severity ?? null}
          onChange={(value) => setFilters({ severity: value })}
        />
        <Select
          label="Kind"
          w={200}
          clearable
          placeholder="Any kind"
          data={KINDS.map((value) => ({ value, label: KIND_LABEL[value] }))}
          value={filters.kind ?? null}
          onChange={(value) => setFilters({ kind: value })}
        />
        {hasAlertFilters(filters) && (
          <Button variant="subtle" onClick={() => void navigate({ to: "/alerts", search: {} as never, replace: true })}>
            Clear filters
          </Button>
        )}
      </Group>
      <AlertList filters={filters} />
    </Stack>
  );
}

function AlertList({ filters }: { filters: AlertFilters }) {
  const list = useAlerts(filters);
  const [acknowledging, setAcknowledging] = useState<AlertRead | null>(null);

  if (list.isPending) {
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading alerts">
        {Array.from({ length: 3 }, (_, i) => (
          <Skeleton key={i} h={96} />
        ))}
      </Stack>
    );
  }
  if (list.isError) {
    return (
      <Alert color="red" title="Could not load the alerts" role="alert">
        <Stack gap="xs" align="flex-start">
          <span>{describeError(list.error)}</span>
          <Button size="xs" variant="white" color="red" onClick={() => void list.refetch()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    );
  }
  const alerts = list.data.pages.flatMap((page) => page.items);
  if (!alerts.length) {
    return (
      <Center py="xl">
        <Stack align="center" gap="xs" ta="center" maw={420}>
          <IconBellCheck size={40} stroke={1.5} aria-hidden color="var(--mantine-color-gray-6)" />
          <Title order={2} size="h4">
            {effectiveStatus(filters) === "open" ? "No open alerts" : "No alerts match these filters"}
          </Title>
          <Text size="sm" c="dimmed">
            {effectiveStatus(filters) === "open"
              ? "Nothing needs attention right now. New alerts appear here as check-ins arrive."
              : "Try another filter."}
          </Text>
        </Stack>
      </Center>
    );
  }
  return (
    <Stack gap="sm" aria-busy={list.isFetching && !list.isFetchingNextPage ? "true" : "false"}>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label="Alerts">
        {alerts.map((alert) => (
          <Card
            key={alert.id}
            component="li"
            withBorder
            padding="md"
            style={alert.severity === "critical" && alert.status === "open" ? { borderLeft: "6px solid var(--mantine-color-red-8)" } : undefined}
          >
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
              <Stack gap={4} style={{ minWidth: 0, flex: "1 1 260px" }}>
                <Group gap={6} wrap="wrap">
                  <Badge
                    color={alert.severity === "critical" ? "red.9" : SEVERITY_COLOR[alert.severity]}
                    c={alert.severity === "critical" ? undefined : badgeTextColor(SEVERITY_COLOR[alert.severity])}
                    variant={alert.severity === "critical" ? "filled" : "light"}
                    tt="none"
                  >
                    {SEVERITY_LABEL[alert.severity]}
                  </Badge>
                  <Badge color="gray" variant="outline" tt="none">
                    {KIND_LABEL[alert.kind]}
                  </Badge>
                  {alert.status === "acknowledged" && (
                    <Badge color="teal" c="dark.8" variant="light" tt="none">
                      Acknowledged
                    </Badge>
                  )}
                </Group>
                <Title order={2} size="h5">
                  {alert.title}
                </Title>
                {alert.detail && <Text size="sm">{alert.detail}</Text>}
                <Text size="xs" c="dimmed">
                  <AnchorLink to="/cases/$caseId" params={{ caseId: alert.case_id }} search={{ tab: "check-ins" }} size="xs" ff="monospace">
                    {alert.case_reference}
                  </AnchorLink>{" "}
                  · raised{" "}
                  <time dateTime={alert.created_at} title={formatDateTime(alert.created_at)}>
                    {formatRelative(alert.created_at)}
                  </time>
                </Text>
                {alert.status === "acknowledged" && (
                  <Text size="xs" c="dimmed">
                    Acknowledged by {alert.acknowledged_by?.full_name ?? "someone"}
                    {alert.acknowledged_at ? ` ${formatRelative(alert.acknowledged_at)}` : ""}
                    {alert.acknowledgement_note ? ` — “${alert.acknowledgement_note}”` : ""}
                  </Text>
                )}
              </Stack>
              {alert.status === "open" && (
                <Button onClick={() => setAcknowledging(alert)} aria-label={`Acknowledge: ${alert.title} (${alert.case_reference})`}>
                  Acknowledge
                </Button>
              )}
            </Group>
          </Card>
        ))}
      </Stack>
      <Text size="sm" c="dimmed" aria-live="polite">
        Showing {alerts.length} alert{alerts.length === 1 ? "" : "s"}
        {list.hasNextPage ? " — more available" : ""}
      </Text>
      {list.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Load more
          </Button>
        </Center>
      )}
      {acknowledging && <AcknowledgeModal alert={acknowledging} onClose={() => setAcknowledging(null)} />}
    </Stack>
  );
}
