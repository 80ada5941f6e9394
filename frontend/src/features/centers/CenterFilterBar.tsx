import { Button, Group, Select, Switch, TextInput } from "@mantine/core";
import { useState } from "react";
import type { CareService, LevelOfCare } from "../../api/types";
import { SearchField } from "../../lib/SearchField";
import { options } from "../cases/labels";
import { LEVEL_OF_CARE_OPTIONS } from "../plans/labels";
import { parseNear } from "../directory/listing";
import { hasCenterFilters, RADII_KM, type CenterFilters } from "./filters";
import { SERVICE_LABEL, SERVICES } from "./labels";

interface Props {
  filters: CenterFilters;
  onChange: (change: Partial<CenterFilters>) => void;
  onReset: () => void;
}

export function CenterFilterBar({ filters, onChange, onReset }: Props) {
  const [nearText, setNearText] = useState(filters.near?.replace(",", ", ") ?? "");
  const [nearError, setNearError] = useState<string | null>(null);
  const applyNear = () => {
    if (!nearText.trim()) {
      setNearError(null);
      onChange({ near: undefined, within_km: undefined });
      return;
    }
    const near = parseNear(nearText);
    if (!near) {
      setNearError("Write latitude, longitude, e.g. 45.52, -122.68");
      return;
    }
    setNearError(null);
    onChange({ near });
  };
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
      <TextInput
        label="Near (latitude, longitude)"
        placeholder="45.52, -122.68"
        value={nearText}
        onChange={(event) => setNearText(event.currentTarget.value)}
        onBlur={applyNear}
        onKeyDown={(event) => {
          if (event.key === "Enter") applyNear();
        }}
        error={nearError}
        w={{ base: "100%", xs: 220 }}
        inputMode="decimal"
        autoComplete="off"
      />
      {filters.near && (
        <Select
          label="Within"
          data={RADII_KM.map((km) => ({ value: String(km), label: `${km} km` }))}
          value={String(filters.within_km ?? 50)}
          onChange={(value) => onChange({ within_km: value ? Number(value) : undefined })}
          allowDeselect={false}
          w={110}
        />
      )}
      {hasCenterFilters(filters) && (
        <Button
          variant="subtle"
          onClick={() => {
            setNearText("");
            setNearError(null);
            onReset();
          }}
          mb={2}
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
