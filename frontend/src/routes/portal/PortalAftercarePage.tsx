import { Alert, Badge, Card, List, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import type { ReactNode } from "react";
import { describeError } from "../../api/problem";
import type { PortalChosenResource } from "../../api/types";
import { usePortalAftercare } from "../../features/aftercare/api";
import { formatDateTime, humanize } from "../../lib/format";
import { AnchorLink } from "../../lib/links";
import { ContactText } from "../../lib/ContactText";
import { PhoneLink } from "../../lib/phone";
import { ContactLinks } from "../../features/resources/ResourceBits";

/** My own part of the aftercare plan, phone width first. */
export function PortalAftercarePage() {
  useDocumentTitle("My aftercare plan · Cairn");
  const plan = usePortalAftercare();
  return (
    <Stack gap="lg">
      <AnchorLink to="/portal" size="sm">
        ← Home
      </AnchorLink>
      <Title order={1} size="h2">
        My aftercare plan
      </Title>
      {plan.isPending ? (
        <Skeleton h={240} />
      ) : plan.isError ? (
        <Alert color="red" role="alert" title="Could not load your plan">
          {describeError(plan.error)}
        </Alert>
      ) : plan.data === null ? (
        <Card withBorder padding="lg" radius="md">
          <Text size="lg">Your aftercare plan has not been started yet.</Text>
          <Text c="dimmed" mt="xs">
            Your interventionist prepares it with you before treatment ends.
          </Text>
        </Card>
      ) : (
        <>
          {plan.data.kind === "participant" ? (
            <Block title="My commitment">
              <Text style={{ whiteSpace: "pre-wrap" }}>{plan.data.my_commitment || "Not written yet."}</Text>
            </Block>
          ) : (
            <>
              <Block title="When I feel the pull">
                <Items items={plan.data.coping_strategies} />
              </Block>
              <Block title="Warning signs">
                <Items items={plan.data.warning_signs} />
              </Block>
              <Block title="Who to call">
                {plan.data.emergency_contacts.length === 0 ? (
                  <Text c="dimmed">None yet.</Text>
                ) : (
                  <Stack gap="xs">
                    {plan.data.emergency_contacts.map((c, i) => (
                      <div key={i}>
                        <Text fw={600}>
                          {c.name}
                          {c.relationship ? ` (${c.relationship})` : ""}
                        </Text>
                        <PhoneLink phone={c.phone} />
                      </div>
                    ))}
                  </Stack>
                )}
              </Block>
              {plan.data.next_follow_up && (
                <Block title="Next follow-up">
                  <Text>
                    {humanize(plan.data.next_follow_up.kind)} with your interventionist, by {formatDateTime(plan.data.next_follow_up.due_at)}
                  </Text>
                </Block>
              )}
            </>
          )}
          <Block title="My meetings and support">
            {plan.data.resources.length === 0 ? (
              <Text c="dimmed">Nothing chosen for you yet.</Text>
            ) : (
              <Stack gap="md">
                {plan.data.resources.map((r) => (
                  <Resource key={r.resource_id} resource={r} />
                ))}
              </Stack>
            )}
          </Block>
        </>
      )}
      <Text size="sm" c="dimmed">
        <ContactText text="In an emergency call 911. To talk to someone now, call or text 988." />
      </Text>
    </Stack>
  );
}

function Resource({ resource }: { resource: PortalChosenResource }) {
  return (
    <div data-testid="my-resource">
      <Text fw={700}>{resource.name}</Text>
      {resource.fellowship && (
        <Badge variant="light" tt="none" mr={4}>
          {resource.fellowship}
        </Badge>
      )}
      {resource.note && <Text size="sm">{resource.note}</Text>}
      {resource.next_meetings.length > 0 && (
        <Text size="sm" mt={4}>
          Next: {resource.next_meetings.map((m) => m.text).join(" · ")}
        </Text>
      )}
      {resource.schedule_note && <Text size="sm">{resource.schedule_note}</Text>}
      {/* Address, then "Join online" and the phone each on their own, a thumb's width apart. */}
      <ContactLinks
        resource={{
          name: resource.name,
          address: resource.address,
          online_url: resource.online_url,
          phone: resource.phone,
          phone_extension: resource.phone_extension,
        }}
      />
    </div>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder padding="lg" radius="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Items({ items }: { items: string[] }) {
  if (items.length === 0) return <Text c="dimmed">Not written yet.</Text>;
  return (
    <List spacing={4}>
      {items.map((item, i) => (
        <List.Item key={i}>{item}</List.Item>
      ))}
    </List>
  );
}
