import { Button, Group, Select, Switch, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useState } from "react";
import { hasFilters, type CaseFilters } from "./filters";
import { RISK_FLAG_LABEL, RISK_FLAGS, STATUS_LABEL, STATUS_ORDER, options } from "./labels";
import type { CaseStatus, RiskFlag } from "../../api/types";

interface Props {
  filters: CaseFilters;
  onChange: (change: Partial<CaseFilters>) => void;
  onReset: () => void;
}

export function CaseFilterBar({ filters, onChange, onReset }: Props) {
  const [search, setSearch] = useState(filters.q ?? "");
  const [debounced] = useDebouncedValue(search, 300);

  useEffect(() => {
    if ((debounced.trim() || undefined) !== filters.q) onChange({ q: debounced.trim() || undefined });
    // Only a settled change of the typed text updates the URL.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debounced]);

  useEffect(() => {
    // The URL changed elsewhere (back button, "clear filters"): follow it.
    setSearch((typed) => ((typed.trim() || undefined) === filters.q ? typed : (filters.q ?? "")));
  }, [filters.q]);

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <form
        role="search"
        style={{ flex: "1 1 16rem", minWidth: 0 }}
        onSubmit={(event) => {
          event.preventDefault();
          onChange({ q: search.trim() || undefined });
        }}
      >
        <TextInput
          label="Search"
          placeholder="Client name or reference"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          type="search"
        />
      </form>
      <Select
        label="Status"
        placeholder="Any status"
        clearable
        data={options(STATUS_LABEL, STATUS_ORDER)}
        value={filters.status ?? null}
        onChange={(value) => onChange({ status: (value as CaseStatus | null) ?? undefined })}
        w={{ base: "100%", xs: 190 }}
      />
      <Select
        label="Risk flag"
        placeholder="Any risk"
        clearable
        data={options(RISK_FLAG_LABEL, RISK_FLAGS)}
        value={filters.risk ?? null}
        onChange={(value) => onChange({ risk: (value as RiskFlag | null) ?? undefined })}
        w={{ base: "100%", xs: 230 }}
      />
      <Switch
        label="Assigned to me"
        checked={Boolean(filters.mine)}
        onChange={(event) => onChange({ mine: event.currentTarget.checked || undefined })}
        mb={8}
      />
      {hasFilters(filters) && (
        <Button variant="subtle" onClick={onReset} mb={2}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
