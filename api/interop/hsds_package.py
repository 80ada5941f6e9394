"""An Open Referral HSDS 3.0 data package (the CSV files, zipped) → directory entries.

Files read (by name, anywhere in the zip; HSDS column names): `organizations.csv` and
`services.csv` (required), and when present `locations.csv`, `addresses.csv` (also
`address.csv`, `addresss.csv` as the 3.0 schema's `path` spells it, or 2.0's
`physical_addresses.csv`), `phones.csv`, `schedules.csv`, `service_at_locations.csv` (or
`service_at_location.csv`), `languages.csv` and `attributes.csv`.

Each row of `services.csv` is one directory entry, matched by the service's `id`:
- it is a **treatment center** when an attribute says so: `link_type` `cairn_directory`
  with value `treatment_center`, or any `level_of_care` attribute (an ASAM code such as
  `3.7-WM`); otherwise a **resource**, of the kind a `cairn_directory` attribute names
  (`mutual_help`, `peer_support`, …) or `community_program`, for `both` audiences;
- `name` (else the organization's), `description` (resources), `url` (else the
  organization's `website`) → `website`, `email` (resources), `accreditations` (split on
  `;`) → `accreditation`; a `status` other than `active` skips a center and makes a resource
  inactive;
- its location (first `service_at_locations` row, else the organization's first location):
  `latitude`, `longitude`; the first address → `address_line`, `city`, `state_province` →
  `region`, `postal_code`, `country`; a `virtual` location's `url` → an online resource;
- phones (the service's, else the location's, else the organization's): one whose `type` or
  `description` says intake → `intake_phone`, hotline or crisis → `hotline_phone`, the first
  other → `phone`; `extension` kept apart;
- `languages.csv` `code`s → `languages`; for resources, `WEEKLY` schedules with `byday`,
  `opens_at` and `closes_at` → `meetings` (a UTC offset on the times is dropped: meetings are
  wall-clock times in the resource's zone), else a schedule `description` → `schedule_note`;
- other attributes: `opioid_medication`, `payment_accepted`, `genders_accepted`,
  `population` (one value each), `telehealth` (`true`/`false`).

Memory: `services.csv` is streamed; the other tables are indexed in memory by id, since
HSDS spreads one service over them (bounded by the upload limit).
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import IO, Any

from api.interop.import_rows import FileProblem, ParsedRow, Skip, line_of_bad_utf8
from api.resources.models import ResourceKind

SOURCE = "hsds"
# What reading a damaged, encrypted or oddly compressed zip raises besides BadZipFile.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,
    RuntimeError,
    EOFError,
    ValueError,
    zlib.error,
)
MAX_UNPACKED_BYTES = 200 * 1024 * 1024

_ALIASES = {
    "addresses.csv": ("addresses.csv", "address.csv", "addresss.csv", "physical_addresses.csv"),
    "service_at_locations.csv": ("service_at_locations.csv", "service_at_location.csv"),
}
_REQUIRED_COLUMNS = {
    "organizations.csv": ("id", "name"),
    "services.csv": ("id", "organization_id", "name"),
    "locations.csv": ("id",),
    "addresses.csv": ("location_id",),
    "phones.csv": ("number",),
    "schedules.csv": ("service_id",),
    "service_at_locations.csv": ("service_id", "location_id"),
    "languages.csv": ("service_id",),
    "attributes.csv": ("link_id", "link_type"),
}
_DAYS = {
    "MO": "monday",
    "TU": "tuesday",
    "WE": "wednesday",
    "TH": "thursday",
    "FR": "friday",
    "SA": "saturday",
    "SU": "sunday",
}


def _text(value: Any) -> str | None:
    text = (value or "").strip() if isinstance(value, str) else None
    return text or None


def _rows(zf: zipfile.ZipFile, member: str, logical: str) -> Iterator[tuple[int, dict[str, str]]]:
    """(line, row) of one CSV member; FileProblem naming it and the line when malformed."""
    with zf.open(member) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        reader = csv.DictReader(text, strict=True)
        try:
            missing = [c for c in _REQUIRED_COLUMNS[logical] if c not in (reader.fieldnames or [])]
            if missing:
                raise FileProblem(member, 1, f"missing column(s) {', '.join(missing)}")
            starts_at = reader.line_num + 1  # where the next record begins
            for record in reader:
                if None in record:
                    raise FileProblem(
                        member, reader.line_num, "more cells than the header has columns"
                    )
                yield reader.line_num, record
                starts_at = reader.line_num + 1
        except UnicodeDecodeError as exc:
            with zf.open(member) as again:
                line = line_of_bad_utf8(again.read())
            raise FileProblem(member, line, "not UTF-8 text") from exc
        except csv.Error as exc:
            # An unclosed quote is only noticed at the end of the member: name the record.
            raise FileProblem(member, starts_at, f"not valid CSV ({exc})") from exc
        except _ZIP_ERRORS as exc:
            raise FileProblem(member, reader.line_num, f"damaged inside the zip ({exc})") from exc


def _members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Logical table name → member name (the file's base name, any folder)."""
    by_base = {
        name.rsplit("/", 1)[-1].lower(): name for name in zf.namelist() if not name.endswith("/")
    }
    found: dict[str, str] = {}
    for logical in _REQUIRED_COLUMNS:
        for alias in _ALIASES.get(logical, (logical,)):
            if alias in by_base:
                found[logical] = by_base[alias]
                break
    return found


