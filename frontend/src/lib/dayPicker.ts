import type { DayOfWeek } from "@mantine/dates";
import { useRef, useState } from "react";
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
 * chosen). The clear "×" is named for what it does (the theme names every close button
 * "Close"); `onClearPress` hears it pressed, before Mantine reports the empty range.
 */
export function pastDaysRangeProps(dialogLabel: string, onClearPress?: () => void) {
  return {
    allowSingleDateInRange: true,
    maxDate: practiceToday(),
    hideOutsideDates: true,
    weekendDays: [] as DayOfWeek[],
    ariaLabels: CALENDAR_ARIA_LABELS,
    popoverProps: { attributes: { dropdown: { "aria-label": dialogLabel } } },
    // Not onClick: Mantine's own onClick (which clears) would be replaced.
    clearButtonProps: { "aria-label": "Clear the dates", onPointerDown: onClearPress },
  } as const;
}

export type DayRange = [string | null, string | null];

/**
 * A range picker over a range kept elsewhere (the URL): a half-chosen range (the first day
 * picked) lives only on screen until the second day, and `commit` hears whole ranges and
 * deliberate clears. Mantine reports an empty range too when a half-chosen one is dropped
 * (Escape, a click outside): the current range is kept then. Spread `onClearPress` into
 * `pastDaysRangeProps` so the clear "×" still clears.
 */
export function useDayRange(current: DayRange, commit: (value: DayRange) => void) {
  const [picking, setPicking] = useState<DayRange | null>(null);
  const clearing = useRef(false);
  const choose = (value: DayRange) => {
    const cleared = clearing.current;
    clearing.current = false;
    if (value[0] && !value[1]) {
      setPicking(value);
      return;
    }
    const dropped = picking !== null && !value[0] && !value[1] && !cleared;
    setPicking(null);
    if (!dropped) commit(value);
  };
  const onClearPress = () => {
    clearing.current = true;
  };
  return { range: picking ?? current, choose, onClearPress };
}
