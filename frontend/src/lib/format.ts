/**
 * The practice's IANA time zone (from /auth/me): the dashboard shows, and reads, times in
 * it. Unset (the portal, tests), times are the browser's own.
 */
let practiceZone: string | undefined;

/**
 * The one date and time format of every screen and printout, in US English whatever the
 * browser's language, and the same shape as the API's alert texts and timeline reasons
 * (api/core/zones.py `day_text`, `time_text`): "Wed, Dec 2, 2026" and
 * "Wed, Dec 2, 2026, 8:00 AM", with the zone's abbreviation on printouts ("… 8:00 AM EST").
 */
const LOCALE = "en-US";
const DAY: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", year: "numeric" };
const TIME: Intl.DateTimeFormatOptions = { hour: "numeric", minute: "2-digit" };
/** The same shapes for Mantine's date pickers (dayjs tokens). */
export const PICKER_DAY_FORMAT = "ddd, MMM D, YYYY";
export const PICKER_DATE_TIME_FORMAT = "ddd, MMM D, YYYY, h:mm A";

const formatters = (zone: string | undefined) => ({
  dateTime: new Intl.DateTimeFormat(LOCALE, { ...DAY, ...TIME, timeZone: zone }),
  dateTimeZone: new Intl.DateTimeFormat(LOCALE, { ...DAY, ...TIME, timeZoneName: "short", timeZone: zone }),
  dayOfMoment: new Intl.DateTimeFormat(LOCALE, { ...DAY, timeZone: zone }),
  monthDay: new Intl.DateTimeFormat(LOCALE, { month: "short", day: "numeric", timeZone: zone }),
});
let shown = formatters(undefined);
const dateOnly = new Intl.DateTimeFormat(LOCALE, DAY);
const relative = new Intl.RelativeTimeFormat(LOCALE, { numeric: "auto" });

/** Shows (and reads) every time in `zone` from now on; an unknown zone leaves the browser's. */
export function setPracticeTimeZone(zone: string | undefined): void {
  if (zone === practiceZone) return;
  try {
    shown = formatters(zone);
    practiceZone = zone;
  } catch {
    // A zone this browser does not know: keep showing its own.
  }
}

export function practiceTimeZone(): string | undefined {
  return practiceZone;
}

/** The IANA zones this browser knows, for a zone picker. */
export function knownTimeZones(): string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  const zones = intl.supportedValuesOf?.("timeZone") ?? [];
  return zones.includes("UTC") ? zones : [...zones, "UTC"];
}

const wallClock = (zone: string) =>
  new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });

function wallParts(ms: number, zone: string): number[] {
  const parts = wallClock(zone).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return [get("year"), get("month"), get("day"), get("hour"), get("minute"), get("second")];
}

/** "YYYY-MM-DD HH:mm[:ss]" read on the clock of `zone` (default: the practice's) → RFC 3339 UTC. */
export function zonedInputToIso(local: string, zone: string | undefined = practiceZone): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
  if (!m) return null;
  const [y, mo, d, h, mi, se] = m.slice(1).map((v) => Number(v ?? 0));
  if (!zone) {
    const date = new Date(y!, mo! - 1, d, h, mi, se);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  const wall = Date.UTC(y!, mo! - 1, d, h, mi, se);
  const offset = (at: number) => {
    const [py, pmo, pd, ph, pmi, pse] = wallParts(at, zone);
    return Date.UTC(py!, pmo! - 1, pd, ph, pmi, pse) - Math.floor(at / 1000) * 1000;
  };
  // Twice: the first guess may sit on the other side of a daylight-saving change.
  const guess = wall - offset(wall);
  return new Date(wall - offset(guess)).toISOString();
}

/** RFC 3339 → "YYYY-MM-DD HH:mm:ss" on the clock of `zone` (default: the practice's). */
export function isoToZonedInput(iso: string, zone: string | undefined = practiceZone): string | null {
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return null;
  const pad = (n: number) => String(n).padStart(2, "0");
  if (!zone) {
    const d = new Date(ms);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  }
  const [y, mo, d, h, mi, se] = wallParts(ms, zone);
  return `${y}-${pad(mo!)}-${pad(d!)} ${pad(h!)}:${pad(mi!)}:${pad(se!)}`;
}

/** Now, to the minute, as a picker's "YYYY-MM-DD HH:mm:00" on the practice's clock: the default of
 * every "when did it happen" field, read back with `zonedInputToIso`. */
export function nowZonedInput(now: Date = new Date()): string {
  return `${(isoToZonedInput(now.toISOString()) ?? "").slice(0, 16)}:00`;
}

/** Now as a Date whose browser-local wall clock shows the practice's: a picker's `maxDate`. */
export function practiceNowForPicker(now: Date = new Date()): Date {
  const [d, t] = nowZonedInput(now).split(" ");
  const [y, mo, day] = d!.split("-").map(Number);
  const [h, mi] = t!.split(":").map(Number);
  return new Date(y!, mo! - 1, day, h, mi, 59);
}

/** A moment in any `Intl` style, on the practice's clock: printouts, chart labels, pickers' labels.
 * (`new Intl.DateTimeFormat` without `timeZone` would use the browser's.) */
export function formatInPracticeZone(iso: string, options: Intl.DateTimeFormatOptions): string {
  return formatInZone(iso, practiceZone, options);
}

/** A moment on the clock of `zone` (an IANA name; undefined: the browser's). */
export function formatInZone(iso: string, zone: string | undefined, options: Intl.DateTimeFormatOptions): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone }).format(date);
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(date);
  }
}

/** A moment on the practice's clock: "Wed, Dec 2, 2026, 8:00 AM". */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shown.dateTime.format(date);
}

/** A moment with its zone, for printouts that leave the screen: "Wed, Dec 2, 2026, 8:00 AM EST". */
export function formatDateTimeWithZone(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shown.dateTimeZone.format(date);
}

/** The practice's day of a moment: "Wed, Dec 2, 2026". */
export function formatDayOf(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shown.dayOfMoment.format(date);
}

/** A short day for chart axes: "Dec 2", on the practice's clock. */
export function formatMonthDay(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : shown.monthDay.format(date);
}

/** A calendar date (YYYY-MM-DD) shown without a time-zone shift: "Wed, Dec 9, 2026". */
export function formatDate(isoDate: string): string {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (!y || !m || !d) return isoDate;
  return dateOnly.format(new Date(y, m - 1, d));
}

export function formatRelative(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return iso;
  const seconds = Math.round((then - now) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return "just now";
  if (abs < 3600) return relative.format(Math.round(seconds / 60), "minute");
  if (abs < 86400) return relative.format(Math.round(seconds / 3600), "hour");
  if (abs < 86400 * 30) return relative.format(Math.round(seconds / 86400), "day");
  return shown.dayOfMoment.format(new Date(then));
}

export function ageFrom(isoDate: string, now: Date = new Date()): number | null {
  const [y, m, d] = isoDate.split("-").map(Number);
  if (!y || !m || !d) return null;
  let age = now.getFullYear() - y;
  if (now.getMonth() + 1 < m || (now.getMonth() + 1 === m && now.getDate() < d)) age -= 1;
  return age;
}

export function humanize(code: string): string {
  const words = code.replace(/[._-]+/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
