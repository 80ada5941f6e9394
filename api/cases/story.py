"""The case timeline as the case's story (DESIGN.md §4 cases; issue 14, item 7).

Besides the case's own events (opened, status moves, team changes, edits), the timeline
reads what the other records of the case already say, so nothing is written twice and old
cases tell their story too:

| entry                              | read from                                       |
|------------------------------------|-------------------------------------------------|
| participant added                  | the audit log (`create participant`): its actor |
| plan submitted/returned/approved/delivered | the plan's revisions and their authors  |
| consent recorded / revoked         | the consents (`created_by`, `revoked_by`)       |
| referral created/sent/answered     | the referral history; a partner is its center   |
| check-in with its risk level       | the check-ins; a portal check-in is its respondent |
| alert raised / acknowledged        | the alerts (`acknowledged_by`)                  |

One page costs one statement per source (nine) plus the audit row, whatever its size: each
source returns at most a page of its newest entries before the cursor, and the merge keeps
the newest. The cursor is the time of the last entry shown and the ids already shown at that
exact time, so entries that share a timestamp are neither repeated nor lost.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from api.cases.models import Case
from api.cases.schemas import TimelineEntry
from api.cases.story_sources import SOURCES
from api.core.pagination import decode_cursor, encode_cursor
from api.core.problems import BadRequest


def story_page(
    session: Session, case: Case, *, limit: int, cursor: str | None
) -> tuple[list[TimelineEntry], str | None]:
    """The newest `limit` entries before the cursor, newest first, and the next cursor."""
    before: datetime | None = None
    seen: set[str] = set()
    if cursor is not None:
        before, shown = decode_cursor(cursor, 2)
        if not isinstance(before, datetime) or not isinstance(shown, list):
            raise BadRequest("The cursor is not valid; start again from the first page.")
        seen = {str(i) for i in shown}
    fetch = limit + 1 + len(seen)
    entries = [
        entry
        for source in SOURCES
        for entry in source(session, case, before, fetch)
        if not (before is not None and entry.at == before and str(entry.id) in seen)
    ]
    entries.sort(key=lambda e: (e.at, str(e.id)), reverse=True)
    page, more = entries[:limit], len(entries) > limit
    if not more or not page:
        return page, None
    last = page[-1].at
    shown_at_last = {str(e.id) for e in page if e.at == last}
    if before is not None and last == before:
        shown_at_last |= seen
    return page, encode_cursor([last, sorted(shown_at_last)])
