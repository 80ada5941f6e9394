import { Alert, Card, Skeleton, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { describeError } from "../../api/problem";
import { usePortalResources } from "../../features/portal/api";
import { AnchorLink } from "../../lib/links";

export function PortalResourcesPage() {
  useDocumentTitle("Help and support · Cairn");
  const resources = usePortalResources();
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
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }}>
          {resources.data.items.map((resource) => (
            <Card key={resource.name} component="li" withBorder padding="md" radius="md">
              <Title order={2} size="h4">
                {resource.name}
              </Title>
              <Text mt={4}>{resource.description}</Text>
              <Text fw={700} mt={6} size="lg">
                {resource.contact}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
