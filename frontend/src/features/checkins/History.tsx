import { Badge, Button, Card, Center, Group, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import type { CheckInRead, RiskLevel } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { LoadError } from "../../lib/LoadError";
import { useCheckInHistory } from "./api";
import { RISK_COLOR, RISK_LABEL, SAFETY_KEYS, SAFETY_LABEL, scaleText } from "./labels";
import { anySafety } from "./trends";

export function RiskBadge({ level }: { level: RiskLevel }) {
  return (
    <Badge
      color={level === "critical" ? "red.9" : RISK_COLOR[level]}
      variant={level === "critical" ? "filled" : "light"}
      tt="none"
      style={{ whiteSpace: "nowrap" }}
    >
      {RISK_LABEL[level]} risk
    </Badge>
  );
}

function yesNo(value: boolean | null | undefined): string {
  return value === null || value === undefined ? "—" : value ? "Yes" : "No";
}

function ofPeriod(days: number | null | undefined, period: number): string {
  return days === null || days === undefined ? "—" : `${days} of ${period}`;
}

function bamText(bam: CheckInRead["bam"]): string {
  if (!bam) return "—";
  return [bam.use, bam.risk, bam.protective].map((v) => (v === null ? "—" : String(v))).join(" · ");
}

function SafetyCell({ c }: { c: CheckInRead }) {
  if (!anySafety(c)) return <Text size="sm">None</Text>;
  return (
    <Group gap={4}>
      {SAFETY_KEYS.filter((key) => c.safety[key]).map((key) => (
        <Badge key={key} color="red.8" variant="filled" tt="none">
          {SAFETY_LABEL[key]}
        </Badge>
      ))}
    </Group>
  );
}

export function History({ caseId }: { caseId: string }) {
  const history = useCheckInHistory(caseId);
  const rows = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="history-title">
      <Title order={3} size="h4" id="history-title" mb="sm">
        History
      </Title>
      {history.isPending ? (
        <Skeleton h={120} />
      ) : history.isError ? (
        <LoadError title="Could not load the check-ins" error={history.error} onRetry={history.refetch} />
      ) : !rows.length ? (
        <Text size="sm" c="dimmed">
          No check-ins yet. They appear here as soon as someone sends one from the portal.
        </Text>
      ) : (
        <Stack gap="sm">
          <Table.ScrollContainer minWidth={1280} type="native" tabIndex={0} aria-label="Check-in history (scrolls sideways)">
            <Table striped verticalSpacing="xs" aria-label="Check-in history">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Sent</Table.Th>
                  <Table.Th scope="col">Who</Table.Th>
                  <Table.Th scope="col">Risk</Table.Th>
                  <Table.Th scope="col">Days used</Table.Th>
                  <Table.Th scope="col">Craving</Table.Th>
                  <Table.Th scope="col">Mood</Table.Th>
                  <Table.Th scope="col">Family conflict</Table.Th>
                  <Table.Th scope="col">Meeting days</Table.Th>
                  <Table.Th scope="col">Work/school days</Table.Th>
                  <Table.Th scope="col">
                    <abbr title="Brief Addiction Monitor composites: Use, Risk, Protective">BAM</abbr> U · R · P
                  </Table.Th>
                  <Table.Th scope="col">Commitments kept</Table.Th>
                  <Table.Th scope="col">Safety</Table.Th>
                  <Table.Th scope="col">Note</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((c) => (
                  <Table.Tr key={c.id} bg={anySafety(c) ? "red.0" : undefined}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <time dateTime={c.submitted_at}>{formatDateTime(c.submitted_at)}</time>
                      {c.submitted_by_kind === "staff" && (
                        <Text size="xs" c="dimmed">
                          entered by staff
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{c.respondent_name}</Table.Td>
                    <Table.Td>
                      <RiskBadge level={c.risk_level} />
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {c.days_used === null || c.days_used === undefined ? "—" : `${c.days_used} of ${c.period_days}`}
                      {c.substances_used.length > 0 && (
                        <Text size="xs" c="dimmed">
                          {c.substances_used.join(", ")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{scaleText("craving", c.craving)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{scaleText("mood", c.mood)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{scaleText("family_conflict", c.family_conflict)}</Table.Td>
                    <Table.Td>{ofPeriod(c.meetings_attended, c.period_days)}</Table.Td>
                    <Table.Td>{ofPeriod(c.work_school_days, c.period_days)}</Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>{bamText(c.bam)}</Table.Td>
                    <Table.Td>{yesNo(c.commitments_kept)}</Table.Td>
                    <Table.Td>
                      <SafetyCell c={c} />
                    </Table.Td>
                    <Table.Td maw={260}>
                      <Text size="sm" lineClamp={3} title={c.note ?? undefined}>
                        {c.note || "—"}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {history.hasNextPage && (
            <Center>
              <Button variant="default" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
                Load more
              </Button>
            </Center>
          )}
        </Stack>
      )}
    </Card>
  );
}
