// Check-ins → rows for the trend charts. Pure, so the mapping is unit-tested.
import type { Adherence, CheckInRead } from "../../api/types";
import { shortDateLabel } from "../goals/chart";

export interface TrendRow {
  label: string;
  at: string;
  days_used: number | null;
  craving: number | null;
  mood: number | null;
  meetings_attended: number | null;
  /** The Brief Addiction Monitor composites (Use 0–12, Risk and Protective 0–24). */
  bam_use: number | null;
  bam_risk: number | null;
  bam_protective: number | null;
}

/** Oldest first; a missing answer stays null so the chart shows a gap, not a zero. */
export function trendRows(checkIns: readonly CheckInRead[]): TrendRow[] {
  return [...checkIns]
    .sort((a, b) => Date.parse(a.submitted_at) - Date.parse(b.submitted_at))
    .map((c) => ({
      label: shortDateLabel(c.submitted_at),
      at: c.submitted_at,
      days_used: c.days_used ?? null,
      craving: c.craving ?? null,
      mood: c.mood ?? null,
      meetings_attended: c.meetings_attended ?? null,
      bam_use: c.bam?.use ?? null,
      bam_risk: c.bam?.risk ?? null,
      bam_protective: c.bam?.protective ?? null,
    }));
}

/** Whether a series has anything to draw. */
export function hasValues(rows: readonly TrendRow[], key: keyof Omit<TrendRow, "label" | "at">): boolean {
  return rows.some((row) => row[key] !== null);
}

/** Received against expected as a percentage (capped at 100); null when nothing was due yet. */
export function adherencePercent(item: Pick<Adherence, "expected" | "received">): number | null {
  if (item.expected <= 0) return null;
  return Math.min(100, Math.round((item.received / item.expected) * 100));
}

export function anySafety(c: Pick<CheckInRead, "safety">): boolean {
  return c.safety.overdose || c.safety.self_harm_thoughts || c.safety.violence;
}

/**
 * "3 of 4 (75%)"; before any check-in was due, "1 received, none due yet" rather than
 * "1 of 0 (too early to tell)".
 */
export function adherenceText(received: number, expected: number, percent: number | null): string {
  if (expected === 0 || percent === null) {
    const got = received === 0 ? "None received" : `${received} received`;
    return `${got}, ${expected === 0 ? "none due yet" : "too early to tell"}`;
  }
  return `${received} of ${expected} (${percent}%)`;
}
