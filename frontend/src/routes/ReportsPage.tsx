import "@mantine/charts/styles.css";
import { BarChart, LineChart } from "@mantine/charts";
import {
  Alert,
  Badge,
  Button,
  Card,
  Collapse,
  Group,
  List,
  Loader,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { notifications } from "@mantine/notifications";
import { IconChartBar, IconDownload } from "@tabler/icons-react";
import { getRouteApi } from "@tanstack/react-router";
import { useId, useState } from "react";
import { describeError } from "../api/problem";
import { staffRole, useMe } from "../features/auth/api";
import { MODEL_LABEL as CASE_MODEL_LABEL, options } from "../features/cases/labels";
import { useStaffOptions } from "../features/tasks/api";
import {
  downloadCsv,
  percent,
  ratioText,
  useReportSummary,
  type CsvKind,
  type Ratio,
  type ReportFilters,
  type ReportSummary,
  reportQuery,
} from "../features/reports/api";
import { reportErrorText } from "../features/reports/problemText";
import { EmptyState } from "../lib/EmptyState";
import { StaleContent } from "../lib/StaleContent";
import { pastDaysRangeProps, useDayRange, type DayRange } from "../lib/dayPicker";
import { formatDate, formatDateTime, humanize } from "../lib/format";
import { AnchorLink } from "../lib/links";

const MODEL_LABEL: Record<string, string> = {
  johnson: "Johnson",
  love_first: "Love First",
  arise: "ARISE",
  craft: "CRAFT",
  systemic_family: "Systemic Family",
  other: "Other",
};

/**
 * Props naming a chart's <svg>: an image with a name (Recharts would make it an unnamed
 * "application"); its focus and arrow-key tooltips stay for keyboard users. The props'
 * type lacks aria attributes, which Recharts passes on to the <svg> all the same.
 */
function chartName(label: string): { role: string } {
  return { role: "img", "aria-label": label } as { role: string };
}

function Stat({ label, value, detail }: { label: string; value: string; detail: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700}>
        {value}
      </Text>
      <Text size="xs" c="dimmed">
        {detail}
      </Text>
    </Card>
  );
}

function RatioStat({ label, ratio, over }: { label: string; ratio: Ratio; over: string }) {
  return <Stat label={label} value={percent(ratio.rate)} detail={`${ratioText(ratio)} ${over}`} />;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title} style={{ minWidth: 0 }}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Card>
  );
}

function Figures({ report }: { report: ReportSummary }) {
  const intake = report.days_intake_to_intervention;
  const admission = report.days_intervention_to_admission;
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 4 }} spacing="sm">
      <Stat label="New cases" value={String(report.new_cases)} detail={`${report.cases_by_status.total} cases in all`} />
      <RatioStat
        label="Treatment entry"
        ratio={report.treatment_entry}
        over="cases entered treatment (interventions held, and clients of invitational models admitted before one)"
      />
      <Stat
        label="Intake → intervention"
        value={intake.median_days === null ? "—" : `${intake.median_days} days`}
        detail={`median over ${intake.count} cases`}
      />
      <Stat
        label="Intervention → admission"
        value={admission.median_days === null ? "—" : `${admission.median_days} days`}
        detail={`median over ${admission.count} cases`}
      />
      <RatioStat label="Treatment completion" ratio={report.treatment_completion} over="discharges completed" />
      <RatioStat label="Goals achieved" ratio={report.goals_achieved} over="goals due" />
      <RatioStat label="Overdue tasks" ratio={report.overdue_tasks} over="open tasks past due" />
      <Stat
        label="Open alerts"
        value={String(report.open_alerts.total)}
        detail={report.open_alerts.items
          .filter((item) => item.count > 0)
          .map((item) => `${item.count} ${item.severity}`)
          .join(", ") || "none open"}
      />
    </SimpleGrid>
  );
}

