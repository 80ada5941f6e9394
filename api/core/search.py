"""Free-text search: one normalisation for stored search keys and for queries.

Names are typed on phones and keyboards in many ways: "Ángela NÚÑEZ" or
"angela nunez", "O\u2019Brien" (with the curly apostrophe phones insert),
"O'Brien" or "OBrien", "Smith-Jones" or "Smith Jones". `normalize` folds all of
these to the same text, so a search is the same on SQLite and PostgreSQL and
never depends on the database's own case or accent folding:

1. case folded (`str.casefold`: "ß" → "ss", "NÚÑEZ" → "núñez"),
2. decomposed (Unicode NFKD) and stripped of combining marks ("núñez" → "nunez";
   compatibility forms such as "ﬁ" or full-width letters become plain letters),
3. the few Latin letters without a decomposition transliterated ("ł" → "l",
   "ø" → "o", "æ" → "ae"), and the modifier letters that serve as apostrophes
   (U+02B9 to U+02BF, U+02C8) dropped,
4. everything that is not a letter or digit dropped: apostrophes and dashes of
   every kind (ASCII ' and -, U+2018, U+2019, U+02BC, U+2032, U+2010 to U+2015),
   other punctuation, symbols, and whitespace, so "O\u2019Brien" = "O'Brien" =
   "OBrien" and "Smith-Jones" = "Smith Jones" = "SmithJones".

Each searchable row stores `search_key`: the normalised forms of its searchable
fields joined by `SEPARATOR`, which a normalised query never contains, so a
match never spans two fields. `keep_search_key` keeps it current on every
insert and update made through the ORM. A search is `search_key LIKE
'%<normalized query>%'`; PostgreSQL serves it from a pg_trgm GIN index
(migration 0011), SQLite scans the column.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from sqlalchemy import Index, event, false
from sqlalchemy.sql.elements import ColumnElement

SEPARATOR = "|"

# Latin letters that NFKD leaves whole, folded to what an English keyboard types;
# and modifier letters written as apostrophes (letters to Unicode, so not dropped
# as punctuation below), removed.
_TRANSLITERATE: dict[int, str | None] = {
    ord(letter): plain
    for letter, plain in {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ð": "d",
        "ħ": "h",
        "ŧ": "t",
        "\u0131": "i",  # dotless i
        "ŋ": "n",
        "þ": "th",
        "æ": "ae",
        "œ": "oe",
    }.items()
} | dict.fromkeys([*range(0x02B9, 0x02C0), 0x02C8])


def normalize(text: str | None) -> str:
    """`text` folded for search: lower case, no accents, letters and digits only.

    "Siobhan O\u2019Brien" → "siobhanobrien"; "C-2026-0001" → "c20260001"; None → "".
    """
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text.casefold()).translate(_TRANSLITERATE)
    # Combining marks, punctuation, symbols and whitespace are not alphanumeric.
    return "".join(ch for ch in decomposed if ch.isalnum())


def search_key(*fields: str | None) -> str:
    """The stored key of a row: its normalized, non-empty fields joined by `SEPARATOR`."""
    return SEPARATOR.join(key for key in (normalize(f) for f in fields) if key)


def contains_pattern(text: str) -> str | None:
    """A LIKE pattern (use with escape="\\") matching the normalized `text` anywhere
    in a search key; None when `text` has nothing searchable (only punctuation)."""
    normalized = normalize(text)
    if not normalized:
        return None
    # Normalised text holds no wildcard or escape character; escaped all the same.
    escaped = normalized.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def matches(column: Any, query: str) -> ColumnElement[bool]:
    """The condition "`column` (a search key) contains `query`", the same on every database.

    A query with nothing searchable in it ("%", "-") matches no row.
    """
    pattern = contains_pattern(query)
    if pattern is None:
        return false()
    condition: ColumnElement[bool] = column.like(pattern, escape="\\")
    return condition


def trigram_index(name: str) -> Index:
    """The index of a table's `search_key` that `LIKE '%…%'` uses on PostgreSQL: a
    pg_trgm GIN index. SQLite builds an ordinary index of it, which such a LIKE
    cannot use; SQLite scans the column instead."""
    return Index(
        name, "search_key", postgresql_using="gin", postgresql_ops={"search_key": "gin_trgm_ops"}
    )


Row = TypeVar("Row")


def keep_search_key(model: type[Row], fields: Callable[[Row], Iterable[str | None]]) -> None:
    """Set `model.search_key` from `fields(row)` before every ORM insert and update.

    Covers the services, the demo seed and the test factories alike; a bulk
    `UPDATE` statement that changes a searchable field must set the key itself.
    """

    def refresh(_mapper: Any, _connection: Any, row: Any) -> None:
        row.search_key = search_key(*fields(row))

    event.listen(model, "before_insert", refresh)
    event.listen(model, "before_update", refresh)
