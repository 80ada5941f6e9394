import { Center, List, Loader, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useQueries, useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { api, unwrap } from "../api/client";
import { describeError } from "../api/problem";
import type { AftercareRead, ParticipantRead, ResourceRead } from "../api/types";
import { aftercareQueryOptions } from "../features/aftercare/api";
import { caseQueryOptions } from "../features/cases/api";
import { useCenter } from "../features/centers/api";
import { participantsQueryOptions } from "../features/participants/api";
import { levelOfCareLabel } from "../features/plans/labels";
import { addressOf } from "../features/resources/ResourceBits";
import { meetingLine, zoneAbbreviation } from "../features/resources/labels";
import { formatDate, formatDateTime, humanize } from "../lib/format";
import { AnchorLink } from "../lib/links";
import { PrintPage } from "../lib/PrintPage";

const route = getRouteApi("/app/cases/$caseId/aftercare/print");

/**
 * One page for the fridge. The client's copy has their relapse-prevention plan, contacts,
 * resources and care; a family member's copy has only their own commitment and resources.
 * Both carry the escalation agreement everyone signed up to; team notes are never printed.
 */
export function AftercarePrintPage() {
  const { caseId } = route.useParams();
  const { for: copyFor } = route.useSearch();
  const plan = useQuery(aftercareQueryOptions(caseId));
  const caseQuery = useQuery(caseQueryOptions(caseId));
  const participants = useQuery(participantsQueryOptions(caseId));
  useDocumentTitle("Aftercare plan · Cairn");
  if (plan.isPending || caseQuery.isPending || participants.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the aftercare plan" />
      </Center>
    );
  }
  if (plan.isError || caseQuery.isError || participants.isError || plan.data === null) {
    return (
      <Stack gap="sm" align="flex-start">
        <Title order={1} size="h2">
          No aftercare plan to print
        </Title>
        <Text>{plan.error ? describeError(plan.error) : "This case has no aftercare plan yet."}</Text>
        <AnchorLink to="/cases">Back to the caseload</AnchorLink>
      </Stack>
    );
  }
  const person = copyFor === "client" ? null : (participants.data ?? []).find((p) => p.id === copyFor) ?? null;
  return (
    <AftercareDocument
      caseId={caseId}
      plan={plan.data.data}
      clientCalled={caseQuery.data.data.client.preferred_name || caseQuery.data.data.client.first_name}
      reference={caseQuery.data.data.reference}
      person={person}
    />
  );
}

interface DocProps {
  caseId: string;
  plan: AftercareRead;
  clientCalled: string;
  reference: string;
  person: ParticipantRead | null;
}

