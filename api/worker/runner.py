"""The background worker: every job once a minute, each under a lease and in its own transaction.

Any number of workers may run (in-process with `cairn serve`, or `cairn worker`
processes): a job runs only in the worker that holds its lease, so no job is
done twice at the same time. Jobs take `now` so tests can move time.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from api.core import clock
from api.core.config import Settings, get_settings
from api.core.db import SessionFactory, affected_rows, is_unavailable
from api.core.logging import describe_error
from api.worker.jobs import JOBS
from api.worker.models import JobLease

log = logging.getLogger("cairn.worker")
INTERVAL_SECONDS = 60.0
LEASE = timedelta(minutes=5)
# After a run the lease is kept until the job is due again, so that across all
# workers each job runs once per interval.
MIN_GAP = timedelta(seconds=50)


def worker_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


def take_lease(factory: SessionFactory, job: str, owner: str, now: datetime) -> bool:
    with factory() as session:
        taken = session.execute(
            update(JobLease)
            .where(col(JobLease.job) == job, col(JobLease.locked_until) <= now)
            .values(owner=owner, locked_until=now + LEASE)
        )
        if affected_rows(taken) == 1:
            session.commit()
            return True
        session.rollback()
        if session.get(JobLease, job) is not None:
            return False  # another worker holds it
        try:
            session.add(JobLease(job=job, owner=owner, locked_until=now + LEASE))
            session.commit()
        except IntegrityError:
            session.rollback()
            return False
        return True


def release_lease(factory: SessionFactory, job: str, owner: str, started: datetime) -> None:
    with factory() as session:
        session.execute(
            update(JobLease)
            .where(col(JobLease.job) == job, col(JobLease.owner) == owner)
            .values(locked_until=started + MIN_GAP, last_run_at=started)
        )
        session.commit()


def run_once(
    factory: SessionFactory, owner: str | None = None, settings: Settings | None = None
) -> dict[str, int]:
    """Runs every job whose lease this worker gets; returns what each job did."""
    owner = owner or worker_id()
    settings = settings or get_settings()
    done: dict[str, int] = {}
    for name, job in JOBS.items():
        now = clock.now()
        if not take_lease(factory, name, owner, now):
            continue
        try:
            with factory() as session:
                done[name] = job(session, now, settings)
                session.commit()
        except Exception:
            # Withheld by api/core/logging.py: the type and frames, not the message (values).
            log.exception("job failed", extra={"job": name})
        finally:
            release_lease(factory, name, owner, now)
    return done


def run_forever(factory: SessionFactory, stop: threading.Event, settings: Settings) -> None:
    """Runs a round every INTERVAL_SECONDS until `stop` is set. A round that fails (the
    database restarting) is logged and the next one tried: the worker outlives an outage."""
    owner = worker_id()
    log.info("worker started", extra={"jobs": sorted(JOBS), "worker": owner})
    while not stop.is_set():
        try:
            run_once(factory, owner, settings)
        except Exception as exc:
            if is_unavailable(exc):
                log.warning("worker round skipped", extra={"error": describe_error(exc)})
            else:
                log.exception("worker round failed")
        stop.wait(INTERVAL_SECONDS)


@dataclass
class BackgroundWorker:
    """The worker running in a thread of `cairn serve`."""

    stop_requested: threading.Event
    thread: threading.Thread

    def stop(self, timeout: float = 20.0) -> None:
        """Asks the worker to stop and waits, at most `timeout` seconds, for its round."""
        self.stop_requested.set()
        self.thread.join(timeout)


def start_in_background(factory: SessionFactory, settings: Settings) -> BackgroundWorker:
    stop = threading.Event()
    thread = threading.Thread(
        target=run_forever, args=(factory, stop, settings), name="cairn-worker", daemon=True
    )
    thread.start()
    return BackgroundWorker(stop, thread)
