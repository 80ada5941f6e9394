import { Anchor, Badge, Group, Stack, Text } from "@mantine/core";
import { IconBuilding, IconDeviceLaptop, IconExternalLink, IconMail } from "@tabler/icons-react";
import type { MeetingRead, ResourceFormat } from "../../api/types";
import { PhoneLink } from "../../lib/phone";
import { FORMAT_LABEL, meetingLine, zoneAbbreviation } from "./labels";

/** Anything with the contact fields of a directory resource (staff or portal shape). */
export interface Reachable {
  name: string;
  format?: ResourceFormat | null;
  address_line?: string | null;
  city?: string | null;
  region?: string | null;
  postal_code?: string | null;
  address?: string | null;
  online_url?: string | null;
  phone?: string | null;
  phone_extension?: string | null;
  email?: string | null;
  website?: string | null;
  time_zone?: string | null;
  meetings?: MeetingRead[];
  schedule_note?: string | null;
}

export function addressOf(resource: Reachable): string | null {
  if (resource.address) return resource.address;
  const parts = [resource.address_line, resource.city, resource.region, resource.postal_code].filter(Boolean);
  return parts.length ? parts.join(", ") : null;
}

/** Web addresses shown short, linked with https. */
function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, "").replace(/\/$/, "");
}

export function FormatBadge({ format }: { format: ResourceFormat }) {
  const Icon = format === "in_person" ? IconBuilding : IconDeviceLaptop;
  return (
    <Badge
      variant="light"
      color={format === "in_person" ? "teal" : format === "online" ? "indigo" : "grape"}
      tt="none"
      leftSection={<Icon size={12} aria-hidden />}
      // Never cut to "In pe…": the column grows to fit the words instead.
      style={{ minWidth: "max-content" }}
    >
      {FORMAT_LABEL[format]}
    </Badge>
  );
}

/** The weekly meetings, one per line: which day, which time, and in which zone. */
export function MeetingList({ resource, size = "sm" }: { resource: Reachable; size?: "sm" | "md" }) {
  const meetings = resource.meetings ?? [];
  if (!meetings.length) {
    return resource.schedule_note ? (
      <Text size={size}>{resource.schedule_note}</Text>
    ) : (
      <Text size={size} c="dimmed">
        No fixed meetings
      </Text>
    );
  }
  const zone = resource.time_zone ? zoneAbbreviation(resource.time_zone) : null;
  return (
    <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: "none" }} aria-label={`Meetings of ${resource.name}`}>
      {meetings.map((meeting, index) => (
        <Text key={index} component="li" size={size} style={{ whiteSpace: "nowrap" }}>
          {meetingLine(meeting)}
          {zone && (
            <Text span size="xs" c="dimmed">
              {" "}
              {zone}
            </Text>
          )}
        </Text>
      ))}
      {resource.schedule_note && (
        <Text component="li" size="xs" c="dimmed">
          {resource.schedule_note}
        </Text>
      )}
    </Stack>
  );
}

/** Address, meeting link, phone (tel:), e-mail (mailto:) and website (https), as links. */
export function ContactLinks({ resource, size = "sm" }: { resource: Reachable; size?: "sm" | "md" }) {
  const address = addressOf(resource);
  return (
    <Stack gap={4}>
      {address && <Text size={size}>{address}</Text>}
      <Group gap="md" wrap="wrap">
        {resource.phone && <PhoneLink phone={resource.phone} extension={resource.phone_extension} size={size} icon />}
        {resource.online_url && <ExternalLink href={resource.online_url} label="Join online" size={size} />}
        {resource.email && (
          <Anchor href={`mailto:${resource.email}`} size={size} style={{ overflowWrap: "anywhere" }}>
            <IconMail size={14} aria-hidden style={{ verticalAlign: "-2px", marginRight: 4 }} />
            {resource.email}
          </Anchor>
        )}
        {resource.website && <ExternalLink href={resource.website} label={shortUrl(resource.website)} size={size} />}
      </Group>
    </Stack>
  );
}

function ExternalLink({ href, label, size }: { href: string; label: string; size: "sm" | "md" }) {
  return (
    <Anchor href={href} target="_blank" rel="noopener noreferrer" size={size} style={{ overflowWrap: "anywhere" }}>
      {label}
      <IconExternalLink size={12} aria-hidden style={{ verticalAlign: "-1px", marginLeft: 4 }} />
      <span className="visually-hidden"> (opens in a new tab)</span>
    </Anchor>
  );
}
