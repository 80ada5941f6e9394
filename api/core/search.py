"""Free-text search helpers shared by list endpoints."""

from __future__ import annotations


def contains_pattern(text: str) -> str:
    """A case-insensitive LIKE pattern (use with escape="\\") matching `text` anywhere."""
    escaped = text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
