import { Alert, Card, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconChecklist, IconHeartHandshake, IconLifebuoy, IconMap2, IconTarget } from "@tabler/icons-react";
import { describeError } from "../../api/problem";
import type { CheckInDue } from "../../api/types";
import { useCheckInDue, usePortalMe } from "../../features/portal/api";
import { formatDateTime, formatRelative } from "../../lib/format";
import { ContactText } from "../../lib/ContactText";
import { ButtonLink } from "../../lib/links";

export function PortalHomePage() {
  useDocumentTitle("Home · Cairn");
  const me = usePortalMe();
  const due = useCheckInDue();
  if (me.isPending) return <Skeleton h={200} />;
  if (me.isError) {
    return (
      <Alert color="red" role="alert" title="Could not load your page">
        {describeError(me.error)}
      </Alert>
    );
  }
  const isClient = me.data.kind === "client";
  return (
    <Stack gap="lg">
      <div>
        <Title order={1} size="h2">
          Hello, {me.data.name}
        </Title>
        <Text c="dimmed">
          {isClient
            ? `Your check-ins and goals, shared with your team at ${me.data.organization_name}.`
            : `Supporting ${me.data.client_first_name}, with ${me.data.organization_name}.`}
        </Text>
      </div>
      <Card withBorder padding="lg" radius="md">
        <Title order={2} size="h4" mb="xs">
          Your check-in
        </Title>
        {due.isPending ? (
          <Skeleton h={60} />
        ) : due.isError ? (
          <Text c="red.8">{describeError(due.error)}</Text>
        ) : (
          <DueText due={due.data} />
        )}
        <ButtonLink to="/portal/check-in" size="lg" fullWidth mt="md" leftSection={<IconChecklist aria-hidden />}>
          {due.data?.due_now ? "Start my check-in" : "Check in now"}
        </ButtonLink>
      </Card>
      <Stack gap="sm" component="nav" aria-label="Portal">
        <ButtonLink to="/portal/goals" size="lg" variant="default" fullWidth justify="flex-start" leftSection={<IconTarget aria-hidden />}>
          My goals
        </ButtonLink>
        {!isClient && (
          <ButtonLink to="/portal/plan" size="lg" variant="default" fullWidth justify="flex-start" leftSection={<IconMap2 aria-hidden />}>
            The plan and my part
          </ButtonLink>
        )}
        <ButtonLink to="/portal/aftercare" size="lg" variant="default" fullWidth justify="flex-start" leftSection={<IconHeartHandshake aria-hidden />}>
          My aftercare plan
        </ButtonLink>
        <ButtonLink to="/portal/resources" size="lg" variant="default" fullWidth justify="flex-start" leftSection={<IconLifebuoy aria-hidden />}>
          Help and support
        </ButtonLink>
      </Stack>
      <Text size="sm" c="dimmed">
        <ContactText text="In an emergency call 911. To talk to someone now, call or text 988." />
      </Text>
    </Stack>
  );
}

function DueText({ due }: { due: CheckInDue }) {
  const last = due.last_check_in_at ? (
    <Text size="sm" c="dimmed">
      Last sent {formatRelative(due.last_check_in_at)}.
    </Text>
  ) : null;
  if (!due.scheduled || !due.next_due_at) {
    return (
      <>
        <Text>You can check in whenever you like.</Text>
        {last}
      </>
    );
  }
  return (
    <>
      {due.due_now ? (
        <Text fw={600} size="lg">
          Your check-in is due now.
        </Text>
      ) : (
        <Text size="lg">
          Next check-in: <time dateTime={due.next_due_at}>{formatDateTime(due.next_due_at)}</time>
        </Text>
      )}
      {due.cadence_days && (
        <Text size="sm" c="dimmed">
          {due.cadence_days === 7 ? "Once a week." : `Every ${due.cadence_days} days.`}
        </Text>
      )}
      {last}
    </>
  );
}
