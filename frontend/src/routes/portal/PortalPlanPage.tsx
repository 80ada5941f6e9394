import { Alert, Badge, Card, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { describeError } from "../../api/problem";
import { usePortalPlan } from "../../features/portal/api";
import { formatDateTime, humanize } from "../../lib/format";
import { AnchorLink } from "../../lib/links";

export function PortalPlanPage() {
  useDocumentTitle("The plan · Cairn");
  const plan = usePortalPlan();
  return (
    <Stack gap="lg">
      <AnchorLink to="/portal" size="sm">
        ← Home
      </AnchorLink>
      <Title order={1} size="h2">
        The plan and my part
      </Title>
      {plan.isPending ? (
        <Skeleton h={240} />
      ) : plan.isError ? (
        <Alert color="red" role="alert" title="Could not load the plan">
          {describeError(plan.error)}
        </Alert>
      ) : plan.data === null ? (
        <Card withBorder padding="lg" radius="md">
          <Text size="lg">There is no plan to show you here.</Text>
          <Text c="dimmed" mt="xs">
            The plan is prepared by your interventionist together with the family. If you have questions about what
            happens next, ask your interventionist — they are glad to talk it through with you.
          </Text>
        </Card>
      ) : (
        <>
          <Card withBorder padding="lg" radius="md">
            <Title order={2} size="h4" mb="sm">
              When and where
            </Title>
            <Stack gap="sm" component="dl" m={0}>
              <Item label="When">
                {plan.data.scheduled_at ? formatDateTime(plan.data.scheduled_at) : "Not set yet"}
              </Item>
              <Item label="Where">{plan.data.location || "Not set yet"}</Item>
              {plan.data.logistics && <Item label="Good to know">{plan.data.logistics}</Item>}
            </Stack>
          </Card>
          <Card withBorder padding="lg" radius="md">
            <Title order={2} size="h4" mb="sm">
              My part
            </Title>
            <Stack gap="sm" component="dl" m={0}>
              <Item label="My role">{humanize(plan.data.my_role)}</Item>
              {plan.data.my_speaking_position && <Item label="I speak">{`As number ${plan.data.my_speaking_position}`}</Item>}
              {plan.data.my_contribution && <Item label="What I bring">{plan.data.my_contribution}</Item>}
              <Item label="My letter">
                <Badge color={plan.data.letter_ready ? "teal" : "gray"} variant="light" tt="none" mb={4}>
                  {plan.data.letter_ready ? "Ready" : "Not marked ready"}
                </Badge>
                <Text style={{ whiteSpace: "pre-wrap" }}>{plan.data.my_letter || "Not written yet."}</Text>
              </Item>
              {plan.data.my_bottom_line && <Item label="My bottom line">{plan.data.my_bottom_line}</Item>}
            </Stack>
          </Card>
        </>
      )}
    </Stack>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="sm" c="dimmed" fw={600} component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
        {children}
      </Text>
    </div>
  );
}
