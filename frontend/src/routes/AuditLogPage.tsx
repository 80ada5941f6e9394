import { Group, Select, SimpleGrid, Skeleton, Stack, Text, TextInput, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconHistory } from "@tabler/icons-react";
import { useState } from "react";
import { AUDIT_ACTIONS, useAuditEvents, type AuditAction, type AuditFilters } from "../features/audit/api";
import { AuditTable } from "../features/audit/AuditTable";
import { useStaffOptions } from "../features/tasks/api";
import { EmptyState } from "../lib/EmptyState";
import { humanize } from "../lib/format";
import { PagedList } from "../lib/PagedList";

/** The organisation's audit log (admins): filters by case, actor, action and days. */
export function AuditLogPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const [range, setRange] = useState<[string | null, string | null]>([null, null]);
  const staff = useStaffOptions();
  const events = useAuditEvents({
    ...filters,
    ...(range[0] ? { since: range[0] } : {}),
    ...(range[1] ? { until: range[1] } : {}),
  });
  const set = (patch: Partial<AuditFilters>) => setFilters((current) => ({ ...current, ...patch }));
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          Audit log
        </Title>
        <Text size="sm" c="dimmed">
          Every read and change of case data, sign-in, disclosure and export, newest first. Nothing here can be
          edited or deleted.
        </Text>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <TextInput
          label="Case id"
          placeholder="Paste a case id"
          value={filters.case_id ?? ""}
          onChange={(event) => set({ case_id: event.currentTarget.value.trim() || undefined })}
        />
        <Select
          label="Actor"
          placeholder="Anyone"
          clearable
          searchable
          data={(staff.data ?? []).map((person) => ({ value: person.id, label: person.full_name }))}
          value={filters.actor_id ?? null}
          onChange={(value) => set({ actor_id: value ?? undefined })}
        />
        <Select
          label="Action"
          placeholder="Any action"
          clearable
          data={AUDIT_ACTIONS.map((action) => ({ value: action, label: humanize(action) }))}
          value={filters.action ?? null}
          onChange={(value) => set({ action: (value as AuditAction | null) ?? undefined })}
        />
        <DatePickerInput
          type="range"
          label="Days"
          valueFormat="MMM D, YYYY"
          clearable
          value={range}
          onChange={(value) => setRange(value as [string | null, string | null])}
        />
      </SimpleGrid>
      <PagedList
        list={events}
        skeleton={<Skeleton h={200} />}
        errorTitle="Could not load the audit log"
        noun="event"
        empty={
          <EmptyState icon={IconHistory} title="No events match">
            Widen the filters: clear the case, actor, action or days.
          </EmptyState>
        }
      >
        {(items) => (
          <Group>
            <AuditTable events={items} caption="Audit events, newest first" />
          </Group>
        )}
      </PagedList>
    </Stack>
  );
}
