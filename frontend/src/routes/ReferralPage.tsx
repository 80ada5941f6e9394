import { Alert, Button, Card, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconBuildingHospital, IconPrinter, IconSend } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState } from "react";
import { ApiError, describeError } from "../api/problem";
import type { ReferralRead, ReferralStatus } from "../api/types";
import { StatusBadge } from "../features/cases/CaseBadges";
import { caseQueryOptions } from "../features/cases/api";
import { useCenter } from "../features/centers/api";
import { consentQueryOptions } from "../features/consents/api";
import { ConsentStatusBadge } from "../features/consents/ConsentBadge";
import { eventText } from "../features/consents/labels";
import { levelOfCareLabel } from "../features/plans/labels";
import { CancelReferralModal, RecordUpdateModal, SendReferralModal } from "../features/referrals/ActionModals";
import { referralQueryOptions } from "../features/referrals/api";
import { EditDraftModal } from "../features/referrals/EditDraftModal";
import { PartnerBadge, bedsText } from "../features/referrals/CenterSelect";
import { DISCHARGE_REASON_LABEL, REFERRAL_STATUS_LABEL } from "../features/referrals/labels";
import { ReferralHistory } from "../features/referrals/ReferralHistory";
import { ReferralStatusBadge } from "../features/referrals/ReferralStatusBadge";
import { staffMoves, type StaffMoves } from "../features/referrals/moves";
import { Field } from "../lib/Field";
import { formatDate, formatDateTime, formatRelative } from "../lib/format";
import { AnchorLink, ButtonLink } from "../lib/links";

const route = getRouteApi("/app/referrals/$referralId");

type Dialog = { kind: "send" } | { kind: "edit" } | { kind: "cancel" } | { kind: "update"; status: ReferralStatus } | null;

/** While a partner center may still report, look for its updates now and then. */
const PARTNER_POLL_MS = 30_000;

export function ReferralPage() {
  const { referralId } = route.useParams();
  const referral = useQuery({
    ...referralQueryOptions(referralId),
    refetchInterval: (query) => {
      const data = query.state.data?.data;
      return data && staffMoves(data).awaitingPartner ? PARTNER_POLL_MS : false;
    },
  });
  useDocumentTitle(referral.data ? `Referral to ${referral.data.data.treatment_center_name} · Cairn` : "Referral · Cairn");

  if (referral.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the referral" />
      </Center>
    );
  }
  if (referral.isError) {
    const missing = referral.error instanceof ApiError && (referral.error.status === 404 || referral.error.status === 422);
    return (
      <Stack gap="sm" align="flex-start">
        <Title order={1} size="h2">
          {missing ? "Referral not found" : "Could not load the referral"}
        </Title>
        <Text>{missing ? "It does not exist, or you are not on the team of its case." : describeError(referral.error)}</Text>
        <Group>
          <ButtonLink to="/referrals" variant="default">
            All referrals
          </ButtonLink>
          {!missing && <Button onClick={() => void referral.refetch()}>Try again</Button>}
        </Group>
      </Stack>
    );
  }
  return <ReferralView referral={referral.data.data} />;
}