function EntryByModel({ report }: { report: ReportSummary }) {
  const rows = report.treatment_entry_by_model.filter((m) => m.entered.denominator > 0 || m.published_rate !== null);
  // No rate (nothing to divide by, or nothing published) is no bar, never a bar of 0 %.
  const data = rows.map((m) => ({
    model: MODEL_LABEL[m.model] ?? m.model,
    "This practice": m.entered.rate === null ? null : Math.round(m.entered.rate * 100),
    Published: m.published_rate === null ? null : Math.round(m.published_rate * 100),
  }));
  return (
    <Section title="Treatment entry by model">
      {/* Bars across, each model named beside its pair of bars: the names never crowd at phone width. */}
      <BarChart
        h={Math.max(160, 60 + data.length * 44)}
        data={data}
        dataKey="model"
        orientation="vertical"
        xAxisProps={{ domain: [0, 100] }}
        yAxisProps={{ width: 120, interval: 0 }}
        series={[
          { name: "This practice", color: "cyan.8" },
          { name: "Published", color: "gray.6" },
        ]}
        valueFormatter={(value) => (value === null || value === undefined ? "none" : `${value}%`)}
        withLegend
        barChartProps={chartName(
          "Bar chart of treatment entry by model, this practice beside the published rate; the table below has the numbers.",
        )}
      />
      <Table mt="sm" fz="xs" verticalSpacing={4}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Model</Table.Th>
            <Table.Th>This practice</Table.Th>
            <Table.Th>Published</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.treatment_entry_by_model.map((m) => (
            <Table.Tr key={m.model}>
              <Table.Td>{MODEL_LABEL[m.model] ?? m.model}</Table.Td>
              <Table.Td>
                {percent(m.entered.rate)} ({ratioText(m.entered)})
              </Table.Td>
              <Table.Td>
                {m.published_rate === null ? (
                  <Text size="xs" c="dimmed">
                    {m.published_note}
                  </Text>
                ) : (
                  <Text size="xs" title={m.published_source ?? undefined}>
                    {percent(m.published_rate)} — {m.published_source}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Section>
  );
}

function Adherence({ report }: { report: ReportSummary }) {
  const rows = [
    { label: "Clients", ratio: report.check_in_adherence.client },
    { label: "Family members", ratio: report.check_in_adherence.family },
  ];
  return (
    <Section title="Check-in and follow-up adherence">
      <Stack gap="sm">
        {rows.map(({ label, ratio }) => (
          <div key={label}>
            <Group justify="space-between">
              <Text size="sm">{label}</Text>
              <Text size="sm" fw={600}>
                {percent(ratio.rate)}
              </Text>
            </Group>
            <Progress
              value={ratio.rate === null ? 0 : Math.min(100, ratio.rate * 100)}
              aria-label={`${label}: ${ratioText(ratio)} expected check-ins received`}
            />
            <Text size="xs" c="dimmed">
              {ratioText(ratio)} expected check-ins received
            </Text>
          </div>
        ))}
        {report.follow_up_completion.available ? (
          <div>
            <Text size="sm">Aftercare follow-ups done</Text>
            <Group gap="md" wrap="wrap">
              {report.follow_up_completion.points.map((point) => (
                <Text key={point.days} size="xs" c="dimmed">
                  {point.days} days: {point.completion ? `${percent(point.completion.rate)} (${ratioText(point.completion)})` : "—"}
                </Text>
              ))}
            </Group>
            {report.overdue_follow_ups && (
              <Text size="xs" c="dimmed">
                Overdue follow-ups: {ratioText(report.overdue_follow_ups)} open
              </Text>
            )}
          </div>
        ) : (
          <Text size="xs" c="dimmed">
            Aftercare follow-up completion: {report.follow_up_completion.unavailable_reason}
          </Text>
        )}
      </Stack>
    </Section>
  );
}

function Attention({ report }: { report: ReportSummary }) {
  const { critical_alerts: alerts, overdue_tasks: tasks } = report.attention;
  const criticalOpen = report.open_alerts.items.find((item) => item.severity === "critical")?.count ?? alerts.length;
  const overdueOpen = report.overdue_tasks.numerator;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Section title="Open critical alerts">
        {alerts.length === 0 ? (
          <Text size="sm" c="dimmed">
            No critical alert is open. Safety answers in check-ins would appear here at once.
          </Text>
        ) : (
          <List spacing={4} size="sm">
            {alerts.map((alert) => (
              <List.Item key={alert.id}>
                <AnchorLink to="/cases/$caseId" params={{ caseId: alert.case_id }}>
                  {alert.case_reference}
                </AnchorLink>{" "}
                {alert.title} <Text span size="xs" c="dimmed">· {formatDateTime(alert.created_at)}</Text>
              </List.Item>
            ))}
          </List>
        )}
        {alerts.length > 0 && (
          <Text size="xs" c="dimmed" mt="xs">
            {criticalOpen > alerts.length && `The oldest ${alerts.length} of ${criticalOpen} open · `}
            <AnchorLink to="/alerts" search={{ severity: "critical" }}>
              all open critical alerts
            </AnchorLink>
          </Text>
        )}
      </Section>
      <Section title="Overdue work">
        {tasks.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing is overdue. Open tasks past their due time would appear here.
          </Text>
        ) : (
          <List spacing={4} size="sm">
            {tasks.map((task) => (
              <List.Item key={task.id}>
                <AnchorLink to="/cases/$caseId" params={{ caseId: task.case_id }} search={{ tab: "tasks" }}>
                  {task.case_reference}
                </AnchorLink>{" "}
                {task.title} <Text span size="xs" c="dimmed">· due {formatDateTime(task.due_at)}</Text>
              </List.Item>
            ))}
          </List>
        )}
        {overdueOpen > tasks.length && (
          <Text size="xs" c="dimmed" mt="xs">
            The longest overdue {tasks.length} of {overdueOpen}; each case&apos;s Tasks tab has the rest.
          </Text>
        )}
      </Section>
    </SimpleGrid>
  );
}

/**
 * A chart's exact numbers as a table, behind a toggle right under the chart: a screen reader
 * reaches it next (the chart's name says so), a sighted reader opens it for exact counts,
 * and closed it costs one line at phone width.
 */
function Numbers({ caption, children }: { caption: string; children: React.ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <>
      <Button
        variant="subtle"
        size="compact-xs"
        mt={4}
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((was) => !was)}
        style={{ alignSelf: "flex-start" }}
      >
        {open ? "Hide the numbers" : "Show the numbers"}
      </Button>
      <Collapse in={open} id={id}>
        {open && (
          <Table.ScrollContainer minWidth={0} type="native">
            <Table fz="xs" verticalSpacing={4} horizontalSpacing={6} captionSide="top">
              <Table.Caption style={{ textAlign: "start" }}>{caption}</Table.Caption>
              {children}
            </Table>
          </Table.ScrollContainer>
        )}
      </Collapse>
    </>
  );
}

function Charts({ report }: { report: ReportSummary }) {
  // The count is part of each status's name: a bar of 0 has no end to carry a value label.
  const statuses = report.cases_by_status.items.map((item) => ({
    status: `${humanize(item.status)} (${item.count})`,
    Cases: item.count,
  }));
  // A month the window only partly covers is starred: its counts are not a whole month's.
  const monthLabel = (point: ReportSummary["series"][number]) => (point.partial ? `${point.month}*` : point.month);
  const partial = report.series.filter((point) => point.partial);
  const series = report.series.map((point) => ({
    month: monthLabel(point),
    "New cases": point.new_cases,
    "Interventions held": point.interventions_held,
    Admissions: point.admissions,
    "Completed discharges": point.completed_discharges,
  }));
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      <Section title="Cases by status">
        {/* Bars across, each status named beside its bar with its count: readable at phone width. */}
        <BarChart
          h={260}
          data={statuses}
          dataKey="status"
          orientation="vertical"
          series={[{ name: "Cases", color: "cyan.8" }]}
          yAxisProps={{ width: 170, interval: 0 }}
          valueFormatter={(value) => String(value)}
          barChartProps={chartName("Bar chart of cases by status; the counts are under Show the numbers, below it.")}
        />
        <Numbers caption="Cases by status">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Status</Table.Th>
              <Table.Th scope="col" ta="end">
                Cases
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.cases_by_status.items.map((item) => (
              <Table.Tr key={item.status}>
                <Table.Th scope="row" fw={400}>
                  {humanize(item.status)}
                </Table.Th>
                <Table.Td ta="end">{item.count}</Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row">Total</Table.Th>
              <Table.Td ta="end" fw={600}>
                {report.cases_by_status.total}
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Numbers>
      </Section>
      <EntryByModel report={report} />
      <Section title="Month by month">
        <LineChart
          h={220}
          data={series}
          dataKey="month"
          withLegend
          yAxisProps={{ width: 32 }}
          series={[
            { name: "New cases", color: "cyan.8" },
            { name: "Interventions held", color: "violet.7" },
            { name: "Admissions", color: "teal.8" },
            { name: "Completed discharges", color: "orange.8" },
          ]}
          lineChartProps={chartName(
            "Line chart of new cases, interventions held, admissions and completed discharges per month; " +
              "the counts are under Show the numbers, below it.",
          )}
        />
        <Numbers caption="Month by month (* part of the month only)">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Month</Table.Th>
              <Table.Th scope="col" ta="end">
                New cases
              </Table.Th>
              <Table.Th scope="col" ta="end">
                Interventions held
              </Table.Th>
              <Table.Th scope="col" ta="end">
                Admissions
              </Table.Th>
              <Table.Th scope="col" ta="end">
                Completed discharges
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.series.map((point) => (
              <Table.Tr key={point.month}>
                <Table.Th scope="row" fw={400} style={{ whiteSpace: "nowrap" }}>
                  {monthLabel(point)}
                </Table.Th>
                <Table.Td ta="end">{point.new_cases}</Table.Td>
                <Table.Td ta="end">{point.interventions_held}</Table.Td>
                <Table.Td ta="end">{point.admissions}</Table.Td>
                <Table.Td ta="end">{point.completed_discharges}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Numbers>
        {partial.length > 0 && (
          <Text size="xs" c="dimmed" mt={4}>
            * Part of the month only:{" "}
            {partial.map((p) => `${formatDate(p.first_day)} to ${formatDate(p.last_day)}`).join("; ")}.
          </Text>
        )}
        <Text size="xs" c="dimmed" mt={4}>
          Check-ins received: {report.series.map((p) => `${monthLabel(p)} ${p.check_ins}`).join(" · ")}
        </Text>
      </Section>
      <Adherence report={report} />
    </SimpleGrid>
  );
}

const route = getRouteApi("/app/reports");

const EXPORT_LABEL = { cases: "Cases", "check-ins": "Check-ins", referrals: "Referrals" } as const;

export function ReportsPage() {
  const me = useMe();
  const everyone = staffRole(me) !== "interventionist";
  const staff = useStaffOptions();
  // The filters live in the URL; a half-chosen range (first day picked) only on screen.
  const filters: ReportFilters = route.useSearch();
  const navigate = route.useNavigate();
  const setFilters = (change: Partial<ReportFilters>) => {
    const next = { ...filters, ...change };
    void navigate({ search: reportQuery(next), replace: true });
  };
  const { range, choose: chooseRange, onClearPress } = useDayRange([filters.from ?? null, filters.to ?? null], (value) =>
    setFilters(value[0] && value[1] ? { from: value[0], to: value[1] } : { from: undefined, to: undefined }),
  );
  const filtered = Boolean(filters.lead_id || filters.model || filters.from || filters.to);
  const summary = useReportSummary(filters);
  const [downloading, setDownloading] = useState<CsvKind | null>(null);

  const download = async (kind: CsvKind) => {
    setDownloading(kind);
    try {
      await downloadCsv(kind, filters);
    } catch (error) {
      notifications.show({ color: "red", title: "Export failed", message: describeError(error) });
    } finally {
      setDownloading(null);
    }
  };

  const report = summary.data;
  // While new filters load, the previous figures stay on screen, dimmed and labelled.
  const stale = summary.isPlaceholderData;
  const empty = report && report.cases_by_status.total === 0 && report.new_cases === 0;
  const leads = (staff.data ?? []).map((person) => ({ value: person.id, label: person.full_name }));
  const scopeText = filters.lead_id
    ? `${leads.find((lead) => lead.value === filters.lead_id)?.label ?? "One lead"}'s cases`
    : everyone
      ? "The whole practice"
      : "Your caseload";
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <div>
          <Title order={1} size="h2">
            Reports
          </Title>
          <Text size="sm" c="dimmed">
            {scopeText}
            {filters.model ? ` · ${CASE_MODEL_LABEL[filters.model]}` : ""}
            {report && !stale ? ` · ${report.window.from} to ${report.window.to}` : ""}
          </Text>
        </div>
        <Group align="flex-end" gap="sm" wrap="wrap">
          {everyone && (
            <Select
              label="Lead"
              placeholder="Every lead"
              clearable
              searchable
              data={leads}
              value={filters.lead_id ?? null}
              onChange={(value) => setFilters({ lead_id: value ?? undefined })}
              w={200}
            />
          )}
          <Select
            label="Model"
            placeholder="Every model"
            clearable
            data={options(CASE_MODEL_LABEL)}
            value={filters.model ?? null}
            onChange={(value) => setFilters({ model: (value as ReportFilters["model"] | null) ?? undefined })}
            w={180}
          />
          <DatePickerInput
            type="range"
            label="Date range"
            description="Empty: the last 12 months"
            valueFormat="MMM D, YYYY"
            value={range}
            onChange={(value) => chooseRange(value as DayRange)}
            clearable
            {...pastDaysRangeProps("Choose the report's dates", onClearPress)}
            miw={260}
            data-testid="report-range"
          />
        </Group>
      </Group>
      <Group gap="xs" wrap="wrap">
        {(["cases", "check-ins", "referrals"] as const).map((kind) => (
          <Button
            key={kind}
            variant="default"
            size="xs"
            leftSection={<IconDownload size={14} aria-hidden />}
            loading={downloading === kind}
            onClick={() => void download(kind)}
          >
            {EXPORT_LABEL[kind]} CSV
          </Button>
        ))}
      </Group>
      {summary.isPending && <Loader aria-label="Loading the reports" />}
      {summary.isError && (
        <Alert color="red" title="Could not load the reports">
          {reportErrorText(summary.error).map((line) => (
            <Text key={line} size="sm">
              {line}
            </Text>
          ))}
          {filtered && (
            <Group mt="sm">
              <Button size="xs" variant="default" onClick={() => void navigate({ search: {}, replace: true })}>
                Clear the filters
              </Button>
            </Group>
          )}
        </Alert>
      )}
      {report && (
        <StaleContent stale={stale} status="Updating the figures for the new filters…">
          <Stack gap="md">
            {empty ? (
              <Card withBorder padding="xl">
                <EmptyState icon={IconChartBar} title="Nothing to report for these filters">
                  Once cases are opened, interventions held and clients admitted, their counts, rates and monthly trends
                  appear here. Try a wider date range, or every lead and model.
                </EmptyState>
              </Card>
            ) : (
              <>
                <Figures report={report} />
                <Attention report={report} />
                <Charts report={report} />
                <Badge variant="light" color="gray" style={{ alignSelf: "flex-start" }}>
                  Figures as of {formatDateTime(report.generated_at)}
                </Badge>
                <Text size="xs" c="dimmed">
                  Each figure shows what it is counted over. Published rates come from the studies named beside them;
                  a study&apos;s families differ from a practice&apos;s, so read them as a bearing, not a benchmark.
                </Text>
              </>
            )}
          </Stack>
        </StaleContent>
      )}
    </Stack>
  );
}
