"""The `near` and `within_km` query parameters, as both directory lists declare them."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from api.core.problems import pattern_in_words
from api.interop.geo import DEFAULT_WITHIN_KM, MAX_WITHIN_KM, NEAR_HINT, NEAR_PATTERN

NearQuery = Annotated[
    str | None,
    Query(
        max_length=64,
        pattern=pattern_in_words(NEAR_PATTERN, NEAR_HINT),
        description="`latitude,longitude` in decimal degrees (WGS 84), e.g. `45.52,-122.68`: "
        "the answer is the nearest first, each item with `distance_km`.",
        examples=["45.52,-122.68"],
    ),
]
WithinKm = Annotated[
    float | None,
    Query(
        gt=0,
        le=MAX_WITHIN_KM,
        description=f"Radius of a `near` search in km (default {DEFAULT_WITHIN_KM:g}, "
        f"at most {MAX_WITHIN_KM:g}); ignored without `near`.",
    ),
]

NEAR_DESCRIPTION = (
    "Without `near`: one keyset page by name. With `near=lat,lon` (and optionally "
    "`within_km`): the nearest `limit` entries with coordinates inside that radius, nearest "
    "first, each with `distance_km` (great-circle, haversine); a bounded page whose "
    "`next_cursor` is always null: widen `within_km` or raise `limit` to see more. Other "
    "filters still apply. A malformed `near` (latitude outside ±90, longitude outside ±180), "
    f"or `within_km` outside (0, {MAX_WITHIN_KM:g}], is a 422 naming the parameter."
)
