"""Phone numbers and e-mail addresses as practices write them: one parser and one type each.

Phones. A phone is typed as people write it, with or without an extension:
`(555) 555-0142 ext. 12`, `608-555-0100 x11`, `+1 555 0100 #7`. It is stored as two parts,
the number as written (`phone`) and the extension's digits (`phone_extension`), because a
dialer needs them apart (`tel:+15555550142,12`). The number has 7 to 15 digits (ITU-T E.164
caps a number at 15) in `+ 0-9 space ( ) . -`; the extension 1 to 10 digits, introduced by
`ext`, `ext.`, `extn`, `extension`, `x`, `#`, `,` or `;ext=` (RFC 3966), spaces optional.

E-mail. Any syntactically valid address is accepted, the special-use domains included
(RFC 6761/6762: `.test`, `.local`, `.localhost`, ...): internal directories use `.local`,
and the demo uses `.test`. email-validator refuses them by default; its documented
`SPECIAL_USE_DOMAIN_NAMES` list is the knob, emptied here for the whole process, because
Cairn never checks deliverability (it sends no mail to these addresses itself).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Self

import email_validator
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from api.core.problems import FieldError, UnprocessableContent
from api.core.schemas import absent_when_absent

NUMBER_MAX_LENGTH = 40
"""The stored number's length (the column's)."""
EXTENSION_MAX_DIGITS = 10

_MARKER = r"(?:,|;\s*ext\s*=|\#|x|ext(?:ension|n)?\s*[.:]?)"
_EXTENSION = re.compile(rf"\s*{_MARKER}\s*(?P<digits>[0-9]{{1,10}})\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"^\+?(?:[ ().\-]{0,3}[0-9]){7,15}[ ().\-]{0,3}$")
_EXTENSION_ALONE = re.compile(rf"^\s*{_MARKER}?\s*(?P<digits>[0-9]{{1,10}})\s*$", re.IGNORECASE)

# The same rule for clients, in JSON Schema (ECMA-262) syntax: no inline flags, so the
# markers spell out both cases. The 7-15 digit count is checked on top of it.
# The digit count (7 to 15) is part of the pattern, so a client checks a phone as the server
# does; surrounding whitespace is trimmed, as the server does. Separators come at most three
# at a time (`) `, ` (`, ` - `), which every written format needs; the number's 40-character cap
# (the column's) is in the description only: a lookahead for it makes the pattern too slow
# to generate examples from, and no number within the pattern's shape comes near it.
# White space as both regex dialects read `\\s`, less the control characters among it (vertical
# tab, form feed, U+001C-U+001F, U+0085), which the server refuses (api/core/text.py).
_WS = r"[^\S\u000B\u000C\u001C-\u001F\u0085]"
_MARKER_JS = rf"(?:,|;{_WS}*[Ee][Xx][Tt]{_WS}*=|#|[Xx]|[Ee][Xx][Tt](?:[Ee][Nn][Ss][Ii][Oo][Nn]|[Nn])?{_WS}*[.:]?)"
PHONE_PATTERN = (
    rf"^{_WS}*\+?(?:[ ().\-]{{0,3}}[0-9]){{7,15}}[ ().\-]{{0,3}}"
    rf"(?:{_MARKER_JS}{_WS}*[0-9]{{1,10}})?{_WS}*$"
)
EXTENSION_PATTERN = rf"^{_WS}*(?:{_MARKER_JS}{_WS}*)?[0-9]{{1,10}}{_WS}*$"

PHONE_HINT = (
    "enter a phone number of 7 to 15 digits, e.g. +1 555 010 0123 or (555) 555-0142 ext. 12"
)


def split_phone(text: str) -> tuple[str, str | None]:
    """`"(555) 555-0142 ext. 12"` → `("(555) 555-0142", "12")`; no extension → `(text, None)`.

    Raises ValueError (with the hint users read) unless the number part has 7 to 15 digits
    in `+ 0-9 space ( ) . -` and fits the column."""
    text = text.strip()
    written = _EXTENSION.search(text)
    number, extension = (
        (text[: written.start()].strip(), written["digits"]) if written else (text, None)
    )
    digits = sum(ch.isdigit() for ch in number)
    if not _NUMBER.match(number) or not 7 <= digits <= 15 or len(number) > NUMBER_MAX_LENGTH:
        raise ValueError(PHONE_HINT)
    return number, extension


def _phone_text(value: str) -> str:
    split_phone(value)
    return value


def _extension_digits(value: str) -> str:
    alone = _EXTENSION_ALONE.match(value)
    if alone is None:
        raise ValueError(f"enter the extension as 1 to {EXTENSION_MAX_DIGITS} digits, e.g. 12")
    return alone["digits"]


def _at_most(limit: int) -> Callable[[object], object]:
    """The published `maxLength` counts the value as sent, surrounding spaces included
    (stripping first would accept what the schema refuses)."""

    def check(value: object) -> object:
        if isinstance(value, str) and len(value) > limit:
            raise ValueError(f"at most {limit} characters")
        return value

    return check


Phone = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    BeforeValidator(_at_most(NUMBER_MAX_LENGTH + 20)),
    AfterValidator(_phone_text),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": NUMBER_MAX_LENGTH + 20,
            "pattern": PHONE_PATTERN,
            "description": "A phone number of 7 to 15 digits, optionally with an extension "
            "written after it (ext, ext., extn, extension, x, #, or a comma; spaces optional). "
            "The number has at most 40 characters and at most three separators in a row. "
            "Stored and returned as two parts: `phone` (the number as written) and "
            "`phone_extension` (the extension's digits).",
            "examples": ["(555) 555-0142 ext. 12", "608-555-0100 x11", "+1 555 0100 #7"],
        },
        mode="validation",
    ),
]
"""A phone as typed, maybe with an extension; `PhoneFields` splits it into its two parts."""

PhoneExtension = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    BeforeValidator(_at_most(30)),
    AfterValidator(_extension_digits),
    WithJsonSchema(
        {
            "type": "string",
            "maxLength": 30,
            "pattern": EXTENSION_PATTERN,
            "description": "The extension's 1 to 10 digits (a leading `ext.`, `x` or `#` is "
            "dropped). Needs a phone number, given with it or already stored.",
            "examples": ["12"],
        },
        mode="validation",
    ),
]
"""An extension's digits; `x12` and `ext. 12` are taken as `12`."""


