import { Badge, Group, Select, Stack, Text, type SelectProps } from "@mantine/core";
import type { TreatmentCenterRead } from "../../api/types";
import { formatRelative } from "../../lib/format";

export function bedsText(center: Pick<TreatmentCenterRead, "beds_available" | "beds_updated_at">): string {
  if (center.beds_available === null || center.beds_available === undefined) return "Beds not reported";
  const beds = `${center.beds_available} bed${center.beds_available === 1 ? "" : "s"} available`;
  return center.beds_updated_at ? `${beds} · ${formatRelative(center.beds_updated_at)}` : beds;
}

export function PartnerBadge({ size = "sm" }: { size?: "xs" | "sm" | "md" }) {
  return (
    <Badge size={size} variant="light" color="violet" tt="none">
      Partner
    </Badge>
  );
}

interface Props extends Omit<SelectProps, "data" | "renderOption"> {
  centers: readonly TreatmentCenterRead[];
}

/** The directory's treatment centers, each with its bed availability and a partner badge. */
export function CenterSelect({ centers, ...props }: Props) {
  const byId = new Map(centers.map((c) => [c.id, c]));
  const data = [...centers]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((c) => ({ value: c.id, label: c.is_partner ? `${c.name} (partner)` : c.name }));
  return (
    <Select
      searchable
      nothingFoundMessage="No center of that name in your directory"
      {...props}
      data={data}
      renderOption={({ option }) => {
        const center = byId.get(option.value);
        if (!center) return option.label;
        return (
          <Stack gap={0}>
            <Group gap={6} wrap="nowrap">
              <Text size="sm">{center.name}</Text>
              {center.is_partner && <PartnerBadge size="xs" />}
            </Group>
            <Text size="xs" c={center.beds_available === 0 ? "red.9" : "dimmed"}>
              {bedsText(center)}
              {center.city ? ` · ${center.city}` : ""}
            </Text>
          </Stack>
        );
      }}
    />
  );
}