function AftercareDocument({ caseId, plan, clientCalled, reference, person }: DocProps) {
  const me = person?.id ?? "client";
  const support = person ? plan.family_support.find((s) => s.participant_id === person.id) : undefined;
  const chosen = plan.resources.filter((r) => r.for === me);
  const resourceIds = [...new Set([...chosen.map((r) => r.resource_id), ...(support?.resource_id ? [support.resource_id] : [])])];
  const resources = useQueries({
    queries: resourceIds.map((id) => ({
      queryKey: ["resources", "detail", id],
      queryFn: () => unwrap(api.GET("/api/v1/resources/{resource_id}", { params: { path: { resource_id: id } } })),
    })),
  });
  const agreement = plan.escalation_agreement;
  const center = useCenter(agreement?.treatment_center_id ?? null);
  const notes = new Map(chosen.map((r) => [r.resource_id, r.note]));
  const nextFollowUps = plan.follow_ups.filter((f) => f.status === "open").slice(0, 3);
  return (
    <PrintPage
      compact
      back={
        <AnchorLink to="/cases/$caseId" params={{ caseId }} search={{ tab: "aftercare" }} size="sm">
          ← Back to the aftercare plan
        </AnchorLink>
      }
      confidential="Confidential — keep it somewhere private"
      title={person ? `${person.full_name}: my part of ${clientCalled}'s aftercare` : `${clientCalled}'s aftercare plan`}
      meta={
        <Text size="sm" ff="monospace">
          {reference} · version {plan.version}
        </Text>
      }
    >
      <div className="print-columns">
        {person ? (
          <Section title="My commitment">
            <Text className="print-text">{support?.commitment || "Not written yet: talk it through with your interventionist."}</Text>
          </Section>
        ) : (
          <>
            <Section title="When I feel the pull: what I do">
              <Items items={plan.relapse_prevention.coping_strategies} />
            </Section>
            <Section title="Warning signs to watch for">
              <Items items={plan.relapse_prevention.warning_signs} />
            </Section>
            <Section title="My triggers and high-risk situations">
              <Items items={[...plan.relapse_prevention.triggers, ...plan.relapse_prevention.high_risk_situations]} />
            </Section>
            <Section title="Who to call">
              <Items items={plan.emergency_contacts.map((c) => `${c.name}${c.relationship ? ` (${c.relationship})` : ""}: ${c.phone}`)} />
            </Section>
            <Section title="My care">
              <Items
                items={[
                  plan.sober_living ? `Sober living: ${plan.sober_living.name}${plan.sober_living.move_in_date ? `, from ${formatDate(plan.sober_living.move_in_date)}` : ""}` : "",
                  plan.outpatient ? `Outpatient: ${plan.outpatient.name}, ${levelOfCareLabel(plan.outpatient.level_of_care)}` : "",
                  plan.medication && plan.medication.kind !== "none"
                    ? `Medication: ${humanize(plan.medication.kind)}${plan.medication.prescriber ? `, prescribed by ${plan.medication.prescriber}` : ""}${plan.medication.notes ? ` (${plan.medication.notes})` : ""}`
                    : "",
                  ...nextFollowUps.map((f) => `Follow-up ${humanize(f.kind).toLowerCase()}: ${formatDateTime(f.due_at)}`),
                ].filter(Boolean)}
              />
            </Section>
          </>
        )}
        <Section title={person ? "My support" : "My meetings and support"}>
          {resources.length === 0 ? (
            <Text>None chosen yet.</Text>
          ) : (
            <Stack gap="xs">
              {resources.map((r, i) => (r.data ? <ResourceLine key={r.data.id} resource={r.data} note={notes.get(r.data.id)} /> : <Text key={i}>…</Text>))}
            </Stack>
          )}
        </Section>
        {agreement && (
          <Section title="If a relapse happens: what we agreed">
            <Items
              items={[
                agreement.relapse_definition ? `What counts as a relapse: ${agreement.relapse_definition}` : "",
                agreement.next_level_of_care
                  ? `Next step: ${levelOfCareLabel(agreement.next_level_of_care)}${center.data ? ` at ${center.data.name}` : ""}`
                  : "",
                agreement.who_calls ? `Who calls whom: ${agreement.who_calls}` : "",
                agreement.agreed_at ? `Agreed on ${formatDateTime(agreement.agreed_at)}` : "",
              ].filter(Boolean)}
            />
          </Section>
        )}
      </div>
      <Text size="sm">In an emergency call 911. To talk to someone now, call or text 988.</Text>
    </PrintPage>
  );
}

function ResourceLine({ resource, note }: { resource: ResourceRead; note?: string }) {
  const where = resource.format === "online" ? resource.online_url : addressOf(resource);
  const zone = zoneAbbreviation(resource.time_zone);
  return (
    <div className="print-keep">
      <Text fw={700}>{resource.name}</Text>
      {note && <Text size="sm">{note}</Text>}
      {resource.meetings.length > 0 && (
        <Text size="sm">
          {resource.meetings.map((m) => meetingLine(m)).join(" · ")} ({zone})
        </Text>
      )}
      {resource.schedule_note && <Text size="sm">{resource.schedule_note}</Text>}
      {where && <Text size="sm">{where}</Text>}
      {resource.phone && (
        <Text size="sm">
          {resource.phone}
          {resource.phone_extension ? ` ext. ${resource.phone_extension}` : ""}
        </Text>
      )}
    </div>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="print-keep">
      <Title order={2} size="h4" mb={4}>
        {title}
      </Title>
      {children}
    </section>
  );
}

function Items({ items }: { items: string[] }) {
  if (items.length === 0) return <Text>Not written yet.</Text>;
  return (
    <List spacing={2}>
      {items.map((item, i) => (
        <List.Item key={i}>{item}</List.Item>
      ))}
    </List>
  );
}
