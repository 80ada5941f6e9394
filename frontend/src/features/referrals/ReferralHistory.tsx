import { Text, Timeline } from "@mantine/core";
import { IconBuildingHospital, IconSettingsAutomation, IconUser } from "@tabler/icons-react";
import type { ReferralHistoryEntry } from "../../api/types";
import { formatDateTime, formatRelative } from "../../lib/format";
import { REFERRAL_STATUS_COLOR, REFERRAL_STATUS_LABEL, actorLabel } from "./labels";

function entryTitle(entry: ReferralHistoryEntry): string {
  if (!entry.from_status) return entry.to_status === "draft" ? "Created as a draft" : REFERRAL_STATUS_LABEL[entry.to_status];
  return `${REFERRAL_STATUS_LABEL[entry.from_status]} → ${REFERRAL_STATUS_LABEL[entry.to_status]}`;
}

function ActorIcon({ type }: { type: string }) {
  if (type === "partner") return <IconBuildingHospital size={14} aria-hidden />;
  if (type === "staff") return <IconUser size={14} aria-hidden />;
  return <IconSettingsAutomation size={14} aria-hidden />;
}

interface Props {
  history: readonly ReferralHistoryEntry[];
}

/** Who moved the referral, when, from what to what, and why — newest first. */
export function ReferralHistory({ history }: Props) {
  if (!history.length) return <Text c="dimmed">No history yet.</Text>;
  const entries = [...history].reverse();
  return (
    <Timeline bulletSize={24} lineWidth={2} active={entries.length - 1} aria-label="Referral history">
      {entries.map((entry, index) => (
        <Timeline.Item
          key={`${entry.at}-${index}`}
          bullet={<ActorIcon type={entry.actor_type} />}
          color={REFERRAL_STATUS_COLOR[entry.to_status]}
          title={entryTitle(entry)}
        >
          <Text size="sm">{actorLabel(entry)}</Text>
          {entry.note && (
            <Text size="sm" style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
              “{entry.note}”
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={2}>
            <time dateTime={entry.at} title={formatDateTime(entry.at)}>
              {formatDateTime(entry.at)} · {formatRelative(entry.at)}
            </time>
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
