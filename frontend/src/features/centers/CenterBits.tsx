import { Anchor, Badge, Group, Stack, Text, Tooltip } from "@mantine/core";
import { IconBed, IconExternalLink, IconPlugConnected } from "@tabler/icons-react";
import type { LevelOfCare, TreatmentCenterRead } from "../../api/types";
import { formatDateTime } from "../../lib/format";
import { PhoneLink } from "../../lib/phone";
import { LEVEL_OF_CARE_LABEL, LEVELS_OF_CARE } from "../plans/labels";
import { ListingDetails } from "../directory/ListingDetails";
import { bedAvailability, displayWebsite, SERVICE_LABEL, SERVICES } from "./labels";

/** Beds first: the question at 11 pm is whether the client can go there tonight. */
export function BedStatus({ center, size = "lg" }: { center: TreatmentCenterRead; size?: "md" | "lg" }) {
  const beds = bedAvailability(center);
  return (
    <Stack gap={2} align="flex-start" data-testid="beds">
      <Badge
        color={beds.color}
        // Filled (white on the darkest shade) keeps its contrast on striped rows too.
        variant={beds.kind === "unknown" ? "light" : "filled"}
        size={size}
        tt="none"
        leftSection={<IconBed size={16} aria-hidden />}
        // Never cut to "No be…": the column grows to fit the count instead.
        style={{ minWidth: "max-content" }}
      >
        {beds.label}
      </Badge>
      {beds.updated && center.beds_updated_at && (
        <Text size="xs" c={beds.stale ? "red.9" : "dimmed"}>
          <time dateTime={center.beds_updated_at} title={formatDateTime(center.beds_updated_at)}>
            {beds.updated}
          </time>
          {beds.stale ? " — may be out of date" : ""}
        </Text>
      )}
    </Stack>
  );
}

export function PartnerBadge() {
  return (
    <Tooltip label="Connected through the partner API: receives referrals and reports beds itself" multiline w={260}>
      <Badge
        color="cyan"
        variant="light"
        size="sm"
        tt="none"
        tabIndex={0}
        leftSection={<IconPlugConnected size={12} aria-hidden />}
      >
        Partner
      </Badge>
    </Tooltip>
  );
}

function sortedLevels(levels: readonly LevelOfCare[]) {
  return LEVELS_OF_CARE.filter((level) => levels.includes(level));
}

export function LevelsOfCare({ levels }: { levels: readonly LevelOfCare[] }) {
  if (!levels.length) return <Empty />;
  return (
    <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: "none" }}>
      {sortedLevels(levels).map((level) => (
        <Text key={level} component="li" size="sm">
          <Text span fw={700} ff="monospace">
            {level}
          </Text>{" "}
          {LEVEL_OF_CARE_LABEL[level]}
        </Text>
      ))}
    </Stack>
  );
}

export function Services({ services }: { services: TreatmentCenterRead["services"] }) {
  if (!services.length) return <Empty />;
  return (
    <Group gap={4}>
      {SERVICES.filter((s) => services.includes(s)).map((service) => (
        <Badge key={service} variant="light" color="indigo" size="sm" tt="none">
          {SERVICE_LABEL[service]}
        </Badge>
      ))}
    </Group>
  );
}

/** Populations served and insurance taken, as short labelled lines, then the listing's details. */
export function WhoTheyServe({ center }: { center: TreatmentCenterRead }) {
  return (
    <Stack gap={2}>
      {center.populations.length > 0 && (
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Serves:
          </Text>{" "}
          {center.populations.join(", ")}
        </Text>
      )}
      {center.insurance_accepted.length > 0 && (
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            Insurance:
          </Text>{" "}
          {center.insurance_accepted.join(", ")}
        </Text>
      )}
      <ListingDetails listing={center} />
    </Stack>
  );
}

export function Contact({ center }: { center: TreatmentCenterRead }) {
  if (!center.phone && !center.website) return null;
  return (
    <Group gap="md" wrap="wrap">
      {center.phone && <PhoneLink phone={center.phone} extension={center.phone_extension} size="sm" icon />}
      {center.website && (
        <Anchor href={center.website} target="_blank" rel="noopener noreferrer" size="sm" style={{ overflowWrap: "anywhere" }}>
          {displayWebsite(center.website)}
          <IconExternalLink size={12} aria-hidden style={{ verticalAlign: "-1px", marginLeft: 4 }} />
          <span className="visually-hidden"> (opens in a new tab)</span>
        </Anchor>
      )}
    </Group>
  );
}

function Empty() {
  return (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
}
