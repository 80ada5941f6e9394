import { Alert, Badge, Button, Card, Group, Progress, Skeleton, Stack, Table, Text, Title } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconCalendarPlus } from "@tabler/icons-react";
import { useState } from "react";
import { describeError } from "../../api/problem";
import type { ScheduleRead } from "../../api/types";
import { useQuery } from "@tanstack/react-query";
import { formatDateTime, formatInZone, formatRelative, practiceTimeZone } from "../../lib/format";
import { caseQueryOptions } from "../cases/api";
import { useAdherence, useSchedules, useUpdateSchedule } from "./api";
import { cadenceText } from "./labels";
import { ScheduleFormModal } from "./ScheduleFormModal";
import { adherencePercent, adherenceText } from "./trends";

interface Props {
  caseId: string;
  people: { value: string; label: string }[];
}

export function Schedules({ caseId, people }: Props) {
  const schedules = useSchedules(caseId);
  const caseZone = useQuery(caseQueryOptions(caseId)).data?.data.effective_time_zone;
  const adherence = useAdherence(caseId);
  const pause = useUpdateSchedule(caseId);
  const [editing, setEditing] = useState<ScheduleRead | "new" | null>(null);
  const scheduled = new Set((schedules.data ?? []).map((s) => s.respondent));
  const unscheduled = people.filter((p) => !scheduled.has(p.value));

  const togglePause = async (schedule: ScheduleRead) => {
    try {
      await pause.mutateAsync({ schedule, body: { active: !schedule.active } });
      notifications.show({
        color: "teal",
        title: schedule.active ? "Schedule paused" : "Schedule resumed",
        message: schedule.respondent_name,
      });
    } catch (error) {
      notifications.show({ color: "red", title: "Not changed", message: describeError(error) });
    }
  };

  const adherenceOf = (schedule: ScheduleRead) => adherence.data?.items.find((a) => a.schedule_id === schedule.id);

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="schedules-title">
      <Group justify="space-between" mb="sm" wrap="wrap">
        <div>
          <Title order={3} size="h4" id="schedules-title">
            Schedules and adherence
          </Title>
          <Text size="sm" c="dimmed">
            Who checks in, how often, and how many check-ins arrived in the last 12 weeks.
          </Text>
        </div>
        <Button
          leftSection={<IconCalendarPlus size={16} aria-hidden />}
          onClick={() => setEditing("new")}
          disabled={!unscheduled.length}
        >
          Schedule check-ins
        </Button>
      </Group>
      {schedules.isPending ? (
        <Skeleton h={80} />
      ) : schedules.isError ? (
        <Alert color="red" role="alert" title="Could not load the schedules">
          {describeError(schedules.error)}
        </Alert>
      ) : !schedules.data.length ? (
        <Text size="sm" c="dimmed">
          No check-ins are scheduled yet. Schedule weekly check-ins for the client and the family members who take part.
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={760} type="native">
          <Table verticalSpacing="sm" aria-label="Check-in schedules">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Respondent</Table.Th>
                <Table.Th scope="col">Cadence</Table.Th>
                <Table.Th scope="col">Next due</Table.Th>
                <Table.Th scope="col">State</Table.Th>
                <Table.Th scope="col">Received / expected</Table.Th>
                <Table.Th scope="col">
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {schedules.data.map((s) => {
                const overdue = s.active && Date.parse(s.next_due_at) < Date.now();
                const a = adherenceOf(s);
                const percent = a ? adherencePercent(a) : null;
                return (
                  <Table.Tr key={s.id}>
                    <Table.Th scope="row" fw={600}>
                      {s.respondent_name}
                    </Table.Th>
                    <Table.Td>
                      {cadenceText(s.cadence_days)}
                      <Text size="xs" c="dimmed">
                        {s.grace_hours} h grace
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <time dateTime={s.next_due_at} title={formatDateTime(s.next_due_at)}>
                        {formatRelative(s.next_due_at)}
                      </time>
                      {overdue && (
                        <Badge color="red" variant="light" size="sm" ml={6} tt="none">
                          Overdue
                        </Badge>
                      )}
                      <Text size="xs" c="dimmed">
                        {formatDateTime(s.next_due_at)}
                        {s.time_zone !== practiceTimeZone()
                          ? ` · ${formatInZone(s.next_due_at, s.time_zone, { weekday: "short", hour: "numeric", minute: "2-digit" })} on the client's clock (${s.time_zone.replace(/_/g, " ")})`
                          : ""}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge color={s.active ? "blue" : "gray"} variant="light" tt="none">
                        {s.active ? "Active" : "Paused"}
                      </Badge>
                    </Table.Td>
                    <Table.Td miw={170}>
                      {a ? (
                        <Stack gap={4}>
                          <Text size="sm">{adherenceText(a.received, a.expected, percent)}</Text>
                          {percent !== null && (
                            <Progress.Root>
                              <Progress.Section
                                value={percent}
                                color={percent >= 80 ? "teal" : percent >= 50 ? "yellow" : "red"}
                                aria-label={`Adherence of ${s.respondent_name}: ${percent}%`}
                              />
                            </Progress.Root>
                          )}
                        </Stack>
                      ) : (
                        "—"
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap" justify="flex-end">
                        <Button size="xs" variant="default" onClick={() => setEditing(s)} aria-label={`Edit schedule of ${s.respondent_name}`}>
                          Edit
                        </Button>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => void togglePause(s)}
                          aria-label={`${s.active ? "Pause" : "Resume"} check-ins of ${s.respondent_name}`}
                        >
                          {s.active ? "Pause" : "Resume"}
                        </Button>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <ScheduleFormModal
          caseId={caseId}
          respondents={unscheduled}
          schedule={editing === "new" ? undefined : editing}
          zone={caseZone}
          onClose={() => setEditing(null)}
        />
      )}
    </Card>
  );
}

