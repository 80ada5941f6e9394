import { Alert, Badge, Center, Divider, Loader, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { describeError } from "../api/problem";
import type { CaseRead, ParticipantRead, PlanRead } from "../api/types";
import { caseQueryOptions } from "../features/cases/api";
import { clientName } from "../features/cases/labels";
import { participantsQueryOptions } from "../features/participants/api";
import { PARTICIPANT_ROLE_LABEL, RELATIONSHIP_LABEL } from "../features/participants/labels";
import { speakingOrderOf } from "../features/participants/speakingOrder";
import { planQueryOptions } from "../features/plans/api";
import { PLAN_STATUS_LABEL, levelOfCareLabel } from "../features/plans/labels";
import { formatDateTime, formatDateTimeWithZone } from "../lib/format";
import { AnchorLink, ButtonLink } from "../lib/links";
import { PrintPage } from "../lib/PrintPage";

const route = getRouteApi("/app/cases/$caseId/run-sheet");


export function RunSheetPage() {
  const { caseId } = route.useParams();
  const caseQuery = useQuery(caseQueryOptions(caseId));
  const plan = useQuery(planQueryOptions(caseId));
  const participants = useQuery(participantsQueryOptions(caseId));
  useDocumentTitle(caseQuery.data ? `Run sheet ${caseQuery.data.data.reference} · Cairn` : "Run sheet · Cairn");

  if (caseQuery.isPending || plan.isPending || participants.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the run sheet" />
      </Center>
    );
  }
  if (caseQuery.isError || plan.isError || participants.isError) {
    return (
      <Alert color="red" title="Could not load the run sheet" role="alert">
        {describeError(caseQuery.error ?? plan.error ?? participants.error)}
      </Alert>
    );
  }
  const c = caseQuery.data.data;
  if (!plan.data) {
    return (
      <Stack gap="sm" align="flex-start">
        <Title order={1} size="h2">
          Run sheet
        </Title>
        <Text>This case has no intervention plan yet, so there is nothing to print.</Text>
        <ButtonLink to="/cases/$caseId" params={{ caseId }} search={{ tab: "plan" }}>
          Go to the plan
        </ButtonLink>
      </Stack>
    );
  }
  return <RunSheet c={c} plan={plan.data.data} participants={participants.data} />;
}

function RunSheet({ c, plan, participants }: { c: CaseRead; plan: PlanRead; participants: ParticipantRead[] }) {
  const speakers = speakingOrderOf(participants, plan.speaking_order);
  const options = [...plan.treatment_options].sort((a, b) => Number(b.is_primary) - Number(a.is_primary));
  const rehearsals = [...plan.rehearsals].sort((a, b) => a.scheduled_at.localeCompare(b.scheduled_at));
  const contribution = new Map(plan.contributions.map((x) => [x.participant_id, x]));

  return (
    <PrintPage
      back={
        <AnchorLink to="/cases/$caseId" params={{ caseId: c.id }} search={{ tab: "plan" }} size="sm">
          ← Back to the plan
        </AnchorLink>
      }
      confidential="Confidential — protected health information. Do not leave unattended."
      title={`Run sheet: ${clientName(c.client)}`}
      meta={
        <>
          <Text size="sm" ff="monospace">
            {c.reference}
          </Text>
          <Badge variant="outline" color="gray.7" tt="none">
            Plan {PLAN_STATUS_LABEL[plan.status].toLowerCase()} · version {plan.version}
          </Badge>
        </>
      }
    >
      <Section title="When and where">
        <Stack gap={4}>
          <Text fw={600}>{plan.scheduled_at ? formatDateTimeWithZone(plan.scheduled_at) : "Date not set"}</Text>
          <Text>{plan.location || "Place not set"}</Text>
          {plan.logistics && <Text className="print-text">{plan.logistics}</Text>}
        </Stack>
      </Section>

      <Section title="Speaking order">
        {speakers.length === 0 ? (
          <Text c="dimmed">No speakers yet.</Text>
        ) : (
          <Stack gap="md" component="ol" p={0} m={0} style={{ listStyle: "none" }}>
            {speakers.map((p, index) => (
              <Paper key={p.id} withBorder p="md" component="li" className="print-keep">
                <Stack gap="xs">
                  <Title order={3} size="h4">
                    {index + 1}. {p.full_name}
                    <Text span size="sm" c="dimmed" fw={400}>
                      {" "}
                      — {RELATIONSHIP_LABEL[p.relationship]}, {PARTICIPANT_ROLE_LABEL[p.role].toLowerCase()}
                      {contribution.get(p.id)?.letter_ready ? " · letter ready" : ""}
                    </Text>
                  </Title>
                  <Text className="print-text">{p.letter || "No letter written yet."}</Text>
                  <Divider />
                  <Text size="sm">
                    <Text span fw={700}>
                      Bottom line (only if treatment is refused):
                    </Text>{" "}
                    {p.bottom_line || "not set"}
                  </Text>
                </Stack>
              </Paper>
            ))}
          </Stack>
        )}
      </Section>

      <Section title="Treatment options">
        {options.length === 0 ? (
          <Text c="dimmed">None arranged yet.</Text>
        ) : (
          <Stack gap={6} component="ul" pl="md" m={0}>
            {options.map((o, i) => (
              <li key={i}>
                <Text>
                  <Text span fw={600}>
                    {o.name}
                  </Text>
                  {o.is_primary ? " (primary)" : ""} — {levelOfCareLabel(o.level_of_care)}
                  {o.bed_hold_until ? `; bed held until ${formatDateTime(o.bed_hold_until)}` : ""}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      <Section title="Contingencies">
        {plan.contingencies.length === 0 ? (
          <Text c="dimmed">None recorded.</Text>
        ) : (
          <Stack gap="xs" component="ul" pl="md" m={0}>
            {plan.contingencies.map((x, i) => (
              <li key={i} className="print-keep">
                <Text fw={600}>{x.scenario}</Text>
                <Text className="print-text">{x.response}</Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>

      <Section title="Rehearsals">
        {rehearsals.length === 0 ? (
          <Text c="dimmed">None planned.</Text>
        ) : (
          <Stack gap={4} component="ul" pl="md" m={0}>
            {rehearsals.map((r, i) => (
              <li key={i}>
                <Text>
                  {formatDateTime(r.scheduled_at)} — {r.completed ? "completed" : "not yet held"}
                </Text>
              </li>
            ))}
          </Stack>
        )}
      </Section>
    </PrintPage>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Stack gap="xs" component="section" aria-label={title}>
      <Title order={2} size="h3" style={{ borderBottom: "2px solid var(--mantine-color-gray-4)", paddingBottom: 4 }}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
