import { Badge, Button, Card, Group, Select, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconBellCheck } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import type { AlertKind, AlertRead } from "../api/types";
import { AcknowledgeModal } from "../features/alerts/AcknowledgeModal";
import { useAlerts } from "../features/alerts/api";
import {
  effectiveStatus,
  hasAlertFilters,
  KINDS,
  SEVERITIES,
  updateAlertFilters,
  type AlertFilters,
} from "../features/alerts/filters";
import { KIND_LABEL, SEVERITY_COLOR, SEVERITY_LABEL } from "../features/alerts/labels";
import { formatDateTime, formatRelative } from "../lib/format";
import { EmptyState } from "../lib/EmptyState";
import { AnchorLink } from "../lib/links";
import { ListSkeleton, PagedList } from "../lib/PagedList";
import type { CaseTab } from "./caseTabs";
import { ContactText } from "../lib/ContactText";

const route = getRouteApi("/app/alerts");

/** The case tab where each kind of alert is dealt with. */
const ALERT_TAB: Record<AlertKind, CaseTab> = {
  safety: "check-ins",
  relapse_reported: "check-ins",
  missed_check_in: "check-ins",
  referral_declined: "referrals",
  consent_expiring: "consents",
  follow_up_overdue: "aftercare",
};

export function AlertsPage() {
  useDocumentTitle("Alerts · Cairn");
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const setFilters = (change: Parameters<typeof updateAlertFilters>[1]) =>
    void navigate({ search: updateAlertFilters(filters, change), replace: true });

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
          <Button variant="subtle" onClick={() => void navigate({ search: {}, replace: true })}>
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

  const open = effectiveStatus(filters) === "open";
  return (
    <>
      <PagedList
        list={list}
        noun="alert"
        skeleton={<ListSkeleton label="Loading alerts" rows={3} height={96} />}
        errorTitle="Could not load the alerts"
        empty={
          <EmptyState icon={IconBellCheck} title={open ? "No open alerts" : "No alerts match these filters"}>
            {open ? "Nothing needs attention right now. New alerts appear here as check-ins arrive." : "Try another filter."}
          </EmptyState>
        }
      >
        {(alerts) => (
          <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: "none" }} aria-label="Alerts">
            {alerts.map((alert) => (
              <AlertCard key={alert.id} alert={alert} onAcknowledge={() => setAcknowledging(alert)} />
            ))}
          </Stack>
        )}
      </PagedList>
      {acknowledging && <AcknowledgeModal alert={acknowledging} onClose={() => setAcknowledging(null)} />}
    </>
  );
}

function AlertCard({ alert, onAcknowledge }: { alert: AlertRead; onAcknowledge: () => void }) {
  return (
    <Card
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
              variant={alert.severity === "critical" ? "filled" : "light"}
              tt="none"
            >
              {SEVERITY_LABEL[alert.severity]}
            </Badge>
            <Badge color="gray" variant="outline" tt="none">
              {KIND_LABEL[alert.kind]}
            </Badge>
            {alert.status === "acknowledged" && (
              <Badge color="teal" variant="light" tt="none">
                Acknowledged
              </Badge>
            )}
          </Group>
          <Title order={2} size="h5">
            {alert.title}
          </Title>
          {alert.detail && (
            <Text size="sm">
              <ContactText text={alert.detail} />
            </Text>
          )}
          <Text size="xs" c="dimmed">
            <AnchorLink to="/cases/$caseId" params={{ caseId: alert.case_id }} search={{ tab: ALERT_TAB[alert.kind] }} size="xs">
              {alert.client_name} <Text span ff="monospace" size="xs">{alert.case_reference}</Text>
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
          <Button onClick={onAcknowledge} aria-label={`Acknowledge: ${alert.title} (${alert.client_name}, ${alert.case_reference})`}>
            Acknowledge
          </Button>
        )}
      </Group>
    </Card>
  );
}
