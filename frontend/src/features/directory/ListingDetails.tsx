import { Badge, Group, Stack, Text } from "@mantine/core";
import { PhoneLink } from "../../lib/phone";
import { distanceLabel, GENDER_LABEL, OPIOID_MEDICATION_LABEL, PAYMENT_LABEL } from "../centers/labels";
import type { ListingRead } from "./listing";

function Line({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:
      </Text>{" "}
      {children}
    </Text>
  );
}

/** What a referrer needs from a listing: medications, payment, intake and hotline, who is accepted. */
export function ListingDetails({ listing, showLanguages = true }: { listing: ListingRead; showLanguages?: boolean }) {
  const distance = distanceLabel(listing.distance_km);
  return (
    <Stack gap={2}>
      {distance && (
        <Badge variant="light" color="grape" size="sm" tt="none" w="fit-content" data-testid="distance">
          {distance}
        </Badge>
      )}
      {listing.opioid_medications.length > 0 && (
        <Line label="MOUD">{listing.opioid_medications.map((m) => OPIOID_MEDICATION_LABEL[m]).join(", ")}</Line>
      )}
      {listing.payment_accepted.length > 0 && (
        <Line label="Pays by">{listing.payment_accepted.map((p) => PAYMENT_LABEL[p]).join(", ")}</Line>
      )}
      {listing.accreditation.length > 0 && <Line label="Accredited">{listing.accreditation.join(", ")}</Line>}
      {listing.genders_accepted.length > 0 && (
        <Line label="Accepts">{listing.genders_accepted.map((g) => GENDER_LABEL[g]).join(", ")}</Line>
      )}
      {showLanguages && listing.languages.length > 0 && <Line label="Languages">{listing.languages.join(", ")}</Line>}
      {listing.telehealth !== null && <Line label="Telehealth">{listing.telehealth ? "offered" : "not offered"}</Line>}
      {(listing.intake_phone || listing.hotline_phone) && (
        <Group gap="md" wrap="wrap">
          {listing.intake_phone && (
            <Text size="sm" span>
              <Text span c="dimmed" size="sm">
                Intake:{" "}
              </Text>
              <PhoneLink phone={listing.intake_phone} extension={listing.intake_phone_extension} size="sm" />
            </Text>
          )}
          {listing.hotline_phone && (
            <Text size="sm" span>
              <Text span c="dimmed" size="sm">
                Hotline:{" "}
              </Text>
              <PhoneLink phone={listing.hotline_phone} extension={listing.hotline_phone_extension} size="sm" />
            </Text>
          )}
        </Group>
      )}
      {listing.external_source && (
        <Text size="xs" c="dimmed">
          From {listing.external_source === "samhsa_locator" ? "the SAMHSA treatment locator" : listing.external_source}
          {listing.external_id ? ` (${listing.external_id})` : ""}
        </Text>
      )}
    </Stack>
  );
}
