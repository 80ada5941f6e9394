"""Distance search over the directory: `?near=lat,lon&within_km=` on centers and resources.

How it works, the same on PostgreSQL and SQLite:
1. a bounding box around `near` (±`within_km` of latitude and longitude, split in two across
   the antimeridian, the whole longitude range near a pole) narrows the rows in SQL, on the
   `(organization_id, latitude, longitude)` index;
2. only the candidates' ids and coordinates are read, and the exact great-circle distance
   (haversine, mean Earth radius 6371.0088 km, IUGG) is computed in Python, so both databases
   give the same numbers (SQLite has no trigonometry everywhere);
3. the rows inside the circle are ordered nearest first (ties by id) and the first `limit`
   loaded.

Paging: a near-search answers one bounded page, the nearest `limit` (at most 200) within
`within_km`, and `next_cursor` is always null. Distances are not a stable keyset (they
change with `near`), and a referrer wants the closest few, not page 40; to see further,
widen `within_km` or raise `limit`.
"""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from api.core.problems import FieldError, UnprocessableContent

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180
DEFAULT_WITHIN_KM = 50.0
MAX_WITHIN_KM = 2000.0

# Latitude -90..90 and longitude -180..180 in the pattern itself, so a value the published
# schema allows is one the server takes (the OpenAPI fuzz holds it to that).
_LATITUDE = r"-?(?:90(?:\.0+)?|[1-8]?[0-9](?:\.[0-9]+)?)"
_LONGITUDE = r"-?(?:180(?:\.0+)?|(?:1[0-7][0-9]|[1-9]?[0-9])(?:\.[0-9]+)?)"
NEAR_PATTERN = rf"^ *{_LATITUDE} *, *{_LONGITUDE} *$"
NEAR_HINT = "write it as latitude,longitude in decimal degrees, e.g. 45.52,-122.68"
_NEAR = re.compile(NEAR_PATTERN)


@dataclass(frozen=True)
class Near:
    latitude: float
    longitude: float
    within_km: float


def _invalid(field: str, msg: str) -> UnprocessableContent:
    return UnprocessableContent(
        f"{field}: {msg}", errors=[FieldError(loc=["query", field], msg=msg, type="value_error")]
    )


def parse_near(near: str | None, within_km: float | None) -> Near | None:
    """`"45.52,-122.68"` → Near; None without `near` (a `within_km` alone is ignored). 422
    naming `near` for a malformed value or a latitude outside ±90 / longitude outside ±180,
    and naming `within_km` outside (0, 2000]. The routes declare the same limits in the
    OpenAPI document (`NEAR_PATTERN`, `within_km` bounds), which FastAPI checks first."""
    if near is None:
        return None
    if not _NEAR.match(near):
        raise _invalid("near", NEAR_HINT)
    latitude, longitude = (float(part) for part in near.split(","))
    if not -90 <= latitude <= 90:
        raise _invalid("near", "latitude must be between -90 and 90")
    if not -180 <= longitude <= 180:
        raise _invalid("near", "longitude must be between -180 and 180")
    radius = DEFAULT_WITHIN_KM if within_km is None else within_km
    if not 0 < radius <= MAX_WITHIN_KM:
        raise _invalid("within_km", f"must be more than 0 and at most {MAX_WITHIN_KM:g}")
    return Near(latitude, longitude, radius)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres between two WGS 84 points (decimal degrees)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(latitude_col: Any, longitude_col: Any, near: Near) -> Any:
    """An SQL condition true for every point within `near.within_km` (and a few more)."""
    dlat = near.within_km / KM_PER_DEGREE
    south, north = max(-90.0, near.latitude - dlat), min(90.0, near.latitude + dlat)
    in_latitude = and_(latitude_col >= south, latitude_col <= north)
    # Longitude degrees shrink with cos(latitude); at the box's most poleward edge most.
    cos_edge = math.cos(math.radians(max(abs(south), abs(north))))
    if cos_edge < 1e-6 or near.within_km / (KM_PER_DEGREE * cos_edge) >= 180:
        return and_(in_latitude, longitude_col.is_not(None))
    dlon = near.within_km / (KM_PER_DEGREE * cos_edge)
    west, east = near.longitude - dlon, near.longitude + dlon
    if west < -180:
        in_longitude = or_(longitude_col >= west + 360, longitude_col <= east)
    elif east > 180:
        in_longitude = or_(longitude_col >= west, longitude_col <= east - 360)
    else:
        in_longitude = and_(longitude_col >= west, longitude_col <= east)
    return and_(in_latitude, in_longitude)


def nearest(
    session: Session, model: Any, statement: Any, near: Near, limit: int
) -> tuple[list[Any], dict[uuid.UUID, float]]:
    """The `limit` rows of `statement` (a filtered `select(model)`) nearest `near` within its
    radius, nearest first, and each one's distance in km rounded to metres (3 decimals)."""
    boxed = statement.where(bounding_box(model.latitude, model.longitude, near))
    candidates = session.execute(
        boxed.with_only_columns(model.id, model.latitude, model.longitude)
    ).all()
    within = sorted(
        (
            (haversine_km(near.latitude, near.longitude, lat, lon), row_id)
            for row_id, lat, lon in candidates
        ),
        key=lambda pair: (pair[0], str(pair[1])),
    )
    within = [(d, i) for d, i in within if d <= near.within_km][:limit]
    if not within:
        return [], {}
    by_id = {
        row.id: row
        for row in session.scalars(select(model).where(model.id.in_([i for _, i in within])))
    }
    return [by_id[i] for _, i in within], {i: round(d, 3) for d, i in within}
