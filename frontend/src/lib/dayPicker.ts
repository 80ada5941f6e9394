import type { DayOfWeek } from "@mantine/dates";
import { isoToZonedInput } from "./format";

/** Names for the calendar's buttons: without them its arrows are unnamed buttons to a screen reader. */
export const CALENDAR_ARIA_LABELS = {
  nextMonth: "Next month",
  previousMonth: "Previous month",
  nextYear: "Next year",
  previousYear: "Previous year",
  nextDecade: "Next decade",
  previousDecade: "Previous decade",
  monthLevelControl: "Choose a month",
  yearLevelControl: "Choose a year",
};

/** Today (YYYY-MM-DD) on the practice's calendar, which is not always the browser's. */
export function practiceToday(now: Date = new Date()): string {
  return (isoToZonedInput(now.toISOString()) ?? now.toISOString()).slice(0, 10);
}

/**
 * The props of a range picker of past days: one day may be the whole range, no day after
 * today (the practice's) can be chosen, days of the next and previous months are not drawn
 * (greyed, they failed the contrast check), weekends are not drawn in red (too little
 * contrast on white), and the calendar's popover is a dialog named
 * `dialogLabel` (Mantine names it by the field's own text, which is empty until a day is
 * chosen).
 */
export function pastDaysRangeProps(dialogLabel: string) {
  return {
    allowSingleDateInRange: true,
    maxDate: practiceToday(),
    hideOutsideDates: true,
    weekendDays: [] as DayOfWeek[],
    ariaLabels: CALENDAR_ARIA_LABELS,
    popoverProps: { attributes: { dropdown: { "aria-label": dialogLabel } } },
  } as const;
}
