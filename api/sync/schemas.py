"""What a list that mobile clients sync adds to its page (docs/api.md, "Sync")."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

from api.core import clock
from api.core.pagination import Page

T = TypeVar("T")

RETENTION = timedelta(days=90)
"""How long removals are remembered: an older `updated_since` answers 410 resync-required."""

MAX_REMOVED_IDS = 1_000
"""More removals than this in one window answer 410 resync-required too."""

CLOCK_MARGIN = timedelta(minutes=2)
"""`next_updated_since` lags the server clock by this much, so that a change written by a
transaction still in flight when the page was read is not missed by the next sync."""


def _next_updated_since() -> datetime:
    return clock.now() - CLOCK_MARGIN


class SyncFields(BaseModel):
    removed_ids: list[uuid.UUID] = Field(
        default_factory=list,
        description="With `updated_since`: ids that left your view since then (deleted, or on "
        "a case you can no longer see); purge them. Always empty without `updated_since` (a "
        "full listing: replace your copy). Complete for the window on every page.",
    )
    next_updated_since: datetime = Field(
        default_factory=_next_updated_since,
        description="Server time to send as `updated_since` on your next sync: keep the value "
        "of the first page of a run. It lags the clock by a small margin, so some rows may "
        "come again.",
    )


class SyncPage(SyncFields, Page[T], Generic[T]):
    """A page of a list that mobile clients sync with `updated_since`."""
