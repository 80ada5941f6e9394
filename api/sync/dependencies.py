from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Depends, Query

from api.core.schemas import Timestamp


def updated_since_param(
    updated_since: Annotated[
        Timestamp | None,
        Query(
            description="Only rows changed at or after this time (RFC 3339; send the "
            "`next_updated_since` of your last sync). Adds `removed_ids`. Older than 90 days: "
            "410 resync-required."
        ),
    ] = None,
) -> datetime | None:
    # The 90-day window is checked where removed_ids are read (api/sync/service.py), after
    # the list has checked its own parameters, so a bad cursor is still a 400.
    return updated_since


UpdatedSince = Annotated[datetime | None, Depends(updated_since_param)]
