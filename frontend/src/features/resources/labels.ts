// Words for the resource directory's closed vocabularies (DESIGN.md §4 Resources).
import type {
  DayOfWeek,
  MeetingRead,
  ResourceAudience,
  ResourceCost,
  ResourceFormat,
  ResourceKind,
} from "../../api/types";

export const KINDS: readonly ResourceKind[] = [
  "mutual_help",
  "family_support",
  "counseling",
  "sober_living",
  "crisis_line",
  "community_program",
  "recovery_coaching",
  "peer_support",
];

export const KIND_LABEL: Record<ResourceKind, string> = {
  mutual_help: "Mutual-help group",
  family_support: "Family support",
  counseling: "Counseling",
  sober_living: "Sober living",
  crisis_line: "Crisis line",
  community_program: "Community program",
  recovery_coaching: "Recovery coaching",
  peer_support: "Peer support",
};

export const AUDIENCES: readonly ResourceAudience[] = ["client", "family", "both"];

export const AUDIENCE_LABEL: Record<ResourceAudience, string> = {
  client: "For the client",
  family: "For the family",
  both: "Client and family",
};

export const FORMATS: readonly ResourceFormat[] = ["in_person", "online", "hybrid"];

export const FORMAT_LABEL: Record<ResourceFormat, string> = {
  in_person: "In person",
  online: "Online",
  hybrid: "In person or online",
};

export const COSTS: readonly ResourceCost[] = ["free", "donation", "sliding_scale", "insurance", "fee"];

export const COST_LABEL: Record<ResourceCost, string> = {
  free: "Free",
  donation: "Donation",
  sliding_scale: "Sliding scale",
  insurance: "Insurance",
  fee: "Fee",
};

export const DAYS: readonly DayOfWeek[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

export const DAY_LABEL: Record<DayOfWeek, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

export const DAY_SHORT: Record<DayOfWeek, string> = {
  monday: "Mon",
  tuesday: "Tue",
  wednesday: "Wed",
  thursday: "Thu",
  friday: "Fri",
  saturday: "Sat",
  sunday: "Sun",
};

/** "19:00" → "7:00 PM"; "12:30" → "12:30 PM" (US English, the way a flyer says it). */
export function clockTime(hhmm: string): string {
  const [h = 0, m = 0] = hhmm.split(":").map(Number);
  const suffix = h < 12 ? "AM" : "PM";
  const hour = h % 12 === 0 ? 12 : h % 12;
  return `${hour}:${String(m).padStart(2, "0")} ${suffix}`;
}

/** "Tue 7:00 PM – 8:30 PM". */
export function meetingLine(meeting: MeetingRead, short = true): string {
  const day = (short ? DAY_SHORT : DAY_LABEL)[meeting.day_of_week];
  return `${day} ${clockTime(meeting.start_time)} – ${clockTime(meeting.end_time)}`;
}

/** "Chicago (CST)": the zone a meeting time is meant in, short, for beside the times. */
export function zoneAbbreviation(timeZone: string, at: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "short" }).formatToParts(at);
    return parts.find((p) => p.type === "timeZoneName")?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

/** "English, Spanish" from BCP 47 tags; unknown tags are shown as written. */
export function languageNames(tags: readonly string[]): string {
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames(["en"], { type: "language" });
  } catch {
    names = null;
  }
  return tags.map((tag) => names?.of(tag) ?? tag).join(", ");
}

/** "Thu, Mar 5, 7:00 PM" in the resource's own zone (where the meeting happens). */
export function meetingMoment(iso: string, timeZone: string | null | undefined): string {
  const options: Intl.DateTimeFormatOptions = { weekday: "short", month: "short", day: "numeric", hour: "numeric", minute: "2-digit" };
  try {
    return new Intl.DateTimeFormat("en-US", { ...options, timeZone: timeZone ?? undefined }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat("en-US", options).format(new Date(iso));
  }
}
