#!/usr/bin/env python3
"""Restart PostgreSQL under load and count what was lost (issue 11, "Done means").

It starts a PostgreSQL instance of its own (initdb into a temporary directory with the
machine's binaries under /usr/lib/postgresql/*/bin, on a free port; as the `postgres`
user when run as root, because initdb refuses root), starts `cairn serve` against it,
and runs concurrent clients that open cases for a while. Midway it restarts PostgreSQL.
Afterwards it counts, straight from the database:

- acknowledged writes that are missing (a 2xx answer whose case is not stored): must be 0;
- answers 500: must be 0 (a 503 with Retry-After is the expected answer during the outage;
  a 503 without Retry-After is a failure too);
- writes acknowledged after the restart: must be more than 0 (the API recovers by itself).

Prints the counts as one JSON object and exits 1 when a rule is broken. Bounded: about
15 s of load plus start-up and checks, well under 60 s.

Usage: .venv/bin/python scripts/restart_under_load.py [--clients 20] [--seconds 15]
       [--restart-mode fast|immediate]
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psycopg

ROOT = Path(__file__).resolve().parent.parent
CAIRN = ROOT / ".venv" / "bin" / "cairn"
ADMIN_EMAIL, ADMIN_PASSWORD = "load.admin@example.org", "a long load-test password"


def prepare_database(url: str, env: dict[str, str]) -> None:
    """Migrations and the admin, in this process: one Python start-up fewer than
    `cairn create-admin` (start-up is most of this script's time on a busy machine)."""
    sys.path.insert(0, str(ROOT))
    from api.core.config import Settings
    from api.core.db import create_db_engine, session_factory_for
    from api.core.migrations import upgrade_to_head
    from api.demo.accounts import create_admin

    settings = Settings(database_url=url, secret_key=env["CAIRN_SECRET_KEY"])
    engine = create_db_engine(settings)
    upgrade_to_head(engine)
    create_admin(
        session_factory_for(engine), "Load Test Practice", ADMIN_EMAIL, ADMIN_PASSWORD, "Load Admin"
    )
    engine.dispose()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), key=_version)
    if not found:
        raise SystemExit(f"no PostgreSQL {name} under /usr/lib/postgresql/*/bin")
    return found[-1]


def _version(path: str) -> float:
    try:
        return float(Path(path).parts[4])
    except (IndexError, ValueError):
        return 0.0


class Postgres:
    """A throw-away cluster in a temporary directory, trust auth on 127.0.0.1."""

    def __init__(self, workdir: Path, port: int) -> None:
        self.data, self.log, self.port = workdir / "data", workdir / "postgres.log", port
        self.socket_dir = workdir
        self.as_user: list[str] = []
        if os.geteuid() == 0:
            self.as_user = ["runuser", "-u", "postgres", "--"]
            shutil.chown(workdir, "postgres")

    def run(self, *command: str) -> None:
        subprocess.run(  # noqa: S603  (our own fixed commands)
            [*self.as_user, *command], check=True, capture_output=True, timeout=60
        )

    def init(self) -> None:
        self.run(
            pg_bin("initdb"),
            "-D",
            str(self.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "--no-sync",
            "-E",
            "UTF8",
        )

    def ctl(self, action: str, *extra: str) -> None:
        options = f"-p {self.port} -k {self.socket_dir} -c listen_addresses=127.0.0.1"
        self.run(
            pg_bin("pg_ctl"),
            action,
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "30",
            "-o",
            options,
            *extra,
        )

    def url(self, database: str, driver: str = "postgresql+psycopg") -> str:
        return f"{driver}://postgres@127.0.0.1:{self.port}/{database}"


@dataclass
class Tally:
    acknowledged: list[tuple[str, float]] = field(default_factory=list)  # (case id, when)
    statuses: Counter[str] = field(default_factory=Counter)
    unavailable_without_retry_after: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def client_loop(base: str, token: str, stop: threading.Event, tally: Tally, number: int) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=5.0) as http:
        sequence = 0
        while not stop.is_set():
            sequence += 1
            body = {
                "client": {"first_name": "Load", "last_name": f"Client {number}-{sequence}"},
                "summary": "Created by the restart-under-load test.",
            }
            try:
                response = http.post(
                    "/api/v1/cases", json=body, headers={"Idempotency-Key": uuid.uuid4().hex}
                )
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.statuses[f"connection error ({type(exc).__name__})"] += 1
                time.sleep(0.2)
                continue
            with tally.lock:
                tally.statuses[str(response.status_code)] += 1
                if 200 <= response.status_code < 300:
                    tally.acknowledged.append((response.json()["id"], time.monotonic()))
                elif response.status_code == 503 and "retry-after" not in response.headers:
                    tally.unavailable_without_retry_after += 1
            if response.status_code == 503:
                time.sleep(0.2)  # as a client honouring Retry-After would, but shorter


