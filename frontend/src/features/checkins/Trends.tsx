import "@mantine/charts/styles.css";
import { LineChart } from "@mantine/charts";
import { Alert, Card, SimpleGrid, Skeleton, Stack, Text, Title } from "@mantine/core";
import { describeError } from "../../api/problem";
import { useClientTrend } from "./api";
import { hasValues, trendRows, type TrendRow } from "./trends";

type SeriesKey = keyof Omit<TrendRow, "label" | "at" | "bam_use" | "bam_risk" | "bam_protective">;

/** The Brief Addiction Monitor composites, one line each (see docs/api.md, "BAM composites"). */
const BAM_SERIES = [
  { name: "bam_use", label: "Use (0–12)", color: "red.8" },
  { name: "bam_risk", label: "Risk (0–24)", color: "orange.8" },
  { name: "bam_protective", label: "Protective (0–24)", color: "teal.8" },
] as const;

const CHARTS: { key: SeriesKey; title: string; domain: [number, number]; color: string; describe: string }[] = [
  { key: "days_used", title: "Days used", domain: [0, 7], color: "red.8", describe: "days with use in each check-in's window" },
  { key: "craving", title: "Craving (0–4)", domain: [0, 4], color: "orange.8", describe: "craving, 0 none to 4 very strong" },
  { key: "mood", title: "Mood (0–4)", domain: [0, 4], color: "indigo.8", describe: "mood, 0 very low to 4 very good" },
  { key: "meetings_attended", title: "Meeting days", domain: [0, 7], color: "teal.8", describe: "days with a support meeting" },
];

export function Trends({ caseId, clientName }: { caseId: string; clientName: string }) {
  const trend = useClientTrend(caseId);
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="trends-title">
      <Title order={3} size="h4" id="trends-title">
        Trends
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {clientName}’s recent check-ins, oldest to newest.
      </Text>
      {trend.isPending ? (
        <Skeleton h={160} />
      ) : trend.isError ? (
        <Alert color="red" role="alert" title="Could not load the trends">
          {describeError(trend.error)}
        </Alert>
      ) : trend.data.length < 2 ? (
        <Text size="sm" c="dimmed">
          Trends appear once the client has sent two check-ins{trend.data.length ? " (one so far)" : ""}.
        </Text>
      ) : (
        <Stack gap="lg">
          <BamChart rows={trendRows(trend.data)} />
          <TrendGrid rows={trendRows(trend.data)} />
        </Stack>
      )}
    </Card>
  );
}

function BamChart({ rows }: { rows: TrendRow[] }) {
  const drawn = BAM_SERIES.filter((series) => hasValues(rows, series.name));
  const latest = rows[rows.length - 1];
  return (
    <figure style={{ margin: 0, minWidth: 0 }}>
      <Text size="sm" fw={600} component="div" aria-hidden>
        Brief Addiction Monitor composites
      </Text>
      <Text size="xs" c="dimmed" mb={4} aria-hidden>
        Use and Risk: lower is better; Protective: higher is better. Scaled from the items Cairn asks.
      </Text>
      {drawn.length ? (
        <LineChart
          h={200}
          data={rows}
          dataKey="label"
          series={drawn.map((series) => ({ ...series }))}
          yAxisProps={{ domain: [0, 24], ticks: [0, 4, 8, 12, 16, 20, 24], width: 28, allowDecimals: false }}
          curveType="linear"
          connectNulls
          withLegend
          gridAxis="y"
          textColor="gray.7"
          lineChartProps={{ accessibilityLayer: false }}
          aria-hidden
        />
      ) : (
        <Text size="sm" c="dimmed">
          Not enough answers yet.
        </Text>
      )}
      <figcaption className="visually-hidden">
        Brief Addiction Monitor composites over {rows.length} check-ins
        {latest
          ? `; latest: use ${latest.bam_use ?? "not scored"}, risk ${latest.bam_risk ?? "not scored"}, protective ${latest.bam_protective ?? "not scored"}.`
          : "."}
      </figcaption>
    </figure>
  );
}

function TrendGrid({ rows }: { rows: TrendRow[] }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      {CHARTS.map((chart) => {
        const values = rows.map((r) => r[chart.key]).filter((v): v is number => v !== null);
        const max = Math.max(chart.domain[1], ...values);
        const latest = values[values.length - 1];
        return (
          <figure key={chart.key} style={{ margin: 0, minWidth: 0 }}>
            <Text size="sm" fw={600} component="div" mb={4} aria-hidden>
              {chart.title}
            </Text>
            {hasValues(rows, chart.key) ? (
              <LineChart
                h={140}
                data={rows}
                dataKey="label"
                series={[{ name: chart.key, label: chart.title, color: chart.color }]}
                yAxisProps={{ domain: [chart.domain[0], max], width: 28, allowDecimals: false }}
                curveType="linear"
                connectNulls
                gridAxis="y"
                textColor="gray.7"
                lineChartProps={{ accessibilityLayer: false }}
                aria-hidden
              />
            ) : (
              <Text size="sm" c="dimmed">
                Not answered yet.
              </Text>
            )}
            <figcaption className="visually-hidden">
              {chart.title}: {values.length} answers; {chart.describe}
              {latest === undefined ? "." : `; latest ${latest}.`}
            </figcaption>
          </figure>
        );
      })}
    </SimpleGrid>
  );
}
