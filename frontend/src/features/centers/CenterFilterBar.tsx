import { Button, Group, Select, Switch } from "@mantine/core";
import type { CareService, LevelOfCare } from "../../api/types";
import { SearchField } from "../../lib/SearchField";
import { options } from "../cases/labels";
import { LEVEL_OF_CARE_OPTIONS } from "../plans/labels";
import { NearField } from "../directory/NearField";
import { hasCenterFilters, type CenterFilters } from "./filters";
import { SERVICE_LABEL, SERVICES } from "./labels";

interface Props {
  filters: CenterFilters;
  onChange: (change: Partial<CenterFilters>) => void;
  onReset: () => void;
}

export function CenterFilterBar({ filters, onChange, onReset }: Props) {
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <SearchField value={filters.q} onSearch={(q) => onChange({ q })} placeholder="Name or city" basis="14rem" />
      <Select
        label="Level of care"
        placeholder="Any level"
        clearable
        data={LEVEL_OF_CARE_OPTIONS}
        value={filters.level_of_care ?? null}
        onChange={(value) => onChange({ level_of_care: (value as LevelOfCare | null) ?? undefined })}
        w={{ base: "100%", xs: 300 }}
        comboboxProps={{ width: "target" }}
      />
      <Select
        label="Service"
        placeholder="Any service"
        clearable
        data={options(SERVICE_LABEL, SERVICES)}
        value={filters.service ?? null}
        onChange={(value) => onChange({ service: (value as CareService | null) ?? undefined })}
        w={{ base: "100%", xs: 190 }}
      />
      <Switch
        label="Has beds now"
        checked={Boolean(filters.has_beds)}
        onChange={(event) => onChange({ has_beds: event.currentTarget.checked || undefined })}
        mb={8}
      />
      <NearField
        key={filters.near ?? "none"}
        near={filters.near}
        withinKm={filters.within_km}
        onChange={onChange}
      />
      {hasCenterFilters(filters) && (
        <Button variant="subtle" onClick={onReset} mb={2}>
          Clear filters
        </Button>
      )}
    </Group>
  );
}
