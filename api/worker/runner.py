"""The background worker: runs every job once a minute, each in its own transaction."""

from __future__ import annotations

import logging
import threading

from api.core import clock
from api.core.db import SessionFactory
from api.worker.jobs import JOBS

log = logging.getLogger("cairn.worker")
INTERVAL_SECONDS = 60.0


def run_once(factory: SessionFactory) -> dict[str, int]:
    done: dict[str, int] = {}
    for name, job in JOBS.items():
        try:
            with factory() as session:
                done[name] = job(session, clock.now())
                session.commit()
        except Exception:
            log.exception("job failed", extra={"job": name})
    return done


def run_forever(factory: SessionFactory, stop: threading.Event) -> None:
    log.info("worker started", extra={"jobs": sorted(JOBS)})
    while not stop.is_set():
        run_once(factory)
        stop.wait(INTERVAL_SECONDS)


def start_in_background(factory: SessionFactory) -> threading.Event:
    stop = threading.Event()
    threading.Thread(
        target=run_forever, args=(factory, stop), name="cairn-worker", daemon=True
    ).start()
    return stop
