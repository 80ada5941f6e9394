import { Badge, Button, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconFileCertificate, IconPlus, IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import type { CaseRead, ConsentRead } from "../../api/types";
import { EmptyState } from "../../lib/EmptyState";
import { formatDateTime } from "../../lib/format";
import { ButtonLink } from "../../lib/links";
import { LoadError } from "../../lib/LoadError";
import { useAllCenters } from "../centers/api";
import { useConsents } from "./api";
import { ConsentStatusBadge } from "./ConsentBadge";
import { ConsentForm } from "./ConsentForm";
import { expiryWarning, sortConsents } from "./form";
import { SIGNATURE_METHOD_LABEL, SIGNER_RELATIONSHIP_LABEL, eventText, expiryCause, recipientText } from "./labels";
import { RevokeConsentModal } from "./RevokeConsentModal";

export function ConsentsTab({ caseData }: { caseData: CaseRead }) {
  const consents = useConsents(caseData.id);
  const centers = useAllCenters();
  const [recording, setRecording] = useState(false);
  const [revoking, setRevoking] = useState<ConsentRead | null>(null);

  const header = (
    <Group justify="space-between" wrap="wrap" gap="sm">
      <Stack gap={2}>
        <Title order={2} size="h3">
          Consents to disclose
        </Title>
        <Text size="sm" c="dimmed" maw={620}>
          Nothing about the client leaves your organization without a signed, unexpired, unrevoked consent that names the
          recipient (42 CFR Part 2).
        </Text>
      </Stack>
      {!recording && (
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setRecording(true)}>
          Record consent
        </Button>
      )}
    </Group>
  );

  let body;
  if (consents.isPending) {
    body = (
      <Center py="xl">
        <Loader aria-label="Loading consents" />
      </Center>
    );
  } else if (consents.isError) {
    body = <LoadError title="Could not load the consents" error={consents.error} onRetry={consents.refetch} />;
  } else if (consents.data.length === 0) {
    body = recording ? null : (
      <Card withBorder padding="xl">
        <EmptyState
          icon={IconFileCertificate}
          title="No consents yet"
          headingOrder={3}
          action={<Button onClick={() => setRecording(true)}>Record the first consent</Button>}
        >
          A referral to a treatment center needs a Part 2 consent first: signed by the client (or their legal
          representative), naming that center, saying what may be shared and why, and when it ends.
        </EmptyState>
      </Card>
    );
  } else {
    body = (
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Consents">
        {sortConsents(consents.data).map((consent) => (
          <ConsentCard
            key={consent.id}
            consent={consent}
            recipient={recipientText(consent, centers.data)}
            centerName={centers.data?.find((c) => c.id === consent.recipient_treatment_center_id)?.name ?? null}
            onRevoke={() => setRevoking(consent)}
          />
        ))}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      {header}
      {recording && <ConsentForm caseData={caseData} onDone={() => setRecording(false)} onCancel={() => setRecording(false)} />}
      {body}
      {revoking && (
        <RevokeConsentModal consent={revoking} recipient={recipientText(revoking, centers.data)} onClose={() => setRevoking(null)} />
      )}
    </Stack>
  );
}

function ConsentCard({
  consent,
  recipient,
  centerName,
  onRevoke,
}: {
  consent: ConsentRead;
  recipient: string;
  centerName: string | null;
  onRevoke: () => void;
}) {
  const warning = expiryWarning(consent);
  const cause = expiryCause(consent);
  return (
    <Card withBorder padding="md" component="li" aria-label={`Consent for ${recipient}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Text fw={600} style={{ overflowWrap: "anywhere" }}>
              {recipient}
            </Text>
            <Text size="sm" style={{ overflowWrap: "anywhere" }}>
              {consent.purpose}
            </Text>
          </Stack>
          <Group gap={6}>
            {warning && (
              <Badge color="orange" variant="light" size="sm" tt="none">
                {warning}
              </Badge>
            )}
            <ConsentStatusBadge status={consent.status} />
          </Group>
        </Group>
        {consent.expires_at && <Text size="sm" c="dimmed">Expires {formatDateTime(consent.expires_at)}</Text>}
        {consent.expiration_event && (
          <Text size="sm" c="dimmed">
            {consent.expires_at ? "Or ends earlier on: " : "Ends on: "}
            {eventText(consent.expiration_event, centerName)}
            {consent.expiration_event_evaluated ? "" : " (Cairn cannot see this event: staff confirm it)"}
          </Text>
        )}
        {consent.status === "expired" && consent.expired_at && (
          <Text size="sm" c="red.9">
            Expired {formatDateTime(consent.expired_at)}
            {cause ? `: ${cause}` : ""}
          </Text>
        )}
        <Text size="sm" c="dimmed">
          Signed by {consent.signed_by} ({SIGNER_RELATIONSHIP_LABEL[consent.signer_relationship].toLowerCase()}) on{" "}
          {formatDateTime(consent.signed_at)} · {SIGNATURE_METHOD_LABEL[consent.signature_method].toLowerCase()}
        </Text>
        {consent.revoked_at && (
          <Text size="sm" c="red.9">
            Revoked {formatDateTime(consent.revoked_at)}
            {consent.revocation_note ? `: ${consent.revocation_note}` : ""}
          </Text>
        )}
        <Group gap="xs" justify="flex-end">
          <ButtonLink
            to="/consents/$consentId/print"
            params={{ consentId: consent.id }}
            variant="default"
            size="xs"
            leftSection={<IconPrinter size={14} aria-hidden />}
            aria-label={`View and print the consent for ${recipient}`}
          >
            View and print
          </ButtonLink>
          {consent.status === "active" && (
            <Button variant="light" color="red" size="xs" onClick={onRevoke} aria-label={`Revoke consent for ${recipient}`}>
              Revoke
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
