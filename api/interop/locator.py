"""SAMHSA treatment-locator facility rows → Cairn treatment centers.

The locator (findtreatment.gov) answers `{page, totalPages, recordCount, rows: [...]}`; each
row is a facility: `frid` (its id, Cairn's `external_id`), `name1`, `name2`, `street1`,
`street2`, `city`, `state`, `zip`, `phone`, `intake1`, `hotline1`, `website`, `latitude`,
`longitude`, `typeFacility`, and `services: [{f1: category name, f2: category code, f3:
values separated by "; "}]`.

The CSV form has the same columns, and one column per service category code (`TC`, `SET`,
`PAY`, …) whose cell holds that category's values separated by `; `, as `f3` does.

The mapping (docs/interoperability.md has it as a table):
- `name1` (and `name2`, the unit or branch, after an em dash) → `name`;
- `street1`, `street2` → `address_line`; `city`; `state` → `region`; `zip` → `postal_code`;
  country `US`;
- `phone`, `intake1`, `hotline1` → `phone`, `intake_phone`, `hotline_phone` (extensions split);
- `website` (a scheme-less `www.…` gets `https://`); `latitude`, `longitude`;
- `SET` (service setting) → ASAM levels of care (`SETTING_LEVELS`; residential detox is
  taken as the clinically managed `3.2-WM`, the conservative reading, since the locator does
  not say whether it is medically monitored), and `telehealth` for its telemedicine value;
- `TC` (type of care) and `DETOX` → services (`detox`, `dual_diagnosis`, `sober_living`);
- `PAY` and `PYAS` (payment assistance) → `payment_accepted` (`payment_codes`);
- `LCA` → `accreditation` as written; `SN` → `genders_accepted`; `SG` → `populations` as
  written; `OM` → `opioid_medications` (and level `OTP` for methadone or an OTP
  certification);
- a facility of `typeFacility` `MH` (mental health only) is skipped: Cairn's directory is
  of substance use treatment.
Not mapped: other categories (languages services, ancillary services, age groups, …): their
codes and values are not a closed list we can map faithfully yet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import IO, Any

from api.interop.import_rows import FileProblem, ParsedRow, Skip, line_of_bad_utf8

SOURCE = "samhsa_locator"

# SAMHSA "Service setting" (SET) and detox values → ASAM levels (docs/interoperability.md).
SETTING_LEVELS: tuple[tuple[str, str], ...] = (
    ("hospital inpatient detox", "4-WM"),
    ("residential detox", "3.2-WM"),
    ("outpatient detox", "1-WM"),
    ("hospital inpatient", "4"),
    ("short-term residential", "3.5"),
    ("long-term residential", "3.1"),
    ("partial hospitalization", "2.5"),
    ("intensive outpatient", "2.1"),
    ("regular outpatient", "1"),
)
PAYMENT_CODES: tuple[tuple[str, str], ...] = (
    ("state-financed", "state_financed"),
    ("military", "military_insurance"),
    ("medicaid", "medicaid"),
    ("medicare", "medicare"),
    ("private health insurance", "private_insurance"),
    ("cash or self-payment", "self_pay"),
    ("sliding fee", "sliding_scale"),
    ("no charge", "free"),
)
TYPE_OF_CARE_SERVICES: tuple[tuple[str, str], ...] = (
    ("detox", "detox"),
    ("co-occurring", "dual_diagnosis"),
    ("transitional housing", "sober_living"),
)
REQUIRED_COLUMNS = ("frid", "name1")
SERVICE_CODES = ("TC", "SET", "PAY", "PYAS", "LCA", "SN", "SG", "OM", "DETOX")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _values(cell: Any) -> list[str]:
    text = _text(cell)
    return [part.strip() for part in text.split(";") if part.strip()] if text else []


def _matched(values: Iterable[str], table: tuple[tuple[str, str], ...]) -> list[str]:
    found: list[str] = []
    for value in values:
        lowered = value.lower()
        for needle, code in table:
            if needle in lowered:
                found.append(code)
                break
    return list(dict.fromkeys(found))


def _coordinate(value: Any) -> float | str | None:
    text = _text(value)
    if text is None:
        return None
    try:
        return float(text)
    except ValueError:
        return text  # left for validation to refuse, naming the field


def _website(value: Any) -> str | None:
    text = _text(value)
    if text and "://" not in text:
        text = f"https://{text}"
    return text


def to_center(facility: dict[str, Any], services: dict[str, list[str]]) -> dict[str, Any] | str:
    """The center fields of one facility, or the reason it is skipped."""
    if (_text(facility.get("typeFacility")) or "").upper() == "MH":
        return "a mental-health-only facility (typeFacility MH); the directory is of substance use treatment"
    name = _text(facility.get("name1"))
    if name is None:
        return "name1 is empty"
    branch = _text(facility.get("name2"))
    if branch:
        name = f"{name} — {branch}"
    street = ", ".join(
        p for p in (_text(facility.get("street1")), _text(facility.get("street2"))) if p
    )
    levels = _matched(services.get("SET", []), SETTING_LEVELS)
    medications = _matched(
        services.get("OM", []),
        (
            ("methadone", "methadone"),
            ("buprenorphine", "buprenorphine"),
            ("naltrexone", "naltrexone"),
        ),
    )
    accreditation = services.get("LCA", [])
    if "methadone" in medications or any(
        "opioid treatment program" in a.lower() for a in accreditation
    ):
        levels.append("OTP")
    type_of_care = _matched(services.get("TC", []), TYPE_OF_CARE_SERVICES)
    if services.get("DETOX") and "detox" not in type_of_care:
        type_of_care.append("detox")
    genders = [g.lower() for g in services.get("SN", []) if g.lower() in ("female", "male")]
    telehealth = any(
        "telemedicine" in s.lower() or "telehealth" in s.lower() for s in services.get("SET", [])
    )
    values: dict[str, Any] = {
        "name": name[:200],
        "address_line": street[:300] or None,
        "city": _text(facility.get("city")),
        "region": _text(facility.get("state")),
        "postal_code": (_text(facility.get("zip")) or "")[:20] or None,
        "country": "US",
        "phone": _text(facility.get("phone")),
        "intake_phone": _text(facility.get("intake1")),
        "hotline_phone": _text(facility.get("hotline1")),
        "website": _website(facility.get("website")),
        "latitude": _coordinate(facility.get("latitude")),
        "longitude": _coordinate(facility.get("longitude")),
        "levels_of_care": list(dict.fromkeys(levels)),
        "services": type_of_care,
        "payment_accepted": _matched(
            services.get("PAY", []) + services.get("PYAS", []), PAYMENT_CODES
        ),
        "accreditation": [a[:100] for a in accreditation],
        "opioid_medications": medications,
        "genders_accepted": genders,
        "populations": [p[:100] for p in services.get("SG", [])],
    }
    if telehealth:
        values["telehealth"] = True
    return values


def _row(
    row: int, line: int | None, facility: Any, services: dict[str, list[str]]
) -> ParsedRow | Skip:
    if not isinstance(facility, dict):
        return Skip(row, line, None, "the row is not an object")
    external_id = _text(facility.get("frid"))
    if external_id is None:
        return Skip(row, line, None, "frid (the facility id) is empty")
    mapped = to_center(facility, services)
    if isinstance(mapped, str):
        return Skip(row, line, external_id, mapped)
    return ParsedRow(row, line, "treatment_center", external_id, mapped)


def _json_services(facility: Any) -> dict[str, list[str]]:
    services: dict[str, list[str]] = {}
    entries = facility.get("services") if isinstance(facility, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if isinstance(entry, dict) and _text(entry.get("f2")):
            code = str(entry["f2"]).strip().upper()
            services.setdefault(code, []).extend(_values(entry.get("f3")))
    return services


def read_json(file: IO[bytes], filename: str) -> Iterator[ParsedRow | Skip]:
    """Facilities of a locator JSON answer, streamed (ijson): memory stays flat however long
    `rows` is. FileProblem (422 naming the file and line) when it is not JSON or has no
    `rows` list."""
    import ijson

    saw_rows = False
    try:
        for index, facility in enumerate(ijson.items(file, "rows.item", use_float=True), start=1):
            saw_rows = True
            yield _row(index, None, facility, _json_services(facility))
        if not saw_rows:
            file.seek(0)
            if not any(True for _ in ijson.items(file, "rows")):
                raise FileProblem(
                    filename,
                    1,
                    'no "rows" list: expected {page, totalPages, recordCount, rows: [...]}',
                )
    except ijson.JSONError as exc:
        raise FileProblem(filename, _json_error_line(file), f"not valid JSON ({exc})") from exc


def _json_error_line(file: IO[bytes]) -> int | None:
    """The line of the first JSON error, from the standard library's own parser (only run on
    a file already known to be malformed)."""
    import json

    file.seek(0)
    try:
        json.loads(file.read().decode("utf-8", errors="replace"))
    except json.JSONDecodeError as exc:
        return exc.lineno
    return None


def read_csv(file: IO[bytes], filename: str) -> Iterator[ParsedRow | Skip]:
    """Facilities of a locator CSV, streamed row by row. FileProblem (422 naming the file and
    line) without the `frid` and `name1` columns, or for a row with more cells than the
    header, or text that is not UTF-8."""
    text = io.TextIOWrapper(file, encoding="utf-8-sig", newline="")
    reader = csv.DictReader(text, strict=True)
    try:
        header = reader.fieldnames or []
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise FileProblem(filename, 1, f"missing column(s) {', '.join(missing)}")
        starts_at = (
            reader.line_num + 1
        )  # where the next record begins (a quoted cell may span lines)
        for index, record in enumerate(reader, start=1):
            if None in record:
                raise FileProblem(
                    filename, reader.line_num, "more cells than the header has columns"
                )
            services = {
                code: _values(record.get(code)) for code in SERVICE_CODES if record.get(code)
            }
            yield _row(index, reader.line_num, record, services)
            starts_at = reader.line_num + 1
    except UnicodeDecodeError as exc:
        file.seek(0)
        raise FileProblem(filename, line_of_bad_utf8(file.read()), "not UTF-8 text") from exc
    except csv.Error as exc:
        # An unclosed quote is only noticed at the end of the file: name the record it opened.
        raise FileProblem(filename, starts_at, f"not valid CSV ({exc})") from exc
    finally:
        text.detach()
