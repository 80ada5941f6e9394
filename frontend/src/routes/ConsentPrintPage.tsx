import { Alert, Center, Loader, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { ApiError, describeError } from "../api/problem";
import type { ConsentRead, TreatmentCenterRead } from "../api/types";
import { caseQueryOptions } from "../features/cases/api";
import { useCenter } from "../features/centers/api";
import { consentQueryOptions } from "../features/consents/api";
import { ConsentStatusBadge } from "../features/consents/ConsentBadge";
import "../features/consents/consentPrint.css";
import { SIGNATURE_METHOD_LABEL, SIGNER_RELATIONSHIP_LABEL, eventText } from "../features/consents/labels";
import { formatDateTime, formatDateTimeWithZone } from "../lib/format";
import { AnchorLink } from "../lib/links";
import { PrintPage } from "../lib/PrintPage";

const route = getRouteApi("/app/consents/$consentId/print");

const long = formatDateTimeWithZone;

export function ConsentPrintPage() {
  const { consentId } = route.useParams();
  const consent = useQuery(consentQueryOptions(consentId));
  const caseQuery = useQuery({ ...caseQueryOptions(consent.data?.case_id ?? ""), enabled: Boolean(consent.data) });
  const center = useCenter(consent.data?.recipient_treatment_center_id ?? null);
  useDocumentTitle(consent.data ? `Consent — ${consent.data.patient_name} · Cairn` : "Consent · Cairn");

  if (consent.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the consent" />
      </Center>
    );
  }
  if (consent.isError) {
    const missing = consent.error instanceof ApiError && (consent.error.status === 404 || consent.error.status === 422);
    return (
      <Stack gap="sm" align="flex-start">
        <Title order={1} size="h2">
          {missing ? "Consent not found" : "Could not load the consent"}
        </Title>
        <Text>{missing ? "It does not exist, or you are not on the team of its case." : describeError(consent.error)}</Text>
        <AnchorLink to="/cases">Back to the caseload</AnchorLink>
      </Stack>
    );
  }
  return <ConsentDocument consent={consent.data} reference={caseQuery.data?.data.reference ?? null} center={center.data ?? null} />;
}

function addressOf(center: TreatmentCenterRead): string {
  const cityLine = [center.city, center.region, center.postal_code].filter(Boolean).join(", ");
  return [center.address_line, cityLine, center.country].filter(Boolean).join(" · ");
}

function ConsentDocument({ consent, reference, center }: { consent: ConsentRead; reference: string | null; center: TreatmentCenterRead | null }) {
  const typed = consent.signature_method === "typed_name";
  return (
    <PrintPage
      back={
        <AnchorLink to="/cases/$caseId" params={{ caseId: consent.case_id }} search={{ tab: "consents" }} size="sm">
          ← Back to the consents
        </AnchorLink>
      }
      confidential="Confidential — protected by 42 CFR Part 2"
      title="Consent to disclose substance use disorder records"
      meta={
        <>
          {reference && (
            <Text size="sm" ff="monospace">
              {reference}
            </Text>
          )}
          <ConsentStatusBadge status={consent.status} />
        </>
      }
    >
      {consent.status !== "active" && (
        <Alert color={consent.status === "revoked" ? "red" : "gray"} variant="outline" title={consent.status === "revoked" ? "Revoked — no longer valid" : "Expired — no longer valid"}>
          {consent.status === "revoked" && consent.revoked_at
            ? `Revoked on ${long(consent.revoked_at)}${consent.revocation_note ? `: ${consent.revocation_note}` : "."}`
            : "Nothing may be disclosed under this consent any more."}
        </Alert>
      )}

      <ol className="consent-print-elements" aria-label="Elements of the consent">
        <Element label="Patient">{consent.patient_name}</Element>
        <Element label="Who may disclose (disclosing party)">{consent.disclosing_party}</Element>
        <Element label="To whom (recipient)">
          {center ? (
            <>
              <Text fw={600} component="span" display="block">
                {center.name}
              </Text>
              {addressOf(center) && (
                <Text size="sm" component="span" display="block">
                  {addressOf(center)}
                </Text>
              )}
            </>
          ) : consent.recipient_treatment_center_id ? (
            <Text component="span" display="block">
              A treatment center of the directory
            </Text>
          ) : null}
          {consent.recipient_description && (
            <Text component="span" display="block" className="print-text">
              {consent.recipient_description}
            </Text>
          )}
        </Element>
        <Element label="Purpose of the disclosure">
          <span className="print-text">{consent.purpose}</span>
        </Element>
        <Element label="How much and what kind of information may be disclosed">
          <span className="print-text">{consent.information_description}</span>
        </Element>
        <Element label="This consent expires">
          {consent.expires_at ? `On ${long(consent.expires_at)}` : `On this event: ${eventText(consent.expiration_event)}`}
        </Element>
        <Element label="Right to revoke">
          The patient may revoke this consent at any time, in writing or orally, except to the extent that action has
          already been taken in reliance on it.
        </Element>
      </ol>

      <Stack gap="xs" component="section" aria-labelledby="consent-signature" className="print-keep">
        <Title order={2} size="h4" id="consent-signature">
          Signature
        </Title>
        <div className="consent-print-signature" aria-label={typed ? `Typed signature: ${consent.signed_by}` : "Signature line"}>
          {typed ? consent.signed_by : ""}
        </div>
        <Stack gap={2}>
          <Text size="sm">
            <strong>{consent.signed_by}</strong> — {SIGNER_RELATIONSHIP_LABEL[consent.signer_relationship]}
          </Text>
          <Text size="sm">Signed on {long(consent.signed_at)}</Text>
          <Text size="sm">
            Method: {SIGNATURE_METHOD_LABEL[consent.signature_method]}
            {typed ? " — the signer typed their full name, and staff confirmed the signature" : ""}
          </Text>
        </Stack>
      </Stack>

      <Stack gap="xs" component="section" aria-labelledby="consent-notice" className="print-keep consent-print-notice">
        <Title order={2} size="h5" id="consent-notice">
          Notice to the recipient (42 CFR § 2.32)
        </Title>
        <Text size="sm" className="print-text">
          {consent.redisclosure_notice}
        </Text>
      </Stack>

      <Text size="xs" c="dimmed">
        Recorded {formatDateTime(consent.created_at)} · Consent {consent.id}
      </Text>
    </PrintPage>
  );
}

function Element({ label, children }: { label: string; children: ReactNode }) {
  return (
    <li className="print-keep">
      <div>
        <Text size="xs" tt="uppercase" fw={700} c="dimmed" component="span" display="block">
          {label}
        </Text>
        <Text component="div">{children}</Text>
      </div>
    </li>
  );
}
