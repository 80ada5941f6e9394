"""The Brief Addiction Monitor's Use, Risk and Protective composites of a client check-in.

Sources: Cacciola JS, Alterman AI, DePhilippis D, et al. "Development and initial evaluation
of the Brief Addiction Monitor (BAM)". J Subst Abuse Treat. 2013;44(3):256-263
(doi:10.1016/j.jsat.2012.07.013); and the VA manual, DePhilippis D, Goodman J, Beamer K,
Bloedorn S. "Brief Addiction Monitor (BAM): Manual for Use in SUD Group Treatment" (Philadelphia
VAMC CESATE, 2014), whose scoring this follows.

The BAM asks 17 items about the past 30 days. Each scored item is worth 0-4: a day count by
its band (0 days → 0, 1-3 → 1, 4-8 → 2, 9-15 → 3, 16-30 → 4); a rating as answered, from
0 (not at all / excellent) to 4 (extremely / poor). The manual's composites:

| composite  | BAM items                                                              | range |
|------------|------------------------------------------------------------------------|-------|
| Use        | 4 days any alcohol, 5 days heavy drinking, 6 days illegal drugs or     | 0-12  |
|            | misused prescriptions                                                  |       |
| Risk       | 1 physical health, 2 nights of trouble sleeping, 3 days depressed,     | 0-24  |
|            | anxious, angry or very upset, 8 cravings, 11 days in risky situations, |       |
|            | 15 bothered by arguments with family or friends                        |       |
| Protective | 9 confidence to stay abstinent, 10 days at self-help meetings,         | 0-24  |
|            | 12 religion or spirituality helps, 13 days at work, school or          |       |
|            | volunteering, 14 income for necessities, 16 days in contact with       |       |
|            | supportive family or friends                                           |       |

Items 7 (which drugs) and 17 (satisfaction with progress) are in no composite.

How Cairn's check-in feeds them (see docs/api.md, "BAM composites"):

- Use = band(`days_used`) + band(`heavy_drinking_days`). Cairn asks one count of days with any
  alcohol or drug use, so it stands for items 4 and 6 together and is scored once; a missing
  `heavy_drinking_days` scores 0. The result equals the BAM's Use when only alcohol or only
  drugs were used in the window, and is a lower bound when both were. Not scaled.
- Risk: item 8 = `craving`, item 15 = `family_conflict` (both the BAM's own 0-4 wording);
  item 11 = `risky_situations`, item 2 = 4 - `sleep_quality`, item 3 = 4 - `mood` (Cairn asks
  these as 0-4 ratings, not day counts, so the rating stands in for the band; sleep and mood
  are rated good-is-high, hence reversed). Item 1 (physical health) is never asked.
- Protective: item 9 = `confidence`, item 10 = `meetings_attended` (days with a support
  meeting), item 13 = `work_school_days`. Items 12 (spirituality), 14 (income) and 16 (days of
  supportive contact: Cairn asks yes/no, which no band can be read from) are never asked.
- Risk and Protective are scaled to the BAM's full six items: sum of the items present x 6 /
  items present, to one decimal, so the manual's reading (Risk 12 or more, Protective 12 or
  less are of concern) still applies. A composite with fewer than half its items answered is
  `None`, as are all three for a family member's check-in (the BAM is the client's).
- Recall window: the BAM counts days in 30. A count over a shorter window (the weekly
  check-in's 7 days) is prorated to 30 days, rounded half up, before it is banded: one day of
  use in 7 is 4.3 → 4 days a month → 2. A 30-day check-in is banded as answered.
"""

from __future__ import annotations

from dataclasses import dataclass

BAM_DAYS = 30
ITEMS_PER_COMPOSITE = 6  # Risk and Protective; Use has three and is not scaled
# Upper ends of the manual's day-count bands, scored 0, 1, 2, 3 (above the last: 4).
DAY_BANDS = (0, 3, 8, 15)


@dataclass(frozen=True)
class ClientAnswers:
    """The answers the composites read; counts are days within `period_days`."""

    period_days: int
    days_used: int | None
    heavy_drinking_days: int | None
    craving: int | None
    mood: int | None
    sleep_quality: int | None
    risky_situations: int | None
    family_conflict: int | None
    confidence: int | None
    meetings_attended: int | None
    work_school_days: int | None


@dataclass(frozen=True)
class Composites:
    use: int | None
    risk: float | None
    protective: float | None
    items_scored: list[int]


def day_band(days: int, period_days: int) -> int:
    """0-4: a day count over `period_days`, prorated to 30 days (half up), in the BAM's bands."""
    days = max(0, min(days, period_days))
    in_thirty = (2 * days * BAM_DAYS + period_days) // (2 * period_days)
    return next((score for score, top in enumerate(DAY_BANDS) if in_thirty <= top), 4)


def composites(answers: ClientAnswers) -> Composites:
    """The three composites of one client check-in (see the module docstring)."""
    period = answers.period_days

    def days(value: int | None) -> int | None:
        return None if value is None else day_band(value, period)

    def reversed_rating(value: int | None) -> int | None:
        return None if value is None else 4 - value

    use_items = {4: days(answers.days_used), 5: days(answers.heavy_drinking_days)}
    risk_items = {
        2: reversed_rating(answers.sleep_quality),
        3: reversed_rating(answers.mood),
        8: answers.craving,
        11: answers.risky_situations,
        15: answers.family_conflict,
    }
    protective_items = {
        9: answers.confidence,
        10: days(answers.meetings_attended),
        13: days(answers.work_school_days),
    }
    use = None if use_items[4] is None else use_items[4] + (use_items[5] or 0)
    present = {
        n
        for items in (use_items, risk_items, protective_items)
        for n, value in items.items()
        if value is not None
    }
    if 4 in present:
        present.add(6)  # `days_used` answers items 4 and 6 together
    return Composites(
        use=use,
        risk=_scaled(risk_items),
        protective=_scaled(protective_items),
        items_scored=sorted(present),
    )


def _scaled(items: dict[int, int | None]) -> float | None:
    answered = [v for v in items.values() if v is not None]
    if len(answered) * 2 < ITEMS_PER_COMPOSITE:
        return None
    return round(sum(answered) * ITEMS_PER_COMPOSITE / len(answered), 1)
