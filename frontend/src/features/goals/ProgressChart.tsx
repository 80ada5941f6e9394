import "@mantine/charts/styles.css";
import { LineChart } from "@mantine/charts";
import { Text } from "@mantine/core";
import { formatDateTime } from "../../lib/format";
import { progressChartData, type SeriesPoint } from "./chart";
import { formatValue } from "./labels";

interface Props {
  measurements: readonly SeriesPoint[];
  /** The target line(s): a threshold, a range's two ends, or none (qualitative). */
  targets: readonly number[];
  baseline?: number | null;
  unit: string | null;
  /** What the chart shows, for its text alternative ("Meetings attended"). */
  title: string;
  height?: number;
}

/** A goal's measurements over time against its target line. */
export function ProgressChart({ measurements, targets, baseline = null, unit: given, title, height = 160 }: Props) {
  const unit = given ?? "";
  const chart = progressChartData(measurements, targets, baseline);
  const latest = chart.rows[chart.rows.length - 1];
  const aim = chart.targets.length ? `; target ${chart.targets.map(formatValue).join(" to ")} ${unit}` : "";
  const summary = latest
    ? `${title}: ${chart.rows.length} measurement${chart.rows.length === 1 ? "" : "s"}, latest ${formatValue(latest.value)} ${unit} on ${formatDateTime(latest.at)}${aim}.`
    : `${title}: no measurements yet${aim}.`;
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
        series={[{ name: "value", label: unit || "value", color: "cyan.8" }]}
        // The target is a line across the chart (two for a range), not a point.
        referenceLines={chart.targets.map((y) => ({
          y,
          label: `Target ${formatValue(y)}`,
          color: "red.8",
          labelPosition: "insideTopRight" as const,
          strokeDasharray: "6 4",
        }))}
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
