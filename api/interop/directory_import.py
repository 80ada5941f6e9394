"""`POST /directory/import`: listings from a file into the directory, matched by external id.

Formats (`ImportFormat`, detected from the file when not given): a SAMHSA treatment-locator
answer in JSON or its rows in CSV (api/interop/locator.py), or an HSDS data package, the CSV
files zipped (api/interop/hsds_package.py).

Rules:
- each row is matched by `(organization, external_source, external_id)`: a known one is
  updated (only the fields the source gives; Cairn's own fields such as beds stay), an
  unknown one created, so importing the same file twice creates nothing the second time;
- a row that cannot be imported (no id, a value out of range, a duplicate id in the file, a
  mental-health-only facility, …) is skipped, with its row number, line and the reason;
- a malformed file (not JSON, not CSV, a missing required column, a broken zip) raises
  `MalformedImportFile` (422 naming the file and line) and, as the request is one
  transaction, nothing is written, rows before it included;
- `dry_run` reads and validates everything and writes nothing (no audit either), and the
  report carries the first `PREVIEW_ROWS` rows with what would happen to each;
- the rows are read as a stream and handled `CHUNK` at a time (one lookup query and one
  flush per chunk), so memory stays flat and 5,000 rows take a few seconds
  (scripts/bench_directory_import.py measures it);
- every created or updated entry is an audit event (`create`/`update`), and the import
  itself one more (`create`, resource type `directory_import`, with the counts).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import IO, Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from api.auth.dependencies import Staff
from api.core import audit, clock
from api.core.audit import AuditAction
from api.core.problems import FieldError, Problem
from api.interop import hsds_package, locator
from api.interop.import_rows import FileProblem, ParsedRow, Skip, Target
from api.interop.listing import pair_problem
from api.organizations.models import Organization
from api.resources import service as resources_service
from api.resources.models import Resource
from api.resources.schemas import ResourceCreate
from api.treatment_centers import service as centers_service
from api.treatment_centers.models import TreatmentCenter
from api.treatment_centers.schemas import TreatmentCenterCreate

CHUNK = 500
PREVIEW_ROWS = 200
SKIPPED_LISTED = 1000


class ImportFormat(StrEnum):
    locator_json = "locator_json"
    locator_csv = "locator_csv"
    hsds_package = "hsds_package"


DEFAULT_SOURCE = {
    ImportFormat.locator_json: locator.SOURCE,
    ImportFormat.locator_csv: locator.SOURCE,
    ImportFormat.hsds_package: hsds_package.SOURCE,
}


class MalformedImportFile(Problem):
    status, slug, title = 422, "malformed-import-file", "Malformed import file"
    description = (
        "The uploaded file (or a file inside the zipped package) is not in the format it "
        "claims; `detail` and `errors[]` name the file and line. Nothing was imported."
    )


class UnsupportedImportFile(Problem):
    status, slug, title = 422, "unsupported-import-file", "Unsupported import file"
    description = (
        "The file is not one the directory imports: a SAMHSA locator JSON or CSV file, or an "
        "HSDS data package (the CSV files, zipped)."
    )


def detect_format(filename: str, head: bytes) -> ImportFormat:
    """From the file's first bytes (a zip's signature, JSON's `{`), else its name."""
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"PK\x03\x04"):
        return ImportFormat.hsds_package
    if stripped.startswith((b"{", b"[")):
        return ImportFormat.locator_json
    if filename.lower().endswith((".csv", ".txt")) or b"," in head:
        return ImportFormat.locator_csv
    raise UnsupportedImportFile(f"{filename}: not JSON, CSV or a zip file.")


@dataclass
class ImportReport:
    format: ImportFormat
    file: str
    source: str
    dry_run: bool
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: int = 0
    skipped_rows: list[dict[str, Any]] = field(default_factory=list)
    preview: list[dict[str, Any]] | None = None

    def skip(self, skip: Skip) -> None:
        self.skipped += 1
        if len(self.skipped_rows) < SKIPPED_LISTED:
            self.skipped_rows.append(
                {
                    "row": skip.row,
                    "line": skip.line,
                    "external_id": skip.external_id,
                    "reason": skip.reason,
                }
            )


@dataclass(frozen=True)
class _Valid:
    parsed: ParsedRow
    values: dict[str, Any]  # as stored, only the fields the source gave
    all_values: dict[str, Any]  # as stored, with the defaults, for a new entry


_MODELS: dict[Target, Any] = {"treatment_center": TreatmentCenter, "resource": Resource}


def _reader(fmt: ImportFormat, file: IO[bytes], filename: str) -> Iterator[ParsedRow | Skip]:
    if fmt is ImportFormat.locator_json:
        return locator.read_json(file, filename)
    if fmt is ImportFormat.locator_csv:
        return locator.read_csv(file, filename)
    return hsds_package.read(file, filename)


def _reason(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first['msg']}" if where else str(first["msg"])


def _validate(parsed: ParsedRow) -> _Valid | Skip:
    try:
        if parsed.target == "treatment_center":
            center = TreatmentCenterCreate.model_validate(parsed.values)
            return _Valid(
                parsed,
                centers_service.as_stored(center.model_dump(exclude_unset=True)),
                centers_service.as_stored(center.model_dump()),
            )
        resource = ResourceCreate.model_validate(parsed.values)
        return _Valid(
            parsed,
            resources_service.as_stored(resource.model_dump(exclude_unset=True)),
            resources_service.as_stored(resource.model_dump()),
        )
    except ValidationError as error:
        return Skip(parsed.row, parsed.line, parsed.external_id, _reason(error))


