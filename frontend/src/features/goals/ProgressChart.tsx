import "@mantine/charts/styles.css";
import { LineChart } from "@mantine/charts";
import { Text } from "@mantine/core";
import { formatDateTime } from "../../lib/format";
import { progressChartData, type SeriesPoint } from "./chart";
import { formatValue } from "./labels";

interface Props {
  measurements: readonly SeriesPoint[];
  target: number;
  baseline?: number | null;
  unit: string;
  /** What the chart shows, for its text alternative ("Meetings attended"). */
  title: string;
  height?: number;
}

/** A goal's measurements over time against its target line. */
export function ProgressChart({ measurements, target, baseline = null, unit, title, height = 160 }: Props) {
  const chart = progressChartData(measurements, target, baseline);
  const latest = chart.rows[chart.rows.length - 1];
  const summary = latest
    ? `${title}: ${chart.rows.length} measurement${chart.rows.length === 1 ? "" : "s"}, latest ${formatValue(latest.value)} ${unit} on ${formatDateTime(latest.at)}; target ${formatValue(target)} ${unit}.`
    : `${title}: no measurements yet; target ${formatValue(target)} ${unit}.`;
  if (!chart.rows.length) {
    return (
      <Text size="sm" c="dimmed">
        No measurements yet.
      </Text>
    );
  }
  return (
    <figure style={{ margin: 0, minWidth: 0 }}>
      <LineChart
        h={height}
        data={chart.rows}
        dataKey="label"
        series={[{ name: "value", label: unit, color: "cyan.8" }]}
        // The target is a line across the chart, not a point.
        referenceLines={[
          { y: target, label: `Target ${formatValue(target)}`, color: "red.8", labelPosition: "insideTopRight", strokeDasharray: "6 4" },
        ]}
        yAxisProps={{ domain: chart.domain, width: 36, allowDecimals: !chart.integer, ticks: chart.ticks }}
        curveType="linear"
        withDots
        connectNulls
        tickLine="y"
        gridAxis="y"
        textColor="gray.7"
        valueFormatter={(value) => formatValue(value)}
        lineChartProps={{ accessibilityLayer: false }}
        aria-hidden
      />
      <figcaption className="visually-hidden">{summary}</figcaption>
    </figure>
  );
}
