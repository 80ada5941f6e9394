import { Alert, Button, Card, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { IconPlus, IconSend, IconTransfer } from "@tabler/icons-react";
import { useState } from "react";
import type { CaseRead, ReferralRead } from "../../api/types";
import { EmptyState } from "../../lib/EmptyState";
import { formatDate, formatDateTime, formatRelative } from "../../lib/format";
import { AnchorLink, ButtonLink } from "../../lib/links";
import { LoadError } from "../../lib/LoadError";
import { useConsents } from "../consents/api";
import { levelOfCareLabel } from "../plans/labels";
import { CancelReferralModal, SendReferralModal } from "./ActionModals";
import { useCaseReferrals } from "./api";
import { PartnerBadge } from "./CenterSelect";
import { NewReferralModal } from "./NewReferralModal";
import { ReferralStatusBadge } from "./ReferralStatusBadge";
import { staffMoves } from "./moves";

type Dialog = { kind: "new" } | { kind: "send"; referral: ReferralRead } | { kind: "cancel"; referral: ReferralRead } | null;

export function ReferralsTab({ caseData }: { caseData: CaseRead }) {
  const referrals = useCaseReferrals(caseData.id);
  const consents = useConsents(caseData.id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const hasActiveConsent = consents.data?.some((c) => c.status === "active" && c.recipient_treatment_center_id);

  let body;
  if (referrals.isPending) {
    body = (
      <Center py="xl">
        <Loader aria-label="Loading referrals" />
      </Center>
    );
  } else if (referrals.isError) {
    body = <LoadError title="Could not load the referrals" error={referrals.error} onRetry={referrals.refetch} />;
  } else if (referrals.data.length === 0) {
    body = (
      <Card withBorder padding="xl">
        <EmptyState
          icon={IconTransfer}
          title="No referrals yet"
          headingOrder={3}
          action={<Button onClick={() => setDialog({ kind: "new" })}>Start a referral</Button>}
        >
          Refer the client to a treatment center from your directory. A partner center receives it in its own system and reports
          back — received, accepted, admitted — on its own.
        </EmptyState>
      </Card>
    );
  } else {
    body = (
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: "none" }} aria-label="Referrals">
        {referrals.data.map((referral) => (
          <ReferralItem
            key={referral.id}
            referral={referral}
            onSend={() => setDialog({ kind: "send", referral })}
            onCancel={() => setDialog({ kind: "cancel", referral })}
          />
        ))}
      </Stack>
    );
  }

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h3">
            Referrals
          </Title>
          <Text size="sm" c="dimmed">
            Each referral is sent under a consent that names its center.
          </Text>
        </Stack>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setDialog({ kind: "new" })}>
          New referral
        </Button>
      </Group>
      {consents.isSuccess && !hasActiveConsent && (
        <Alert color="yellow" title="No active consent names a treatment center" role="status">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">Before any referral, record the client's Part 2 consent naming the center.</Text>
            <ButtonLink to="/cases/$caseId" params={{ caseId: caseData.id }} search={{ tab: "consents" }} size="xs" variant="default">
              Go to the Consents tab
            </ButtonLink>
          </Stack>
        </Alert>
      )}
      {body}
      {dialog?.kind === "new" && <NewReferralModal caseData={caseData} onClose={close} onCreated={close} />}
      {dialog?.kind === "send" && <SendReferralModal referral={dialog.referral} onClose={close} />}
      {dialog?.kind === "cancel" && <CancelReferralModal referral={dialog.referral} onClose={close} />}
    </Stack>
  );
}

interface ItemProps {
  referral: ReferralRead;
  onSend: () => void;
  onCancel: () => void;
}

function ReferralItem({ referral, onSend, onCancel }: ItemProps) {
  const moves = staffMoves(referral);
  return (
    <Card withBorder padding="md" component="li" aria-label={`Referral to ${referral.treatment_center_name}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
            <Group gap={6} wrap="wrap">
              <AnchorLink to="/referrals/$referralId" params={{ referralId: referral.id }} fw={600} style={{ overflowWrap: "anywhere" }}>
                {referral.treatment_center_name}
              </AnchorLink>
              {referral.treatment_center_is_partner && <PartnerBadge size="xs" />}
            </Group>
            <Text size="sm" c="dimmed">
              {levelOfCareLabel(referral.level_of_care)}
            </Text>
          </Stack>
          <ReferralStatusBadge status={referral.status} />
        </Group>
        <Text size="sm" c="dimmed">
          {referral.requested_admission_date ? `Admission requested for ${formatDate(referral.requested_admission_date)} · ` : ""}
          updated{" "}
          <time dateTime={referral.updated_at} title={formatDateTime(referral.updated_at)}>
            {formatRelative(referral.updated_at)}
          </time>
        </Text>
        {referral.status === "declined" && referral.decline_reason && (
          <Text size="sm" c="red.9">
            Declined: {referral.decline_reason}
          </Text>
        )}
        {(moves.send || moves.cancel) && (
          <Group gap="xs" justify="flex-end">
            {moves.cancel && (
              <Button variant="subtle" color="red" size="xs" onClick={onCancel} aria-label={`Cancel the referral to ${referral.treatment_center_name}`}>
                Cancel
              </Button>
            )}
            {moves.send && (
              <Button size="xs" leftSection={<IconSend size={14} aria-hidden />} onClick={onSend} aria-label={`Send the referral to ${referral.treatment_center_name}`}>
                Send
              </Button>
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