function ReferralView({ referral }: { referral: ReferralRead }) {
  const caseQuery = useQuery(caseQueryOptions(referral.case_id));
  // A draft made by an aftercare escalation has no consent until one is attached.
  const consent = useQuery({ ...consentQueryOptions(referral.consent_id ?? ""), enabled: referral.consent_id !== null });
  const center = useCenter(referral.treatment_center_id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  const moves = staffMoves(referral);
  const isPartner = referral.treatment_center_is_partner;
  const caseData = caseQuery.data?.data;

  return (
    <Stack gap="lg">
      <Group gap="md" wrap="wrap">
        <AnchorLink to="/referrals" size="sm">
          ← All referrals
        </AnchorLink>
        <AnchorLink to="/cases/$caseId" params={{ caseId: referral.case_id }} search={{ tab: "referrals" }} size="sm">
          ← The case's referrals
        </AnchorLink>
      </Group>

      <Stack gap={4}>
        <Group gap="sm" wrap="wrap">
          <Title order={1} size="h2" style={{ overflowWrap: "anywhere" }}>
            Referral to {referral.treatment_center_name}
          </Title>
          <ReferralStatusBadge status={referral.status} size="lg" />
          {isPartner && <PartnerBadge size="md" />}
        </Group>
        <Text size="sm" c="dimmed">
          <Text span ff="monospace">
            {referral.case_reference}
          </Text>
          {" "}· {referral.client_name} · {levelOfCareLabel(referral.level_of_care)} · updated{" "}
          <time dateTime={referral.updated_at} title={formatDateTime(referral.updated_at)}>
            {formatRelative(referral.updated_at)}
          </time>
        </Text>
      </Stack>

      {isPartner && (
        <Alert color="violet" variant="light" icon={<IconBuildingHospital size={18} aria-hidden />} title="Partner center">
          {referral.treatment_center_name} reports received, accepted, declined, admitted and discharged from its own system, through
          the partner API. Its updates appear here by themselves.
        </Alert>
      )}

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="referral-next">
          <Title order={2} size="h4" mb="sm" id="referral-next">
            Next steps
          </Title>
          <NextSteps referral={referral} moves={moves} onDialog={setDialog} />
        </Card>

        <Card withBorder padding="lg" component="section" aria-labelledby="referral-case">
          <Title order={2} size="h4" mb="sm" id="referral-case">
            Case
          </Title>
          {caseQuery.isError ? (
            <Text size="sm" c="red.9">
              Could not load the case: {describeError(caseQuery.error)}
            </Text>
          ) : (
            <Stack gap="xs" align="flex-start">
              <AnchorLink to="/cases/$caseId" params={{ caseId: referral.case_id }} fw={600}>
                {referral.client_name}
              </AnchorLink>
              {caseData && (
                <Group gap="xs">
                  <Text size="sm">Case status:</Text>
                  <StatusBadge status={caseData.status} />
                </Group>
              )}
            </Stack>
          )}
        </Card>
      </SimpleGrid>

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Card withBorder padding="lg" component="section" aria-labelledby="referral-details">
          <Title order={2} size="h4" mb="sm" id="referral-details">
            Details
          </Title>
          <Stack gap="sm" component="dl" m={0}>
            <Field label="Treatment center">
              {referral.treatment_center_name}
              {center.data ? ` — ${bedsText(center.data)}` : ""}
            </Field>
            <Field label="Level of care">{levelOfCareLabel(referral.level_of_care)}</Field>
            <Field label="Requested admission">
              {referral.requested_admission_date ? formatDate(referral.requested_admission_date) : "No date requested"}
            </Field>
            <Field label="Summary for the center">
              <span style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{referral.summary}</span>
            </Field>
            {referral.sent_at && <Field label="Sent">{formatDateTime(referral.sent_at)}</Field>}
            {referral.decline_reason && <Field label="Declined because">{referral.decline_reason}</Field>}
            {referral.admitted_at && <Field label="Admitted">{formatDateTime(referral.admitted_at)}</Field>}
            {referral.discharged_at && (
              <Field label="Discharged">
                {formatDateTime(referral.discharged_at)}
                {referral.discharge_reason ? ` — ${DISCHARGE_REASON_LABEL[referral.discharge_reason]}` : ""}
              </Field>
            )}
          </Stack>
        </Card>

        <Card withBorder padding="lg" component="section" aria-labelledby="referral-consent">
          <Title order={2} size="h4" mb="sm" id="referral-consent">
            Consent used
          </Title>
          {referral.consent_id === null ? (
            <Text size="sm">
              No consent yet. Edit the draft to attach an active consent that names this center; it cannot be sent without one.
            </Text>
          ) : consent.isPending ? (
            <Loader size="sm" aria-label="Loading the consent" />
          ) : consent.isError ? (
            <Text size="sm" c="red.9">
              Could not load the consent: {describeError(consent.error)}
            </Text>
          ) : (
            <Stack gap="xs" align="flex-start">
              <ConsentStatusBadge status={consent.data.status} />
              <Text size="sm">
                Signed by {consent.data.signed_by} on {formatDateTime(consent.data.signed_at)}
              </Text>
              <Text size="sm">
                {consent.data.expires_at ? `Expires ${formatDateTime(consent.data.expires_at)}` : `Ends on: ${eventText(consent.data.expiration_event)}`}
              </Text>
              {consent.data.status !== "active" && (
                <Text size="sm" c="red.9">
                  The consent is no longer active: the center can no longer read the client's details, though it can still report
                  status.
                </Text>
              )}
              <ButtonLink
                to="/consents/$consentId/print"
                params={{ consentId: referral.consent_id ?? "" }}
                variant="default"
                size="xs"
                leftSection={<IconPrinter size={14} aria-hidden />}
              >
                View the consent form
              </ButtonLink>
            </Stack>
          )}
        </Card>
      </SimpleGrid>

      <Card withBorder padding="lg" component="section" aria-labelledby="referral-history">
        <Title order={2} size="h4" mb="sm" id="referral-history">
          History
        </Title>
        <ReferralHistory history={referral.history} />
      </Card>

      {dialog?.kind === "send" && <SendReferralModal referral={referral} onClose={close} />}
      {dialog?.kind === "edit" && <EditDraftModal referral={referral} onClose={close} />}
      {dialog?.kind === "cancel" && <CancelReferralModal referral={referral} onClose={close} />}
      {dialog?.kind === "update" && <RecordUpdateModal referral={referral} status={dialog.status} onClose={close} />}
    </Stack>
  );
}

function NextSteps({
  referral,
  moves,
  onDialog,
}: {
  referral: ReferralRead;
  moves: StaffMoves;
  onDialog: (dialog: Dialog) => void;
}) {
  if (moves.closed) {
    return (
      <Text size="sm">
        This referral is {REFERRAL_STATUS_LABEL[referral.status].toLowerCase()}: nothing more happens to it. Start a new referral from
        the case if the client needs another placement.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      {referral.status === "draft" && (
        <Text size="sm">This is a draft: {referral.treatment_center_name} sees nothing until you send it.</Text>
      )}
      {moves.awaitingPartner && (
        <Text size="sm">Waiting for {referral.treatment_center_name} to report the next step from its own system.</Text>
      )}
      {moves.centerUpdates.length > 0 && (
        <Stack gap={6}>
          <Text size="sm">
            {referral.treatment_center_name} is not a partner: when it tells you what happened, record it here.
          </Text>
          <Group gap="xs" wrap="wrap">
            {moves.centerUpdates.map((status) => (
              <Button
                key={status}
                size="xs"
                variant={status === "declined" ? "light" : "default"}
                color={status === "declined" ? "red" : undefined}
                onClick={() => onDialog({ kind: "update", status })}
              >
                Record {REFERRAL_STATUS_LABEL[status].toLowerCase()}
              </Button>
            ))}
          </Group>
        </Stack>
      )}
      <Group gap="xs" wrap="wrap">
        {moves.send && (
          <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => onDialog({ kind: "send" })}>
            Send referral
          </Button>
        )}
        {referral.status === "draft" && (
          <Button variant="default" onClick={() => onDialog({ kind: "edit" })}>
            Edit draft
          </Button>
        )}
        {moves.cancel && (
          <Button variant="light" color="red" onClick={() => onDialog({ kind: "cancel" })}>
            Cancel referral
          </Button>
        )}
      </Group>
    </Stack>
  );
}
