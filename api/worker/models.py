from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from api.core.types import UTCDateTime


class JobLease(SQLModel, table=True):
    """Who runs a scheduled job until when. A worker takes the lease with one
    conditional UPDATE, so two workers never run the same job at the same time."""

    __tablename__ = "job_leases"

    job: str = Field(primary_key=True, max_length=80)
    owner: str = Field(max_length=80)
    locked_until: datetime = Field(sa_type=UTCDateTime)
    last_run_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
