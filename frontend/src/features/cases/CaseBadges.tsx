import { Badge, Group, Tooltip } from "@mantine/core";
import type { CaseStatus, RiskFlag } from "../../api/types";
import { CRITICAL_FLAGS, RISK_FLAG_LABEL, STATUS_COLOR, STATUS_LABEL } from "./labels";

export function StatusBadge({ status, size = "sm" }: { status: CaseStatus; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={STATUS_COLOR[status]} variant="dot" size={size} style={{ whiteSpace: "nowrap" }}>
      {STATUS_LABEL[status]}
    </Badge>
  );
}

export function RiskFlagBadges({ flags, max }: { flags: readonly RiskFlag[]; max?: number }) {
  if (!flags.length) return null;
  const sorted = [...flags].sort((a, b) => Number(CRITICAL_FLAGS.has(b)) - Number(CRITICAL_FLAGS.has(a)));
  const shown = max ? sorted.slice(0, max) : sorted;
  const hidden = sorted.slice(shown.length);
  return (
    <Group gap={4} wrap="wrap">
      {shown.map((flag) => (
        <Badge
          key={flag}
          size="sm"
          variant={CRITICAL_FLAGS.has(flag) ? "filled" : "outline"}
          color={CRITICAL_FLAGS.has(flag) ? "red.8" : "orange.9"}
          tt="none"
        >
          {RISK_FLAG_LABEL[flag]}
        </Badge>
      ))}
      {hidden.length > 0 && (
        <Tooltip label={hidden.map((flag) => RISK_FLAG_LABEL[flag]).join(", ")}>
          <Badge size="sm" variant="outline" color="gray.7" tt="none" tabIndex={0}>
            +{hidden.length} more
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
