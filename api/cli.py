"""The `cairn` command: serve | worker | migrate | create-admin | seed-demo | openapi."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import threading
from typing import Any

from api.core.config import Settings, get_settings
from api.core.db import create_db_engine, session_factory_for
from api.core.logging import configure_logging
from api.core.migrations import upgrade_to_head


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.main import create_app, freeze_start_up_objects
    from api.worker.runner import start_in_background

    settings = get_settings()
    engine = create_db_engine(settings)
    upgrade_to_head(engine)
    workers = serve_workers(args.workers, settings)
    worker = None
    if settings.run_worker_in_process and not args.no_worker:
        # One background worker per `cairn serve`, in this (the supervising) process; its
        # lease keeps it to one round at a time across every process on the database.
        worker = start_in_background(session_factory_for(engine), settings)
    print(
        f"Cairn is serving on http://{args.host}:{args.port} ({workers} "
        f"process{'es' if workers > 1 else ''})",
        flush=True,
    )
    # Logging is create_app's (JSON, exceptions withheld); uvicorn's access line would
    # carry query strings (`?q=` a client's name), and RequestContextMiddleware logs each
    # request without them.
    options: dict[str, Any] = {
        "host": args.host,
        "port": args.port,
        "log_level": "warning",
        "log_config": None,
        "access_log": False,
        "proxy_headers": True,
    }
    try:
        if workers == 1:
            app = create_app(settings, engine=engine)
            freeze_start_up_objects()
            uvicorn.run(app, **options)
        else:
            # Each process builds its own app and its own connection pool.
            engine.dispose()
            uvicorn.run("api.main:create_served_app", factory=True, workers=workers, **options)
    finally:
        if worker is not None:
            worker.stop()  # lets a round in progress commit what it did
    return 0


def serve_workers(requested: int | None, settings: Settings) -> int:
    """How many API processes `cairn serve` runs: `--workers`, else `CAIRN_WORKERS`, else one
    per core on PostgreSQL. SQLite (the embedded demo database) gets one: its single
    writer gains nothing from more processes and would answer "database is locked"."""
    if requested is None and os.environ.get("CAIRN_WORKERS"):
        requested = int(os.environ["CAIRN_WORKERS"])
    if requested is not None:
        if requested < 1:
            raise SystemExit("--workers must be at least 1")
        return requested
    return 1 if settings.is_sqlite else max(1, os.cpu_count() or 1)


def cmd_worker(_args: argparse.Namespace) -> int:
    from api.worker.runner import run_forever

    settings = get_settings()
    configure_logging(settings.log_level)
    engine = create_db_engine(settings)
    upgrade_to_head(engine)
    stop = threading.Event()
    # SIGTERM (docker stop, systemd, a test) lets the round in progress finish and commit.
    # The handler sets the event from another thread: set() takes the lock that wait() may
    # hold at the moment the signal arrives, and the handler runs on that same thread.
    signal.signal(signal.SIGTERM, lambda _signum, _frame: threading.Thread(target=stop.set).start())
    with contextlib.suppress(KeyboardInterrupt):
        run_forever(session_factory_for(engine), stop, settings)
    return 0


def cmd_migrate(_args: argparse.Namespace) -> int:
    upgrade_to_head(create_db_engine(get_settings()))
    print("Database is at the latest migration.")
    return 0


def cmd_create_admin(args: argparse.Namespace) -> int:
    from api.demo.accounts import create_admin

    engine = create_db_engine(get_settings())
    upgrade_to_head(engine)
    try:
        message = create_admin(
            session_factory_for(engine),
            args.organization,
            args.email,
            args.password,
            args.full_name,
        )
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(message)
    return 0


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from api.demo.seed import seed_demo

    settings = get_settings()
    if settings.env == "production":
        print("error: seed-demo refuses to run when CAIRN_ENV=production.", file=sys.stderr)
        return 2
    engine = create_db_engine(settings)
    upgrade_to_head(engine)
    print(seed_demo(session_factory_for(engine), only_if_empty=args.if_empty))
    return 0


def cmd_openapi(_args: argparse.Namespace) -> int:
    from api.main import create_app

    settings = get_settings().model_copy(update={"database_url": "sqlite://"})
    print(json.dumps(create_app(settings).openapi(), indent=2, sort_keys=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cairn", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="migrate, then serve the API and the SPA")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-worker", action="store_true", help="do not run the worker in-process")
    serve.add_argument(
        "--workers",
        type=int,
        default=None,
        help="API processes (default: CAIRN_WORKERS, else one per core on PostgreSQL, 1 on SQLite)",
    )
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("worker", help="run the background worker alone").set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)

    admin = sub.add_parser("create-admin", help="create an admin (and the organization if new)")
    admin.add_argument("--organization", required=True)
    admin.add_argument("--email", required=True)
    admin.add_argument("--password", required=True)
    admin.add_argument("--full-name", default="Administrator")
    admin.set_defaults(func=cmd_create_admin)

    seed = sub.add_parser("seed-demo", help="load a realistic demo practice (not in production)")
    seed.add_argument("--if-empty", action="store_true", help="only when no organization exists")
    seed.set_defaults(func=cmd_seed_demo)

    sub.add_parser("openapi", help="print the OpenAPI document").set_defaults(func=cmd_openapi)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())
