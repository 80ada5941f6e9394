"""When a resource's weekly meetings next take place.

A meeting is a wall-clock time in the resource's IANA zone ("Thursday 19:00 in
America/Chicago"), so its instant moves with daylight saving and stays at 7 pm local.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from api.core import zones
from api.resources.models import DayOfWeek, Resource


def next_meeting_starts(resource: Resource, after: datetime, limit: int = 3) -> list[datetime]:
    """The next `limit` meeting starts strictly after `after` (an aware datetime), soonest
    first, as aware datetimes in the resource's own `time_zone`. No meetings → `[]`.

    A start that falls in a spring-forward gap is read as the zone does (fold 0: shifted
    forward by the gap); a repeated hour in autumn takes its first occurrence."""
    if not resource.meetings or limit <= 0:
        return []
    tz = zones.zone(resource.time_zone)
    local_after = after.astimezone(tz)
    starts: list[datetime] = []
    # Eight days cover every weekday once, and today's later meeting or next week's.
    for offset in range(
        0, 7 * ((limit + len(resource.meetings) - 1) // len(resource.meetings)) + 8
    ):
        day = local_after.date() + timedelta(days=offset)
        for meeting in resource.meetings:
            if DayOfWeek(meeting["day_of_week"]).iso_number != day.isoweekday():
                continue
            hour, minute = (int(part) for part in meeting["start_time"].split(":"))
            start = datetime.combine(day, time(hour, minute), tzinfo=tz)
            # Normalise through UTC so a time in a DST gap becomes a real instant.
            start = start.astimezone(zones.zone("UTC")).astimezone(tz)
            if start > local_after:
                starts.append(start)
        if len(starts) >= limit:
            break
    return sorted(starts)[:limit]
