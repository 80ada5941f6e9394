"""HTTP of the directory's interoperability: `/directory/hsds` (export), `/directory/import`."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Query, UploadFile
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from api.auth.dependencies import AdminStaff, CurrentStaff
from api.core import audit
from api.core.audit import AuditAction
from api.core.problems import responses
from api.core.routing import SessionDep, TransactionalRoute
from api.interop import directory_import, hsds
from api.interop.directory_import import ImportFormat
from api.interop.listing import EXTERNAL_SOURCE_PATTERN

router = APIRouter(prefix="/directory", tags=["directory"], route_class=TransactionalRoute)


class SkippedRow(BaseModel):
    row: int = Field(description="The data row, counted from 1 (a CSV header is not a row).")
    line: int | None = Field(description="The physical line in a CSV file; null for JSON.")
    external_id: str | None
    reason: str


class PreviewRow(BaseModel):
    row: int
    line: int | None
    action: str = Field(description="`create`, `update` or `unchanged`.")
    target: str = Field(description="`treatment_center` or `resource`.")
    external_id: str
    name: str | None
    city: str | None
    region: str | None
    levels_of_care: list[str]
    latitude: float | None
    longitude: float | None


class DirectoryImportReport(BaseModel):
    format: ImportFormat
    file: str
    source: str = Field(description="The `external_source` the rows were matched under.")
    dry_run: bool
    created: int
    updated: int = Field(description="Matched an entry by external id and changed it.")
    unchanged: int = Field(description="Matched an entry whose fields were already the same.")
    skipped: int
    skipped_rows: list[SkippedRow] = Field(
        description="Each skipped row with its reason (the first 1,000)."
    )
    preview: list[PreviewRow] | None = Field(
        description="On a dry run, the first 200 rows and what would happen to each; "
        "null otherwise."
    )


@router.get(
    "/hsds",
    operation_id="export_directory_hsds",
    summary="The directory (treatment centers and resources) as Open Referral HSDS 3.0 JSON",
    description=(
        "`{hsds_version, generated_at, organizations[], services[], locations[]}`, each item "
        "per the HSDS 3.0 schema of its table; docs/interoperability.md has the mapping. "
        "Audited as `export`."
    ),
    response_model=dict[str, Any],
    responses=responses(401),
)
def export_directory_hsds(staff: CurrentStaff, session: SessionDep) -> JSONResponse:
    document = hsds.export(session, staff.organization_id)
    audit.record(
        session,
        staff.ctx,
        AuditAction.export,
        "directory",
        None,
        details={"format": "hsds-3.0", "services": len(document["services"])},
    )
    return JSONResponse(
        document,
        headers={"Content-Disposition": 'attachment; filename="directory-hsds.json"'},
    )


@router.post(
    "/import",
    operation_id="import_directory",
    summary="Import listings into the directory (admin): SAMHSA locator JSON/CSV or an HSDS "
    "package (zip)",
    description=(
        "Multipart upload (`file`). Rows are matched by external id within `source`, so "
        "importing the same file again updates instead of duplicating; a row that cannot be "
        "imported is skipped with its row number and reason. `dry_run=true` writes nothing "
        "and returns the same report with a preview. A malformed file is a 422 problem "
        "(`malformed-import-file`) naming the file and line, and nothing is written. Uploads "
        "are limited to 32 MiB (413). docs/interoperability.md has the formats and mappings."
    ),
    response_model=DirectoryImportReport,
    responses=responses(401, 403, 413),
)
def import_directory(
    admin: AdminStaff,
    session: SessionDep,
    file: Annotated[UploadFile, File(description="The listing file.")],
    dry_run: Annotated[bool, Query(description="Preview: read and check, write nothing.")] = False,
    format: Annotated[
        ImportFormat | None, Query(description="Detected from the file when left out.")
    ] = None,
    source: Annotated[
        str | None,
        Query(
            pattern=EXTERNAL_SOURCE_PATTERN,
            description="The `external_source` to match and store (default `samhsa_locator` "
            "or `hsds`, by format).",
        ),
    ] = None,
) -> DirectoryImportReport:
    filename = (file.filename or "upload")[-200:]
    report = directory_import.run_import(
        session, admin, file.file, filename, dry_run=dry_run, fmt=format, source=source
    )
    return DirectoryImportReport.model_validate(report, from_attributes=True)