def wait_ready(base: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=1.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the API did not become ready within {seconds} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--restart-mode", choices=["fast", "immediate"], default="fast")
    args = parser.parse_args()
    started = time.monotonic()
    phases: dict[str, float] = {}
    workdir = Path(tempfile.mkdtemp(prefix="cairn-restart-"))
    pg = Postgres(workdir, free_port())
    api: subprocess.Popen[bytes] | None = None
    try:
        pg.init()
        phases["initdb"] = time.monotonic() - started
        pg.ctl("start")
        phases["postgres start"] = time.monotonic() - started
        with psycopg.connect(pg.url("postgres", "postgresql"), autocommit=True) as conn:
            conn.execute("CREATE DATABASE cairn")
        env = {
            **os.environ,
            "CAIRN_DATABASE_URL": pg.url("cairn"),
            "CAIRN_SECRET_KEY": "restart-under-load-" + "x" * 40,
            "CAIRN_SPA_DIST": str(workdir / "no-spa"),
            "CAIRN_RUN_WORKER_IN_PROCESS": "false",
            "CAIRN_LOG_LEVEL": "WARNING",
        }
        api_port = free_port()
        api_log = open(workdir / "api.log", "wb")  # noqa: SIM115  (closed with the process)
        prepare_database(pg.url("cairn"), env)
        phases["migrate and admin"] = time.monotonic() - started
        api = subprocess.Popen(  # noqa: S603  (our own fixed command)
            [str(CAIRN), "serve", "--port", str(api_port), "--no-worker"],
            env=env,
            stdout=api_log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{api_port}"
        wait_ready(base, 30)
        phases["api ready"] = time.monotonic() - started
        token = httpx.post(
            f"{base}/api/v1/auth/token",
            data={"grant_type": "password", "username": ADMIN_EMAIL, "password": ADMIN_PASSWORD},
            timeout=10,
        ).json()["access_token"]

        tally = Tally()
        load_started = time.monotonic()
        stop = threading.Event()
        threads = [
            threading.Thread(target=client_loop, args=(base, token, stop, tally, n))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        time.sleep(args.seconds / 3)
        restart_began = time.monotonic()
        pg.ctl("restart", "-m", args.restart_mode)
        restart_ended = time.monotonic()
        # The load goes on after the restart for at least a third of its length (crash
        # recovery in `immediate` mode may take most of the planned time).
        time.sleep(
            max(load_started + args.seconds, restart_ended + args.seconds / 3) - restart_ended
        )
        stop.set()
        for thread in threads:
            thread.join(timeout=15)

        acknowledged = {case_id for case_id, _ in tally.acknowledged}
        with psycopg.connect(pg.url("cairn", "postgresql")) as conn:
            stored = {
                str(row[0])
                for row in conn.execute(
                    "SELECT id FROM cases WHERE id = ANY(%s)",
                    ([uuid.UUID(i) for i in acknowledged],),
                )
            }
        after_restart = sum(1 for _, when in tally.acknowledged if when > restart_ended)
        report = {
            "clients": args.clients,
            "load_seconds": args.seconds,
            "restart_mode": args.restart_mode,
            "restart_took_seconds": round(restart_ended - restart_began, 2),
            "answers": dict(sorted(tally.statuses.items())),
            "acknowledged_writes": len(acknowledged),
            "acknowledged_after_restart": after_restart,
            "lost_acknowledged_writes": len(acknowledged - stored),
            "server_errors_500": sum(
                count
                for status, count in tally.statuses.items()
                if status.startswith("5") and status != "503"
            ),
            "unavailable_503": tally.statuses.get("503", 0),
            "unavailable_without_retry_after": tally.unavailable_without_retry_after,
            "setup_seconds": {name: round(at, 1) for name, at in phases.items()},
            "total_seconds": round(time.monotonic() - started, 1),
        }
        print(json.dumps(report, indent=2))
        broken = [
            rule
            for rule, failed in (
                ("acknowledged writes were lost", report["lost_acknowledged_writes"] != 0),
                ("the API answered 5xx other than 503", report["server_errors_500"] != 0),
                ("a 503 came without Retry-After", report["unavailable_without_retry_after"] != 0),
                ("nothing was saved after the restart", after_restart == 0),
            )
            if failed
        ]
        for rule in broken:
            print(f"FAILED: {rule} (logs in {workdir})", file=sys.stderr)
        if broken:
            workdir = Path()  # keep the logs for whoever investigates
        return 1 if broken else 0
    finally:
        if api is not None:
            api.send_signal(signal.SIGTERM)
            try:
                api.wait(timeout=10)
            except subprocess.TimeoutExpired:
                api.kill()
        with contextlib.suppress(subprocess.CalledProcessError, subprocess.TimeoutExpired):
            pg.ctl("stop", "-m", "immediate")
        if workdir != Path():
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
