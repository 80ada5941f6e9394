import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  List,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconPencil } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { getRouteApi } from "@tanstack/react-router";
import { useState, type ReactNode } from "react";
import type { CaseRead } from "../api/types";
import { AccessLogButton } from "../features/audit/AccessLogButton";
import { isAdmin, useMe } from "../features/auth/api";
import { caseQueryOptions } from "../features/cases/api";
import { RiskFlagBadges, StatusBadge } from "../features/cases/CaseBadges";
import { CaseTimeline } from "../features/cases/CaseTimeline";
import { EditCaseForm } from "../features/cases/EditCaseForm";
import { MODEL_LABEL, OUTCOME_LABEL, TEAM_ROLE_LABEL, clientName } from "../features/cases/labels";
import { StatusControl } from "../features/cases/StatusControl";
import { FhirExportButton } from "../features/interop/FhirExportButton";
import { Field } from "../lib/Field";
import { ageFrom, formatDate, formatDateTime, formatRelative } from "../lib/format";
import { AnchorLink } from "../lib/links";
import { PhoneLink } from "../lib/phone";
import { CheckInsTab } from "../features/checkins/CheckInsTab";
import { GoalsTab } from "../features/goals/GoalsTab";
import { ParticipantsTab } from "../features/participants/ParticipantsTab";
import { PlanTab } from "../features/plans/PlanTab";
import { TasksTab } from "../features/tasks/TasksTab";
import { ConsentsTab } from "../features/consents/ConsentsTab";
import { ReferralsTab } from "../features/referrals/ReferralsTab";
import { AftercareTab } from "../features/aftercare/AftercareTab";
import { CASE_TABS, type CaseTab } from "./caseTabs";

const TAB_LABEL: Record<CaseTab, string> = {
  overview: "Overview",
  timeline: "Timeline",
  participants: "Participants",
  plan: "Plan",
  tasks: "Tasks",
  goals: "Goals",
  "check-ins": "Check-ins",
  consents: "Consents",
  referrals: "Referrals",
  aftercare: "Aftercare",
};

/** Each domain's tab lives in its own feature folder. */
const TAB_PANEL: Partial<Record<CaseTab, (props: { caseData: CaseRead }) => ReactNode>> = {
  participants: ParticipantsTab,
  plan: PlanTab,
  tasks: TasksTab,
  goals: GoalsTab,
  "check-ins": CheckInsTab,
  consents: ConsentsTab,
  referrals: ReferralsTab,
  aftercare: AftercareTab,
};

const route = getRouteApi("/app/cases/$caseId");

export function CasePage() {
  const { caseId } = route.useParams();
  const { tab = "overview" } = route.useSearch();
  const navigate = route.useNavigate();
  const { data: current } = useQuery(caseQueryOptions(caseId));
  const me = useMe();
  const [editing, setEditing] = useState(false);
  useDocumentTitle(current ? `${current.data.reference} · Cairn` : "Case · Cairn");
  if (!current) return null;
  const c = current.data;

  return (
    <Stack gap="lg">
      <AnchorLink to="/cases" size="sm">
        ← Caseload
      </AnchorLink>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="sm" wrap="wrap">
            <Title order={1} size="h2">
              {clientName(c.client)}
            </Title>
            <StatusBadge status={c.status} size="lg" />
          </Group>
          <Text size="sm" c="dimmed">
            <Text span ff="monospace">
              {c.reference}
            </Text>{" "}
            · updated{" "}
            <time dateTime={c.updated_at} title={formatDateTime(c.updated_at)}>
              {formatRelative(c.updated_at)}
            </time>
          </Text>
        </Stack>
        <Group gap="xs">
          {!editing && (
            <Button
              variant="default"
              leftSection={<IconPencil size={16} aria-hidden />}
              onClick={() => {
                setEditing(true);
                void navigate({ search: {}, replace: true });
              }}
            >
              Edit
            </Button>
          )}
          <FhirExportButton caseId={c.id} reference={c.reference} />
          {isAdmin(me) && <AccessLogButton caseId={c.id} reference={c.reference} />}
          <StatusControl current={current} />
        </Group>
      </Group>
      {c.status === "closed" && c.outcome && (
        <Alert color="gray" title="Closed">
          Outcome: {OUTCOME_LABEL[c.outcome]}
        </Alert>
      )}
      <Tabs
        value={tab}
        onChange={(value) =>
          void navigate({ search: value && value !== "overview" ? { tab: value as CaseTab } : {}, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List aria-label="Case sections">
          {CASE_TABS.map((value) => (
            <Tabs.Tab key={value} value={value}>
              {TAB_LABEL[value]}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview" pt="lg">
          {editing ? (
            <Card withBorder padding="lg">
              <Title order={2} size="h4" mb="md">
                Edit case
              </Title>
              <EditCaseForm current={current} onDone={() => setEditing(false)} />
            </Card>
          ) : (
            <CaseOverview c={c} />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="timeline" pt="lg">
          <CaseTimeline caseId={c.id} />
        </Tabs.Panel>
        {CASE_TABS.map((value) => {
          const Panel = TAB_PANEL[value];
          return Panel ? (
            <Tabs.Panel key={value} value={value} pt="lg">
              <Panel caseData={c} />
            </Tabs.Panel>
          ) : null;
        })}
      </Tabs>
    </Stack>
  );
}

const none = (
  <Text span c="dimmed" size="sm">
    Not recorded
  </Text>
);

function CaseOverview({ c }: { c: CaseRead }) {
  const dob = c.client.date_of_birth;
  const age = dob ? ageFrom(dob) : null;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          Client
        </Title>
        <Stack gap="sm" component="dl" m={0}>
          <Field label="Name">
            {c.client.first_name} {c.client.last_name}
          </Field>
          <Field label="Preferred name">{c.client.preferred_name || none}</Field>
          <Field label="Date of birth">
            {dob ? `${formatDate(dob)}${age !== null ? ` (age ${age})` : ""}` : none}
          </Field>
          <Field label="Email">{c.client.email || none}</Field>
          <Field label="Phone">
            {c.client.phone ? <PhoneLink phone={c.client.phone} extension={c.client.phone_extension} /> : none}
          </Field>
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          Clinical picture
        </Title>
        <Stack gap="sm" component="dl" m={0}>
          <Field label="Primary substance">{c.primary_substance || none}</Field>
          <Field label="Substances">
            {c.substances.length ? (
              <Group gap={4} component="span">
                {c.substances.map((s) => (
                  <Badge key={s} variant="default" tt="none" component="span">
                    {s}
                  </Badge>
                ))}
              </Group>
            ) : (
              none
            )}
          </Field>
          <Field label="Risk flags">{c.risk_flags.length ? <RiskFlagBadges flags={c.risk_flags} /> : "None recorded"}</Field>
          <Field label="Intervention model">{c.intervention_model ? MODEL_LABEL[c.intervention_model] : "Not chosen yet"}</Field>
        </Stack>
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          Team
        </Title>
        {c.team.length ? (
          <List spacing={6} listStyleType="none" p={0}>
            {c.team.map((member) => (
              <List.Item key={`${member.user_id}-${member.role}`}>
                <Text size="sm" span fw={500}>
                  {member.full_name}
                </Text>{" "}
                <Text size="sm" span c="dimmed">
                  — {TEAM_ROLE_LABEL[member.role]}
                </Text>
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            No one is assigned.
          </Text>
        )}
      </Card>
      <Card withBorder padding="lg">
        <Title order={2} size="h4" mb="sm">
          Summary
        </Title>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
          {c.summary || "No summary yet."}
        </Text>
      </Card>
    </SimpleGrid>
  );
}
