import { Box, Group, Loader, Text } from "@mantine/core";
import type { ReactNode } from "react";

/**
 * Results shown while newer ones load (keepPreviousData): a status saying so, and the old
 * content dimmed and inert, so nobody reads it as the answer to the new question.
 */
export function StaleContent({ stale, status, children }: { stale: boolean; status: string; children: ReactNode }) {
  return (
    <>
      {stale && (
        <Group gap="xs" role="status">
          <Loader size="xs" aria-hidden />
          <Text size="sm" c="dimmed">
            {status}
          </Text>
        </Group>
      )}
      <Box style={stale ? { opacity: 0.5, pointerEvents: "none" } : undefined} inert={stale || undefined}>
        {children}
      </Box>
    </>
  );
}
