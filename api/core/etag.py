"""Strong ETags from a row's version, and the If-Match rules."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header

from api.core.problems import PreconditionFailed, PreconditionRequired

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description="The ETag you last read; a stale one gets 412 and nothing is written.",
    ),
]


def etag_for(version: int) -> str:
    return f'"v{version}"'


def check_if_match(if_match: str | None, version: int, *, required: bool = False) -> None:
    if if_match is None:
        if required:
            raise PreconditionRequired(
                "Send If-Match with the ETag from your last read of this resource."
            )
        return
    if if_match.strip() == "*":
        return
    candidates = {tag.strip() for tag in if_match.split(",")}
    if etag_for(version) not in candidates:  # weak tags (W/"…") never match strongly
        raise PreconditionFailed(
            "This record was changed by someone else since you loaded it. "
            "Reload it to see their changes, then apply yours again."
        )
