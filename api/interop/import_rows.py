"""What a directory import's readers yield, whatever the format (locator, HSDS package)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Target = Literal["treatment_center", "resource"]


@dataclass(frozen=True)
class ParsedRow:
    """One listing read from the file: where it was (`row` counts data rows from 1; `line` is
    the physical line of a CSV file, None for JSON), what it becomes, and its fields as the
    create schema of that target takes them (validated by the importer)."""

    row: int
    line: int | None
    target: Target
    external_id: str
    values: dict[str, Any]


@dataclass(frozen=True)
class Skip:
    """A row that is not imported, and why."""

    row: int
    line: int | None
    external_id: str | None
    reason: str


class FileProblem(Exception):
    """The file itself is malformed: the import is refused whole (422 naming file and line)."""

    def __init__(self, filename: str, line: int | None, message: str) -> None:
        where = f"{filename} line {line}" if line is not None else filename
        super().__init__(f"{where}: {message}")
        self.filename = filename
        self.line = line
        self.message = message


def line_of_bad_utf8(raw: bytes) -> int:
    """The physical line (from 1) of the first byte that is not UTF-8. A text reader decodes
    ahead in chunks, so its line count at the error is not where the byte is."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return raw.count(b"\n", 0, exc.start) + 1
    return 1
