import { Group, Text } from "@mantine/core";

export function Logo({ size = 28 }: { size?: number }) {
  return (
    <Group gap={8} wrap="nowrap">
      <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
        <rect width="32" height="32" rx="6" fill="#0b7285" />
        <ellipse cx="16" cy="25" rx="10" ry="3.5" fill="#e3fafc" />
        <ellipse cx="16" cy="18" rx="7.5" ry="3" fill="#99e9f2" />
        <ellipse cx="16" cy="12" rx="5" ry="2.5" fill="#e3fafc" />
        <ellipse cx="16" cy="7" rx="3" ry="2" fill="#99e9f2" />
      </svg>
      <Text fw={700} size="lg" c="cyan.9">
        Cairn
      </Text>
    </Group>
  );
}
