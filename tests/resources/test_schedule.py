"""Next meeting times, in the resource's own zone and across daylight-saving changes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from api.resources.models import Resource
from api.resources.schedule import next_meeting_starts


def _resource(meetings: list[dict[str, str]], zone: str = "America/Chicago") -> Resource:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    return Resource(
        organization_id=uuid.uuid4(),
        name="Group",
        kind="mutual_help",
        audience="client",
        format="in_person",
        time_zone=zone,
        meetings=meetings,
        created_at=now,
        updated_at=now,
    )


def test_the_next_meetings_come_in_order_in_the_resources_zone() -> None:
    group = _resource(
        [
            {"day_of_week": "tuesday", "start_time": "19:00", "end_time": "20:00"},
            {"day_of_week": "thursday", "start_time": "12:00", "end_time": "13:00"},
        ]
    )
    # Tuesday 2026-03-03, 18:00 in Chicago (CST, UTC-6).
    after = datetime(2026, 3, 4, 0, 0, tzinfo=UTC)
    starts = next_meeting_starts(group, after, limit=3)
    assert [s.isoformat() for s in starts] == [
        "2026-03-03T19:00:00-06:00",
        "2026-03-05T12:00:00-06:00",
        # After the change to daylight time on March 8: still 7 pm local.
        "2026-03-10T19:00:00-05:00",
    ]
    assert next_meeting_starts(group, starts[0], limit=1) == [starts[1]]


def test_a_group_without_meetings_has_no_next_meeting() -> None:
    assert next_meeting_starts(_resource([]), datetime(2026, 3, 4, tzinfo=UTC)) == []


def test_many_meetings_a_week_are_listed_as_far_as_asked() -> None:
    weekdays = ["monday", "tuesday", "wednesday", "thursday", "friday"]
    online = _resource(
        [{"day_of_week": d, "start_time": "12:00", "end_time": "13:00"} for d in weekdays],
        zone="America/New_York",
    )
    starts = next_meeting_starts(online, datetime(2026, 3, 7, 12, 0, tzinfo=UTC), limit=6)
    assert [s.strftime("%a %d %H:%M") for s in starts] == [
        "Mon 09 12:00",
        "Tue 10 12:00",
        "Wed 11 12:00",
        "Thu 12 12:00",
        "Fri 13 12:00",
        "Mon 16 12:00",
    ]
