"""One JSON object per log line, and no PHI in any of them.

Request lines carry no query strings and no bodies: only the route template, status,
timing and the principal's id. Exceptions are logged by type and by where they were
raised, never by what they say: a database error's message quotes the statement and
its values (client names, notes), a validation error quotes the input, and a driver's
DETAIL quotes the row. So every log record in the process, whichever logger or handler
takes it (ours, uvicorn's, a test's), gets its traceback rendered here with each
message withheld (see `withheld_traceback`), and the raw exception is dropped from it.
"""

from __future__ import annotations

import json
import logging
import sys
import traceback
from datetime import UTC, datetime
from typing import Any

_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
WITHHELD = "[message withheld: it may quote request data]"
# Loggers of libraries that would log values: SQLAlchemy logs statements and, at DEBUG,
# the rows it fetched, so a DEBUG root level must not switch that on.
_QUIET = ("sqlalchemy",)


def describe_error(exc: BaseException) -> str:
    """The error's qualified type; for a database error also the driver's error type and
    SQLSTATE (or SQLite error name), e.g. `sqlalchemy.exc.OperationalError from
    psycopg.OperationalError`. Never the message."""
    described = _qualified_name(type(exc))
    original = getattr(exc, "orig", None)
    if isinstance(original, BaseException):
        described += f" from {_qualified_name(type(original))}"
        code = getattr(original, "sqlstate", None) or getattr(original, "sqlite_errorname", None)
        if code:
            described += f" ({code})"
    return described


def withheld_traceback(exc: BaseException) -> str:
    """The traceback of `exc` and of the exceptions it came from: frames (file, line,
    function, source line; no locals) and types, with every message withheld."""
    chain: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts: list[str] = []
    for position, error in enumerate(reversed(chain)):
        if position:
            parts.append("\nwhich led to:\n\n")
        if error.__traceback__ is not None:
            parts.append("Traceback (most recent call last):\n")
            parts.extend(traceback.format_tb(error.__traceback__))
        parts.append(f"{describe_error(error)}: {WITHHELD}\n")
    return "".join(parts).rstrip("\n")


def _qualified_name(cls: type) -> str:
    module = cls.__module__
    return cls.__qualname__ if module == "builtins" else f"{module}.{cls.__qualname__}"


class _WithholdingRecordFactory:
    """Renders a record's exception with messages withheld when the record is made, so no
    handler anywhere can format the original."""

    def __init__(self, make: Any) -> None:
        self.make = make

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = self.make(*args, **kwargs)
        if isinstance(record.msg, BaseException):
            record.msg = f"{describe_error(record.msg)}: {WITHHELD}"
        if isinstance(record.args, tuple):
            record.args = tuple(_without_message(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: _without_message(arg) for key, arg in record.args.items()}
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = withheld_traceback(record.exc_info[1])
            record.exc_info = None
        return record


def _without_message(value: object) -> object:
    return describe_error(value) if isinstance(value, BaseException) else value


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        line.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[1] is not None:
            line["exc"] = withheld_traceback(record.exc_info[1])
        elif record.exc_text:
            line["exc"] = record.exc_text
        return json.dumps(line, default=str)


def configure_logging(level: str) -> None:
    """JSON lines on stdout for Cairn's loggers and uvicorn's error logger; exceptions
    withheld in every record of the process; SQLAlchemy's own logging kept at WARNING."""
    if not isinstance(logging.getLogRecordFactory(), _WithholdingRecordFactory):
        logging.setLogRecordFactory(_WithholdingRecordFactory(logging.getLogRecordFactory()))
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(JsonFormatter())
    for name in ("cairn", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        ours = [h for h in logger.handlers if isinstance(h.formatter, JsonFormatter)]
        logger.handlers[:] = [h for h in logger.handlers if h not in ours] + [handler]
        logger.propagate = False
    logging.getLogger("cairn").setLevel(level.upper())
    for name in _QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
