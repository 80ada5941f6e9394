"""Time zones: stored in UTC, shown and meant in the practice's IANA zone (DESIGN.md §3).

A practice (`Organization.time_zone`) has a zone; a case may override it for its client
(`Case.time_zone`). A date-only deadline means the end of that day in the zone that applies.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import AfterValidator, Field

DEFAULT_TIME_ZONE = "America/New_York"


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    """The IANA zone names this machine's tz database knows (without the legacy aliases
    that `available_timezones` also lists, such as `EST5EDT`, which are still accepted)."""
    return frozenset(available_timezones())


@lru_cache(maxsize=512)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name already validated on write."""
    return ZoneInfo(name)


def _iana(name: str) -> str:
    if name not in known_time_zones():
        raise ValueError("use an IANA time zone name such as America/New_York")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:  # pragma: no cover - listed names load
        raise ValueError("use an IANA time zone name such as America/New_York") from exc
    return name


def _published_names(schema: dict[str, Any]) -> None:
    """Publishes the accepted names exactly, as one pattern (a list of names as an `enum`
    would turn every client's `string` into a 600-name union type)."""
    # Names hold letters, digits, `/`, `_`, `-` and `+` (Etc/GMT+5): only `+` needs escaping,
    # and escaping nothing else keeps the pattern valid in ECMA-262's unicode mode too.
    names = "|".join(name.replace("+", "\\+") for name in sorted(known_time_zones()))
    schema["pattern"] = f"^(?:{names})$"
    schema.setdefault("description", "An IANA time zone name; the pattern lists every one.")


TimeZoneName = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        examples=["America/New_York"],
        json_schema_extra=_published_names,
    ),
    AfterValidator(_iana),
]
"""An IANA time zone name (`America/Los_Angeles`, `Europe/Dublin`, `UTC`)."""


def end_of_local_day(day: date, tz: ZoneInfo) -> datetime:
    """The last moment (23:59:59.999999) of `day` in `tz`, in UTC."""
    start_of_next = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz)
    return (start_of_next - timedelta(microseconds=1)).astimezone(UTC)


def local_date(moment: datetime, tz: ZoneInfo) -> date:
    """The calendar date of `moment` in `tz`."""
    return moment.astimezone(tz).date()


def day_text(moment: datetime | date, tz: ZoneInfo | None = None) -> str:
    """A date as users read it, in `tz` when a moment is given: `Mon, Mar 8, 2027`.

    The one day format of alert titles, printouts and reports; the SPA's formatter
    (frontend/src/lib/format.ts) writes the same shape."""
    if isinstance(moment, datetime):
        day = (moment.astimezone(tz) if tz is not None else moment).date()
    else:
        day = moment
    return f"{day:%a, %b} {day.day}, {day.year}"


def time_text(moment: datetime, tz: ZoneInfo) -> str:
    """A date and time as users read it, in `tz`: `Mon, Mar 8, 2027, 6:00 PM EST`."""
    local = moment.astimezone(tz)
    hour = local.hour % 12 or 12
    return f"{day_text(local)}, {hour}:{local:%M %p} {local.tzname()}"
