import { Button, Group, Select, Switch } from "@mantine/core";
import type { DayOfWeek, ResourceAudience, ResourceFormat, ResourceKind } from "../../api/types";
import { SearchField } from "../../lib/SearchField";
import { options } from "../cases/labels";
import { NearField } from "../directory/NearField";
import { hasResourceFilters, type ResourceFilters } from "./filters";
import { AUDIENCE_LABEL, AUDIENCES, DAY_LABEL, DAYS, FORMAT_LABEL, FORMATS, KIND_LABEL, KINDS } from "./labels";

interface Props {
  filters: ResourceFilters;
  onChange: (change: Partial<ResourceFilters>) => void;
  onReset: () => void;
}

export function ResourceFilterBar({ filters, onChange, onReset }: Props) {
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <SearchField value={filters.q} onSearch={(q) => onChange({ q })} placeholder="Name, fellowship or city" basis="14rem" />
      <Select
        label="Kind"
        placeholder="Any kind"
        clearable
        data={options(KIND_LABEL, KINDS)}
        value={filters.kind ?? null}
        onChange={(value) => onChange({ kind: (value as ResourceKind | null) ?? undefined })}
        w={{ base: "100%", xs: 200 }}
      />
      <Select
        label="For"
        placeholder="Anyone"
        clearable
        data={options(AUDIENCE_LABEL, AUDIENCES)}
        value={filters.audience ?? null}
        onChange={(value) => onChange({ audience: (value as ResourceAudience | null) ?? undefined })}
        w={{ base: "100%", xs: 180 }}
      />
      <Select
        label="Format"
        placeholder="Any format"
        clearable
        data={options(FORMAT_LABEL, FORMATS)}
        value={filters.format ?? null}
        onChange={(value) => onChange({ format: (value as ResourceFormat | null) ?? undefined })}
        w={{ base: "100%", xs: 190 }}
      />
      <Select
        label="Meets on"
        placeholder="Any day"
        clearable
        data={options(DAY_LABEL, DAYS)}
        value={filters.day_of_week ?? null}
        onChange={(value) => onChange({ day_of_week: (value as DayOfWeek | null) ?? undefined })}
        w={{ base: "100%", xs: 150 }}
      />
      <Switch
        label="Show inactive"
        checked={Boolean(filters.inactive)}
        onChange={(event) => onChange({ inactive: event.currentTarget.checked || undefined })}
        mb={8}
      />
      <NearField
        key={filters.near ?? "none"}
        near={filters.near}
        withinKm={filters.within_km}
        onChange={onChange}
      />
      {hasResourceFilters(filters) && (
        <Button variant="subtle" onClick={onReset} mb={2}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
