import { Alert, Button, Center, Stack, Text, Timeline } from "@mantine/core";
import {
  IconArrowsExchange,
  IconBell,
  IconClipboardText,
  IconHeartbeat,
  IconNote,
  IconPencil,
  IconPlus,
  IconSend,
  IconShieldCheck,
  IconUserPlus,
  IconUsers,
} from "@tabler/icons-react";
import { describeError } from "../../api/problem";
import type { TimelineEntry } from "../../api/types";
import { formatDateTime, formatRelative, humanize } from "../../lib/format";
import { ListSkeleton } from "../../lib/PagedList";
import { useCaseTimeline } from "./api";
import { OUTCOME_LABEL, STATUS_LABEL } from "./labels";

function entryTitle(entry: TimelineEntry): string {
  if (entry.to_status) {
    return entry.from_status
      ? `${STATUS_LABEL[entry.from_status]} → ${STATUS_LABEL[entry.to_status]}`
      : `Status: ${STATUS_LABEL[entry.to_status]}`;
  }
  return entry.summary ?? humanize(entry.kind);
}

/** Who did it: a colleague, the person who checked in on the portal, or the partner center. */
export function actorText(entry: TimelineEntry): string | null {
  if (!entry.actor) return reporter(entry.details);
  if (entry.actor_type === "partner") return `${entry.actor.full_name} (treatment center)`;
  if (entry.actor_type === "portal") return `${entry.actor.full_name}, on the portal`;
  return entry.actor.full_name;
}

function entryIcon(entry: TimelineEntry) {
  if (entry.to_status) return <IconArrowsExchange size={14} aria-hidden />;
  if (entry.kind.startsWith("plan_")) return <IconClipboardText size={14} aria-hidden />;
  if (entry.kind.startsWith("consent_")) return <IconShieldCheck size={14} aria-hidden />;
  if (entry.kind.startsWith("referral_")) return <IconSend size={14} aria-hidden />;
  if (entry.kind === "check_in") return <IconHeartbeat size={14} aria-hidden />;
  if (entry.kind.startsWith("alert_")) return <IconBell size={14} aria-hidden />;
  if (entry.kind === "participant_added") return <IconUserPlus size={14} aria-hidden />;
  if (entry.kind.includes("creat")) return <IconPlus size={14} aria-hidden />;
  if (entry.kind.includes("team")) return <IconUsers size={14} aria-hidden />;
  if (entry.kind.includes("updat") || entry.kind.includes("edit")) return <IconPencil size={14} aria-hidden />;
  return <IconNote size={14} aria-hidden />;
}

/** Who moved it when no staff member did: a partner center reporting a referral's news. */
function reporter(details: TimelineEntry["details"]): string | null {
  if (!details || typeof details !== "object") return null;
  return (details as Record<string, unknown>).reported_by === "partner" ? "Reported by the treatment center" : null;
}

function changedFields(details: TimelineEntry["details"]): string | null {
  if (!details || typeof details !== "object") return null;
  const fields = (details as Record<string, unknown>).changed ?? (details as Record<string, unknown>).fields;
  if (Array.isArray(fields) && fields.every((f) => typeof f === "string")) {
    return `Changed ${fields.map((f) => humanize(String(f)).toLowerCase()).join(", ")}`;
  }
  return null;
}

export function CaseTimeline({ caseId }: { caseId: string }) {
  const timeline = useCaseTimeline(caseId);
  if (timeline.isPending) {
    return <ListSkeleton label="Loading timeline" rows={3} height={48} />;
  }
  if (timeline.isError) {
    return (
      <Alert color="red" title="Could not load the timeline" role="alert">
        {describeError(timeline.error)}
      </Alert>
    );
  }
  const entries = timeline.data.pages.flatMap((page) => page.items);
  if (!entries.length) return <Text c="dimmed">Nothing has happened on this case yet.</Text>;
  return (
    <Stack>
      <Timeline bulletSize={24} lineWidth={2} aria-label="Case timeline">
        {entries.map((entry) => {
          const fields = changedFields(entry.details);
          return (
            <Timeline.Item key={entry.id} bullet={entryIcon(entry)} title={entryTitle(entry)}>
              {entry.outcome && <Text size="sm">Outcome: {OUTCOME_LABEL[entry.outcome]}</Text>}
              {entry.reason && (
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  Reason: {entry.reason}
                </Text>
              )}
              {fields && <Text size="sm">{fields}</Text>}
              <Text size="xs" c="dimmed" mt={4}>
                {actorText(entry) ? `${actorText(entry)} · ` : ""}
                <time dateTime={entry.at} title={formatDateTime(entry.at)}>
                  {formatRelative(entry.at)}
                </time>
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {timeline.hasNextPage && (
        <Center>
          <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
            Show older entries
          </Button>
        </Center>
      )}
    </Stack>
  );
}
