import { Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconClipboardCheck } from "@tabler/icons-react";
import { useMe } from "../features/auth/api";
import { MODEL_LABEL, STATUS_LABEL } from "../features/cases/labels";
import { reviewsPlans, usePlanReviews } from "../features/plans/reviews";
import { formatDateTime, formatRelative } from "../lib/format";
import { AnchorLink, ButtonLink } from "../lib/links";
import { LoadError } from "../lib/LoadError";

/** The supervisors' queue: plans submitted for review, the longest waiting first. */
export function ReviewsPage() {
  useDocumentTitle("Plans to review · Cairn");
  const me = useMe();
  const reviewer = reviewsPlans(me);
  const reviews = usePlanReviews();
  const items = reviews.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="lg">
      <Stack gap={2}>
        <Title order={1} size="h2">
          Plans to review
        </Title>
        <Text size="sm" c="dimmed">
          Intervention plans submitted for approval, the longest waiting first. Approve a plan or return it for changes
          from its Plan tab.
        </Text>
      </Stack>
      {!reviewer ? (
        <Text c="dimmed">Only supervisors and admins review plans.</Text>
      ) : reviews.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading plans to review" />
        </Center>
      ) : reviews.isError ? (
        <LoadError title="Could not load the plans to review" error={reviews.error} onRetry={reviews.refetch} />
      ) : items.length === 0 ? (
        <Card withBorder padding="xl">
          <Stack align="center" gap="xs" ta="center">
            <IconClipboardCheck size={36} aria-hidden color="var(--mantine-color-gray-6)" />
            <Text fw={600}>No plans waiting</Text>
            <Text size="sm" c="dimmed" maw={420}>
              When an interventionist submits a plan for review, it shows up here.
            </Text>
          </Stack>
        </Card>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Plans to review">
          {items.map((item) => (
            <Card key={item.case_id} withBorder padding="md" component="li" data-testid="review-item">
              <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
                <Stack gap={4} style={{ minWidth: 0, flex: "1 1 16rem" }}>
                  <Group gap="xs" wrap="wrap">
                    <AnchorLink to="/cases/$caseId" params={{ caseId: item.case_id }} search={{ tab: "plan" }} fw={600}>
                      {item.client_name}
                    </AnchorLink>
                    <Text size="sm" c="dimmed">
                      {item.case_reference}
                    </Text>
                    <Badge variant="light" color="gray" tt="none">
                      {STATUS_LABEL[item.case_status]}
                    </Badge>
                  </Group>
                  <Text size="sm">
                    {MODEL_LABEL[item.model]} plan, version {item.plan_version}
                    {item.scheduled_at ? ` · intervention ${formatDateTime(item.scheduled_at)}` : " · no date set yet"}
                  </Text>
                  <Text size="xs" c="dimmed">
                    Submitted
                    {item.submitted_by ? ` by ${item.submitted_by.full_name}` : ""}
                    {item.submitted_at ? (
                      <>
                        {" "}
                        <time dateTime={item.submitted_at} title={formatDateTime(item.submitted_at)}>
                          {formatRelative(item.submitted_at)}
                        </time>
                      </>
                    ) : null}
                  </Text>
                </Stack>
                <ButtonLink to="/cases/$caseId" params={{ caseId: item.case_id }} search={{ tab: "plan" }} variant="light">
                  Review the plan
                </ButtonLink>
              </Group>
            </Card>
          ))}
          {reviews.hasNextPage && (
            <Center>
              <Button variant="default" onClick={() => void reviews.fetchNextPage()} loading={reviews.isFetchingNextPage}>
                Show more
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </Stack>
  );
}
