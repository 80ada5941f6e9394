import { Button, Group, Select, Switch } from "@mantine/core";
import { SearchField } from "../../lib/SearchField";
import { hasFilters, type CaseFilters } from "./filters";
import { RISK_FLAG_LABEL, RISK_FLAGS, STATUS_LABEL, STATUS_ORDER, options } from "./labels";
import type { CaseStatus, PlanStatus, RiskFlag } from "../../api/types";
import { PLAN_STATUS_LABEL } from "../plans/labels";

interface Props {
  filters: CaseFilters;
  onChange: (change: Partial<CaseFilters>) => void;
  onReset: () => void;
}

export function CaseFilterBar({ filters, onChange, onReset }: Props) {
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <SearchField value={filters.q} onSearch={(q) => onChange({ q })} placeholder="Name, phone or reference" />
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
      <Select
        label="Plan"
        placeholder="Any plan"
        clearable
        data={options(PLAN_STATUS_LABEL)}
        value={filters.plan_status ?? null}
        onChange={(value) => onChange({ plan_status: (value as PlanStatus | null) ?? undefined })}
        w={{ base: "100%", xs: 170 }}
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