def _pairs_skip(item: _Valid) -> Skip | None:
    values = item.all_values
    problem = pair_problem(values.get("latitude"), values.get("longitude"), "import", None)
    if problem is None:
        return None
    field, msg = problem
    return Skip(item.parsed.row, item.parsed.line, item.parsed.external_id, f"{field}: {msg}")


def run_import(
    session: Session,
    admin: Staff,
    file: IO[bytes],
    filename: str,
    *,
    dry_run: bool,
    fmt: ImportFormat | None = None,
    source: str | None = None,
) -> ImportReport:
    """Import `file` into the admin's directory (see the module docstring for the rules)."""
    head = file.read(2048)
    file.seek(0)
    fmt = fmt or detect_format(filename, head)
    report = ImportReport(
        format=fmt,
        file=filename,
        source=source or DEFAULT_SOURCE[fmt],
        dry_run=dry_run,
        preview=[] if dry_run else None,
    )
    organization = session.get(Organization, admin.organization_id)
    assert organization is not None
    seen: dict[tuple[str, str], int] = {}
    rows = _reader(fmt, file, filename)
    try:
        while chunk := list(itertools.islice(rows, CHUNK)):
            valid: list[_Valid] = []
            for item in chunk:
                if isinstance(item, Skip):
                    report.skip(item)
                    continue
                key = (item.target, item.external_id)
                if key in seen:
                    report.skip(
                        Skip(
                            item.row,
                            item.line,
                            item.external_id,
                            f"the same id as row {seen[key]} of this file",
                        )
                    )
                    continue
                seen[key] = item.row
                checked = _validate(item)
                if not isinstance(checked, Skip):
                    checked = _pairs_skip(checked) or checked
                if isinstance(checked, Skip):
                    report.skip(checked)
                else:
                    valid.append(checked)
            _apply(session, admin, organization, report, valid)
    except FileProblem as problem:
        raise MalformedImportFile(
            str(problem),
            errors=[
                FieldError(
                    loc=[
                        "body",
                        "file",
                        problem.filename,
                        *([problem.line] if problem.line else []),
                    ],
                    msg=problem.message,
                    type="malformed_file",
                )
            ],
        ) from problem
    if not dry_run:
        audit.record(
            session,
            admin.ctx,
            AuditAction.create,
            "directory_import",
            None,
            details={
                "file": filename[:200],
                "format": fmt.value,
                "source": report.source,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "skipped": report.skipped,
            },
        )
    return report


def _apply(
    session: Session,
    admin: Staff,
    organization: Organization,
    report: ImportReport,
    valid: list[_Valid],
) -> None:
    """Create or update one chunk's rows: one lookup per target, one flush."""
    now = clock.now()
    touched: dict[tuple[Target, AuditAction], list[Any]] = {}
    for target, model in _MODELS.items():
        mine = [v for v in valid if v.parsed.target == target]
        if not mine:
            continue
        existing = {
            row.external_id: row
            for row in session.scalars(
                select(model).where(
                    col(model.organization_id) == admin.organization_id,
                    col(model.external_source) == report.source,
                    col(model.external_id).in_([v.parsed.external_id for v in mine]),
                )
            )
        }
        for item in mine:
            known = existing.get(item.parsed.external_id)
            if known is None:
                action = "create"
                report.created += 1
                if not report.dry_run:
                    values = dict(item.all_values)
                    if target == "resource" and values.get("time_zone") is None:
                        values["time_zone"] = organization.time_zone
                    values.update(
                        external_source=report.source, external_id=item.parsed.external_id
                    )
                    entry = model(
                        organization_id=admin.organization_id,
                        created_at=now,
                        updated_at=now,
                        **values,
                    )
                    session.add(entry)
                    touched.setdefault((target, AuditAction.create), []).append(entry)
            else:
                changed = {
                    name: value
                    for name, value in item.values.items()
                    if name != "time_zone" and getattr(known, name) != value
                }
                if not changed:
                    action = "unchanged"
                    report.unchanged += 1
                else:
                    action = "update"
                    report.updated += 1
                    if not report.dry_run:
                        for name, value in changed.items():
                            setattr(known, name, value)
                        known.updated_at = now
                        touched.setdefault((target, AuditAction.update), []).append(known)
            if report.preview is not None and len(report.preview) < PREVIEW_ROWS:
                values = item.all_values
                report.preview.append(
                    {
                        "row": item.parsed.row,
                        "line": item.parsed.line,
                        "action": action,
                        "target": target,
                        "external_id": item.parsed.external_id,
                        "name": values.get("name"),
                        "city": values.get("city"),
                        "region": values.get("region"),
                        "levels_of_care": values.get("levels_of_care", []),
                        "latitude": values.get("latitude"),
                        "longitude": values.get("longitude"),
                    }
                )
    if report.dry_run or not touched:
        return
    session.flush()
    for (target, action), entries in touched.items():
        audit.record_many(
            session, admin.ctx, action, target, [(entry.id, None) for entry in entries]
        )
        # Written: the session need not hold them any more (flat memory over big files).
        for entry in entries:
            session.expunge(entry)
