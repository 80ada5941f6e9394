import { Center, Select, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { IconHistory } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { useAuditEvents } from "../features/audit/api";
import { AuditEvents } from "../features/audit/AuditEvents";
import { CaseField } from "../features/audit/CaseField";
import { AUDIT_ACTIONS, parseAuditSearch, type AuditAction, type AuditSearch } from "../features/audit/filters";
import { useStaffOptions } from "../features/tasks/api";
import { pastDaysRangeProps, useDayRange, type DayRange } from "../lib/dayPicker";
import { EmptyState } from "../lib/EmptyState";
import { humanize } from "../lib/format";
import { PagedList } from "../lib/PagedList";

const route = getRouteApi("/app/audit");

/**
 * The organisation's audit log (admins): filters by case, actor, action and days, all in
 * the URL so a filtered log can be reloaded, bookmarked and shared.
 */
export function AuditLogPage() {
  const search: AuditSearch = route.useSearch();
  const navigate = route.useNavigate();
  const setSearch = (change: Partial<AuditSearch>) =>
    void navigate({ search: parseAuditSearch({ ...search, ...change }), replace: true });
  const { range, choose: chooseRange, onClearPress } = useDayRange([search.from ?? null, search.to ?? null], (value) =>
    setSearch({ from: value[0] ?? undefined, to: value[1] ?? undefined }),
  );
  const [caseInvalid, setCaseInvalid] = useState(false);
  const staff = useStaffOptions();
  const events = useAuditEvents(search);
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
        <CaseField value={search.case} onCase={(value) => setSearch({ case: value })} onInvalid={setCaseInvalid} />
        <Select
          label="Actor"
          placeholder="Anyone"
          clearable
          searchable
          data={(staff.data ?? []).map((person) => ({ value: person.id, label: person.full_name }))}
          value={search.actor ?? null}
          onChange={(value) => setSearch({ actor: value ?? undefined })}
        />
        <Select
          label="Action"
          placeholder="Any action"
          clearable
          data={AUDIT_ACTIONS.map((action) => ({ value: action, label: humanize(action) }))}
          value={search.action ?? null}
          onChange={(value) => setSearch({ action: (value as AuditAction | null) ?? undefined })}
        />
        <DatePickerInput
          type="range"
          label="Days"
          valueFormat="MMM D, YYYY"
          clearable
          value={range}
          onChange={(value) => chooseRange(value as DayRange)}
          {...pastDaysRangeProps("Choose the days of the audit log", onClearPress)}
        />
      </SimpleGrid>
      {caseInvalid ? (
        <Center py="xl">
          <EmptyState icon={IconHistory} title="Which case?">
            Type a case reference as the case shows it, such as C-2026-0027, or paste a case id. Clear the field to see
            every case.
          </EmptyState>
        </Center>
      ) : (
        <PagedList
          list={events}
          skeleton={<Skeleton h={200} />}
          errorTitle="Could not load the audit log"
          noun="event"
          empty={
            <EmptyState icon={IconHistory} title="No events match">
              {search.case
                ? `No event of case ${search.case} matches in this practice. Check the reference, or widen the filters.`
                : "Widen the filters: clear the case, actor, action or days."}
            </EmptyState>
          }
        >
          {/* Straight in the list, not in a row: the cards and the table span the filters' width. */}
          {(items) => <AuditEvents events={items} caption="Audit events, newest first" />}
        </PagedList>
      )}
    </Stack>
  );
}
