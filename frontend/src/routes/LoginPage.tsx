import { Alert, Center, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useQueryClient } from "@tanstack/react-query";
import { getRouteApi, useRouter } from "@tanstack/react-router";
import { LoginForm } from "../features/auth/LoginForm";
import { safeRedirect } from "../lib/redirect";
import { Logo } from "./Logo";

const route = getRouteApi("/login");

export function LoginPage() {
  useDocumentTitle("Sign in · Cairn");
  const search = route.useSearch();
  const router = useRouter();
  const queryClient = useQueryClient();
  return (
    <Center mih="100dvh" p="md" component="main" id="main" bg="gray.0">
      <Stack w="100%" maw={400} gap="lg">
        <Center>
          <Logo size={40} />
        </Center>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Stack gap="md">
            <div>
              <Title order={1} size="h3">
                Sign in
              </Title>
              <Text size="sm" c="dimmed">
                Case management for your intervention practice.
              </Text>
            </div>
            {search.reason === "expired" && (
              <Alert color="blue" role="status" p="sm">
                Your session ended. Sign in again to continue where you were.
              </Alert>
            )}
            {search.reason === "staff-only" && (
              <Alert color="orange" role="status" p="sm">
                This dashboard is for practice staff. Clients, families and partners use their own apps.
              </Alert>
            )}
            <LoginForm
              onSignedIn={async () => {
                queryClient.clear();
                router.history.replace(safeRedirect(search.redirect));
              }}
            />
          </Stack>
        </Paper>
      </Stack>
    </Center>
  );
}
