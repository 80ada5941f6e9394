import { Alert, Button, Center, Stack, Text, Title } from "@mantine/core";
import { Outlet, useRouter, type ErrorComponentProps } from "@tanstack/react-router";
import { describeError } from "../api/problem";
import { ButtonLink } from "../lib/links";

export function RootLayout() {
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <Outlet />
    </>
  );
}

export function NotFound() {
  return (
    <Center py={80} px="md" component="main" id="main">
      <Stack align="center" gap="sm" ta="center">
        <Title order={1} size="h2">
          Page not found
        </Title>
        <Text c="dimmed">The address may be mistyped, or the page was moved.</Text>
        <ButtonLink to="/cases">Go to the caseload</ButtonLink>
      </Stack>
    </Center>
  );
}

export function RouteError({ error }: ErrorComponentProps) {
  const router = useRouter();
  return (
    <Center py={80} px="md" component="main" id="main">
      <Alert color="red" title="Something went wrong" role="alert" maw={520}>
        <Stack gap="sm" align="flex-start">
          <span>{describeError(error)}</span>
          <Button size="xs" color="red" onClick={() => void router.invalidate()}>
            Try again
          </Button>
        </Stack>
      </Alert>
    </Center>
  );
}
