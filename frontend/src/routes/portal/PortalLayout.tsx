import { Alert, Box, Button, Container, Group, Stack, Text } from "@mantine/core";
import { IconCloudUpload, IconLogout } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { Outlet, useNavigate } from "@tanstack/react-router";
import { session } from "../../api/client";
import { usePortalMe } from "../../features/portal/api";
import { sender } from "../../features/portal/sender";
import { useOutboxAutoSend } from "../../features/portal/useOutbox";
import { setPracticeTimeZone } from "../../lib/format";
import { AnchorLink } from "../../lib/links";
import { Logo } from "../Logo";

/** The client and family portal: phone first, no staff navigation. */
export function PortalLayout() {
  const me = usePortalMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const outbox = useOutboxAutoSend(me.data?.id);
  // Every time in the portal on the case's clock, not the phone's (a follow-up "by Jan 5").
  setPracticeTimeZone(me.data?.time_zone);

  const signOut = async () => {
    await session.signOut();
    // Leave first, then forget: see AppLayout.
    await navigate({ to: "/portal/login", replace: true });
    queryClient.clear();
  };

  return (
    <Box mih="100dvh" bg="gray.0">
      <Box component="header" bg="white" style={{ borderBottom: "1px solid var(--mantine-color-gray-3)" }}>
        <Container size={640} px="md" py="xs">
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <AnchorLink to="/portal" aria-label="Cairn portal home" underline="never" style={{ display: "inline-flex", minHeight: 44, alignItems: "center" }}>
              <Logo />
            </AnchorLink>
            <Button variant="subtle" size="md" leftSection={<IconLogout size={18} aria-hidden />} onClick={() => void signOut()}>
              Sign out
            </Button>
          </Group>
        </Container>
      </Box>
      <Container size={640} px="md" py="md" component="main" id="main">
        <Stack gap="md">
          {outbox.pending.length > 0 && (
            <Alert color="blue" variant="light" icon={<IconCloudUpload aria-hidden />} role="status" title="Saved on this phone">
              <Stack gap="xs" align="flex-start">
                <Text size="sm">
                  {outbox.pending.length === 1 ? "Your check-in is" : `${outbox.pending.length} check-ins are`} saved on this phone —
                  {" "}will be sent when you're back online.
                </Text>
                {me.data && (
                  <Button size="sm" variant="white" onClick={() => void sender.flush(me.data.id)}>
                    Try sending now
                  </Button>
                )}
              </Stack>
            </Alert>
          )}
          {outbox.refused.map((refused) => (
            <Alert
              key={refused.key}
              color="red"
              role="alert"
              title="A saved check-in could not be sent"
              withCloseButton
              onClose={() => outbox.dismiss(refused.key)}
            >
              {refused.message} Please fill in the check-in again.
            </Alert>
          ))}
          <Outlet />
        </Stack>
      </Container>
    </Box>
  );
}
