// Measurement series → chart rows. Pure, so the mapping is unit-tested.
import { formatMonthDay } from "../../lib/format";

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
  /** The first target line (the threshold, or the range's low end); null without one. */
  target: number | null;
  /** Every target line: one for a threshold, two for a range, none for a qualitative goal. */
  targets: number[];
  /** A y range that always shows the target line as well as every point. */
  domain: [number, number];
  /** Whole numbers only (a count: meetings, days): the axis gets integer ticks. */
  integer: boolean;
  /** The y-axis ticks: whole steps for counts, else left to the chart. */
  ticks: number[] | undefined;
}

/** "Dec 2" on the practice's clock (lib/format). */
export function shortDateLabel(iso: string): string {
  return formatMonthDay(iso);
}

/** Oldest first, whatever order the points came in. */
export function progressChartData(
  measurements: readonly SeriesPoint[],
  target: number | readonly number[],
  baseline: number | null = null,
): ProgressChartData {
  const targets = typeof target === "number" ? [target] : [...target];
  const rows = [...measurements]
    .sort((a, b) => Date.parse(a.measured_at) - Date.parse(b.measured_at))
    .map((m) => ({ label: shortDateLabel(m.measured_at), at: m.measured_at, value: m.value }));
  const values = [...rows.map((r) => r.value), ...targets, ...(baseline === null ? [] : [baseline])];
  const integer = values.every((v) => Number.isInteger(v));
  const [low, high] = yDomain(values);
  const domain: [number, number] = integer ? [Math.floor(low), Math.max(Math.ceil(high), Math.floor(low) + 1)] : [low, high];
  return { rows, target: targets[0] ?? null, targets, domain, integer, ticks: integer ? integerTicks(domain) : undefined };
}

/** Whole-number ticks across `domain`, at most about six of them: 0 1 2 3, or 0 2 4 6 8. */
export function integerTicks([low, high]: [number, number]): number[] {
  const span = Math.max(1, high - low);
  const step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000].find((s) => span / s <= 6) ?? Math.ceil(span / 6);
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high; tick += step) ticks.push(tick);
  return ticks;
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
