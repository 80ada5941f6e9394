import { Center, Paper, Stack } from "@mantine/core";
import type { ReactNode } from "react";
import { Logo } from "../Logo";

/** The centred card of the portal's sign-in pages (phone first). */
export function PortalAuthFrame({ children }: { children: ReactNode }) {
  return (
    <Center mih="100dvh" px="md" py="lg" component="main" id="main" bg="gray.0">
      <Stack w="100%" maw={440} gap="lg">
        <Center>
          <Logo size={40} />
        </Center>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
