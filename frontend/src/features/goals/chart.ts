// Measurement series → chart rows. Pure, so the mapping is unit-tested.

export interface SeriesPoint {
  value: number;
  measured_at: string;
}

export interface ChartRow {
  /** Short date for the x axis. */
  label: string;
  /** The full timestamp, for the tooltip and the text alternative. */
  at: string;
  value: number;
}

export interface ProgressChartData {
  rows: ChartRow[];
  target: number;
  /** A y range that always shows the target line as well as every point. */
  domain: [number, number];
}

const shortDate = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric" });

export function shortDateLabel(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shortDate.format(date);
}

/** Oldest first, whatever order the points came in. */
export function progressChartData(
  measurements: readonly SeriesPoint[],
  target: number,
  baseline: number | null = null,
): ProgressChartData {
  const rows = [...measurements]
    .sort((a, b) => Date.parse(a.measured_at) - Date.parse(b.measured_at))
    .map((m) => ({ label: shortDateLabel(m.measured_at), at: m.measured_at, value: m.value }));
  return { rows, target, domain: yDomain([...rows.map((r) => r.value), target, ...(baseline === null ? [] : [baseline])]) };
}

/** Padded bounds around the values; never below zero when nothing is negative. */
export function yDomain(values: readonly number[]): [number, number] {
  if (!values.length) return [0, 1];
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.max(1, Math.abs(max));
  const pad = span * 0.15;
  const low = min >= 0 ? Math.max(0, min - pad) : min - pad;
  return [roundNice(low, "down"), roundNice(max + pad, "up")];
}

function roundNice(value: number, way: "up" | "down"): number {
  const step = Math.abs(value) >= 10 ? 1 : 0.5;
  return way === "up" ? Math.ceil(value / step) * step : Math.floor(value / step) * step;
}
