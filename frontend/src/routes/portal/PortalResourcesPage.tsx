import { Alert, Badge, Card, Group, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { describeError } from "../../api/problem";
import type { PortalResource } from "../../api/types";
import { usePortalResources } from "../../features/portal/api";
import { KIND_LABEL, meetingMoment, zoneAbbreviation } from "../../features/resources/labels";
import { ContactLinks, FormatBadge, MeetingList } from "../../features/resources/ResourceBits";
import { ContactText } from "../../lib/ContactText";
import { AnchorLink } from "../../lib/links";

/** Phone width first: one card per resource, its meetings and the ways to reach it as links. */
export function PortalResourcesPage() {
  useDocumentTitle("Help and support · Cairn");
  const resources = usePortalResources();
  const items = resources.data?.items ?? [];
  const local = items.filter((r) => r.source === "practice");
  const national = items.filter((r) => r.source === "national");
  return (
    <Stack gap="lg">
      <AnchorLink to="/portal" size="sm">
        ← Home
      </AnchorLink>
      <Title order={1} size="h2">
        Help and support
      </Title>
      {resources.isPending ? (
        <Skeleton h={240} />
      ) : resources.isError ? (
        <Alert color="red" role="alert" title="Could not load the list">
          {describeError(resources.error)}
        </Alert>
      ) : (
        <>
          {local.length > 0 && (
            <Stack gap="sm" component="section" aria-labelledby="local-resources">
              <Title order={2} size="h3" id="local-resources">
                Groups and programs near you
              </Title>
              <ResourceCards resources={local} />
            </Stack>
          )}
          <Stack gap="sm" component="section" aria-labelledby="national-resources">
            <Title order={2} size="h3" id="national-resources">
              Always available
            </Title>
            <ResourceCards resources={national} />
          </Stack>
        </>
      )}
    </Stack>
  );
}

function ResourceCards({ resources }: { resources: PortalResource[] }) {
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
      {resources.map((resource) => (
        <Card
          key={resource.id ?? resource.name}
          component="li"
          withBorder
          padding="md"
          radius="md"
          data-testid={`portal-resource-${resource.name}`}
        >
          <Stack gap={6}>
            <Group gap={6} wrap="wrap">
              <Title order={3} size="h4" style={{ overflowWrap: "anywhere" }}>
                {resource.name}
              </Title>
              {resource.chosen && (
                <Badge color="teal" variant="filled" tt="none">
                  Chosen for you
                </Badge>
              )}
            </Group>
            <Text size="sm" c="dimmed">
              {[KIND_LABEL[resource.kind], resource.fellowship].filter(Boolean).join(" · ")}
            </Text>
            {resource.description && <Text>{resource.description}</Text>}
            {resource.format && (
              <Group gap="xs">
                <FormatBadge format={resource.format} />
              </Group>
            )}
            {resource.next_meeting_at && (
              <Text fw={700} data-testid="next-meeting">
                Next: {meetingMoment(resource.next_meeting_at, resource.time_zone)}
                {resource.time_zone ? ` ${zoneAbbreviation(resource.time_zone, new Date(resource.next_meeting_at))}` : ""}
              </Text>
            )}
            {(resource.meetings.length > 0 || resource.source === "practice") && (
              <MeetingList resource={resource} size="md" />
            )}
            {resource.source === "national" && resource.contact ? (
              <>
                {/* "Call or text 988": each number a tel: and an sms: link, tapped with a thumb. */}
                <Text fw={700} size="lg">
                  <ContactText text={resource.contact} />
                </Text>
                <ContactLinks resource={{ ...resource, phone: null, phone_extension: null }} size="md" />
              </>
            ) : (
              <ContactLinks resource={resource} size="md" />
            )}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