class PhoneFields(BaseModel):
    """Mixin for input models that declare `phone: Phone | None` and, after it,
    `phone_extension: PhoneExtension | None`.

    After validation `phone` holds the number only and `phone_extension` the extension:
    - an extension written in `phone` moves to `phone_extension`; giving a different one in
      `phone_extension` too is a 422 on `phone_extension`;
    - setting `phone` replaces the whole number: unless an extension comes with it (in the text
      or in `phone_extension`), a stored extension is cleared, so `phone_extension` is then set;
    - `phone_extension` alone changes only the extension of the stored number.
    Whether an extension has a number to belong to is the service's check
    (`require_number_for_extension`), since only it knows what is stored.
    """

    if TYPE_CHECKING:  # declared by each model, in its own field order
        phone: str | None
        phone_extension: str | None

    @field_validator("phone_extension", check_fields=False)
    @classmethod
    def _agrees_with_phone(cls, value: str | None, info: ValidationInfo) -> str | None:
        phone = info.data.get("phone")
        if value is not None and phone is not None:
            written = split_phone(phone)[1]
            if written is not None and written != value:
                raise ValueError(f"differs from the extension written in phone ({written})")
        return value

    @model_validator(mode="after")
    def _extension_apart(self) -> Self:
        if "phone" not in self.model_fields_set:
            return self
        phone, extension = self.phone, self.phone_extension
        if phone is not None:
            phone, written = split_phone(phone)
            extension = written or extension
        # Assignment marks both as set, so PATCH services store them together.
        self.phone, self.phone_extension = phone, extension
        return self


EXTENSION_NEEDS_NUMBER = absent_when_absent("phone", "phone_extension")
"""For a creating model's `allOf`: an extension comes with a number. (On a PATCH the number
may be the stored one, which only the server knows.)"""


def require_number_for_extension(
    phone: str | None, extension: str | None, loc: list[str | int]
) -> None:
    """422 on `loc` when an extension would be stored without a number to belong to."""
    if extension is not None and phone is None:
        raise UnprocessableContent(
            "A phone extension needs a phone number.",
            errors=[FieldError(loc=loc, msg="needs a phone number", type="value_error")],
        )


# Cairn accepts any syntactically valid address (see the module docstring).
email_validator.SPECIAL_USE_DOMAIN_NAMES.clear()


def _email_address(value: str) -> str:
    try:
        checked = email_validator.validate_email(value, check_deliverability=False)
    except email_validator.EmailNotValidError as exc:
        # The validator's own sentence ("The part after the @-sign is not valid. It
        # should have a period.") is for developers; people get a plain one.
        raise ValueError("Not a valid email address; write it like name@example.org") from exc
    return checked.normalized


Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=320),
    AfterValidator(_email_address),
    WithJsonSchema(
        {
            "type": "string",
            "format": "email",
            "maxLength": 320,
            "description": "Any syntactically valid address, special-use domains such as "
            ".local and .test included. Stored in lower case.",
            "examples": ["sam.rivera@example.org", "ops@clinic.local"],
        },
        mode="validation",
    ),
]
"""An e-mail address, syntax only (no DNS), special-use domains allowed."""
