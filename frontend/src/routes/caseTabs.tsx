import { Button, Center, Group, Stack, Text, Title } from "@mantine/core";
import type { ErrorComponentProps } from "@tanstack/react-router";
import { ApiError, describeError } from "../api/problem";
import { ButtonLink } from "../lib/links";

// Kept apart from CasePage so the route tree can load that page lazily.
export const CASE_TABS = ["overview", "timeline", "participants", "plan", "tasks", "goals", "check-ins", "consents", "referrals", "aftercare"] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export function CasePageError({ error, reset }: ErrorComponentProps) {
  const notFound = error instanceof ApiError && (error.status === 404 || error.status === 422);
  return (
    <Center py="xl">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Title order={1} size="h3">
          {notFound ? "Case not found" : "Could not load this case"}
        </Title>
        <Text c="dimmed" size="sm">
          {notFound ? "It does not exist, or you are not on its team." : describeError(error)}
        </Text>
        <Group>
          <ButtonLink to="/cases" variant="default">
            Back to the caseload
          </ButtonLink>
          {!notFound && <Button onClick={reset}>Try again</Button>}
        </Group>
      </Stack>
    </Center>
  );
}