def read(file: IO[bytes], filename: str) -> Iterator[ParsedRow | Skip]:
    """Directory entries of an HSDS package, one per `services.csv` row."""
    try:
        zf = zipfile.ZipFile(file)
        if sum(info.file_size for info in zf.infolist()) > MAX_UNPACKED_BYTES:
            raise FileProblem(filename, None, "unpacks to more than 200 MiB")
        bad = zf.testzip()
    except _ZIP_ERRORS as exc:
        raise FileProblem(filename, None, f"not a readable zip file ({exc})") from exc
    if bad is not None:
        raise FileProblem(bad, None, "damaged inside the zip (CRC check failed)")
    members = _members(zf)
    for required in ("organizations.csv", "services.csv"):
        if required not in members:
            raise FileProblem(filename, None, f"the package has no {required}")
    tables = _Tables.load(zf, members)
    for row, (line, service) in enumerate(_rows(zf, members["services.csv"], "services.csv"), 1):
        yield tables.entry(row, line, service)


class _Tables:
    """The package's side tables, indexed for the services that refer to them."""

    def __init__(self) -> None:
        self.organizations: dict[str, dict[str, str]] = {}
        self.locations: dict[str, dict[str, str]] = {}
        self.org_locations: dict[str, list[str]] = {}
        self.addresses: dict[str, list[dict[str, str]]] = {}
        self.phones: dict[tuple[str, str], list[dict[str, str]]] = {}
        self.schedules: dict[str, list[dict[str, str]]] = {}
        self.service_locations: dict[str, list[str]] = {}
        self.languages: dict[str, list[str]] = {}
        self.attributes: dict[str, list[tuple[str, str]]] = {}

    @classmethod
    def load(cls, zf: zipfile.ZipFile, members: dict[str, str]) -> _Tables:
        tables = cls()

        def rows(logical: str) -> Iterator[dict[str, str]]:
            if logical in members:
                for _, record in _rows(zf, members[logical], logical):
                    yield record

        for org in rows("organizations.csv"):
            tables.organizations[org["id"].strip()] = org
        for loc in rows("locations.csv"):
            tables.locations[loc["id"].strip()] = loc
            if _text(loc.get("organization_id")):
                tables.org_locations.setdefault(loc["organization_id"].strip(), []).append(
                    loc["id"].strip()
                )
        for address in rows("addresses.csv"):
            tables.addresses.setdefault(address["location_id"].strip(), []).append(address)
        for phone in rows("phones.csv"):
            for owner in ("service_id", "location_id", "organization_id"):
                if _text(phone.get(owner)):
                    tables.phones.setdefault((owner, phone[owner].strip()), []).append(phone)
                    break
        for schedule in rows("schedules.csv"):
            tables.schedules.setdefault(schedule["service_id"].strip(), []).append(schedule)
        for link in rows("service_at_locations.csv"):
            tables.service_locations.setdefault(link["service_id"].strip(), []).append(
                link["location_id"].strip()
            )
        for language in rows("languages.csv"):
            code = _text(language.get("code"))
            if code:
                tables.languages.setdefault(language["service_id"].strip(), []).append(code.lower())
        for attribute in rows("attributes.csv"):
            value = _text(attribute.get("value"))
            if value:
                tables.attributes.setdefault(attribute["link_id"].strip(), []).append(
                    (attribute["link_type"].strip().lower(), value)
                )
        return tables

    def entry(self, row: int, line: int, service: dict[str, str]) -> ParsedRow | Skip:
        service_id = _text(service.get("id"))
        if service_id is None:
            return Skip(row, line, None, "id is empty")
        organization = self.organizations.get((service.get("organization_id") or "").strip())
        if organization is None:
            return Skip(row, line, service_id, "organization_id names no row of organizations.csv")
        attributes = self.attributes.get(service_id, [])

        def values_of(link_type: str) -> list[str]:
            return [v for t, v in attributes if t == link_type]

        directory = values_of("cairn_directory")
        levels = values_of("level_of_care")
        is_center = "treatment_center" in directory or bool(levels)
        active = (_text(service.get("status")) or "active").lower() == "active"
        if is_center and not active:
            return Skip(row, line, service_id, f"the service's status is {service.get('status')}")
        values: dict[str, Any] = {
            "name": (_text(service.get("name")) or _text(organization.get("name")) or "")[:200],
            "website": _text(service.get("url")) or _text(organization.get("website")),
            "languages": list(dict.fromkeys(self.languages.get(service_id, []))),
            "opioid_medications": values_of("opioid_medication"),
            "payment_accepted": values_of("payment_accepted"),
            "genders_accepted": values_of("genders_accepted"),
            "populations": values_of("population"),
            "accreditation": [
                a.strip()[:100]
                for a in (service.get("accreditations") or "").split(";")
                if a.strip()
            ],
        }
        telehealth = values_of("telehealth")
        if telehealth:
            values["telehealth"] = telehealth[0].lower() == "true"
        location = self._location(service_id, organization["id"].strip())
        online_url = self._place(values, location)
        self._phones(values, service_id, location, organization["id"].strip())
        if is_center:
            values["levels_of_care"] = levels
            return ParsedRow(row, line, "treatment_center", service_id, values)
        kind = next((d for d in directory if d in ResourceKind.__members__), "community_program")
        values.update(
            kind=kind,
            audience="both",
            format="online" if online_url and not values.get("address_line") else "in_person",
            description=_text(service.get("description")),
            email=_text(service.get("email")) or _text(organization.get("email")),
            online_url=online_url,
            is_active=active,
        )
        self._schedule(values, service_id)
        return ParsedRow(row, line, "resource", service_id, values)

    def _location(self, service_id: str, organization_id: str) -> dict[str, str] | None:
        for location_id in self.service_locations.get(service_id, []) + self.org_locations.get(
            organization_id, []
        ):
            if location_id in self.locations:
                return self.locations[location_id]
        return None

    def _place(self, values: dict[str, Any], location: dict[str, str] | None) -> str | None:
        """Coordinates and address into `values`; the URL of a virtual location."""
        if location is None:
            return None
        for axis in ("latitude", "longitude"):
            text = _text(location.get(axis))
            if text is not None:
                try:
                    values[axis] = float(text)
                except ValueError:
                    values[axis] = text  # refused by validation, naming the field
        addresses = self.addresses.get(location["id"].strip(), [])
        address = next(
            (a for a in addresses if (a.get("address_type") or "physical") == "physical"),
            addresses[0] if addresses else None,
        )
        if address is not None:
            street = ", ".join(
                p for p in (_text(address.get("address_1")), _text(address.get("address_2"))) if p
            )
            values["address_line"] = street[:300] or None
            values["city"] = _text(address.get("city"))
            values["region"] = _text(address.get("state_province"))
            values["postal_code"] = (_text(address.get("postal_code")) or "")[:20] or None
            country = (_text(address.get("country")) or "").upper()
            values["country"] = country if len(country) == 2 else None
        if (location.get("location_type") or "").strip() == "virtual":
            return _text(location.get("url"))
        return None

    def _phones(
        self,
        values: dict[str, Any],
        service_id: str,
        location: dict[str, str] | None,
        organization_id: str,
    ) -> None:
        phones = (
            self.phones.get(("service_id", service_id))
            or (location and self.phones.get(("location_id", location["id"].strip())))
            or self.phones.get(("organization_id", organization_id))
            or []
        )
        for phone in phones:
            number = _text(phone.get("number"))
            if number is None:
                continue
            about = f"{phone.get('type') or ''} {phone.get('description') or ''}".lower()
            field = (
                "intake_phone"
                if "intake" in about
                else "hotline_phone"
                if "hotline" in about or "crisis" in about
                else "phone"
            )
            if field in values:
                continue
            values[field] = number
            extension = _text(phone.get("extension"))
            if extension:
                values[f"{field}_extension"] = extension

    def _schedule(self, values: dict[str, Any], service_id: str) -> None:
        meetings: list[dict[str, str]] = []
        notes: list[str] = []
        for schedule in self.schedules.get(service_id, []):
            opens, closes = _text(schedule.get("opens_at")), _text(schedule.get("closes_at"))
            days = [
                _DAYS.get(day.strip().upper()[-2:])
                for day in (schedule.get("byday") or "").split(",")
                if day.strip()
            ]
            weekly = (schedule.get("freq") or "WEEKLY").strip().upper() == "WEEKLY"
            if weekly and opens and closes and days and all(days):
                meetings.extend(
                    {"day_of_week": day, "start_time": opens[:5], "end_time": closes[:5]}
                    for day in days
                    if day
                )
            elif _text(schedule.get("description")):
                notes.append(schedule["description"].strip())
        if meetings:
            values["meetings"] = meetings
        elif notes:
            values["schedule_note"] = "; ".join(notes)[:500]
