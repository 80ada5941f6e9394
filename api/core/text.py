"""Which characters text may carry: the one rule behind request bodies, forms, queries
and path segments.

A NUL cannot be stored by PostgreSQL (it answered 500) and SQLite stored it silently;
other control characters (escape sequences, backspace, bell, C1 codes) and lone UTF-16
surrogates are never part of what a person typed, and can forge log lines or break the
screens that print them. So every control character (Unicode category Cc) and every
surrogate (Cs) is refused with 422, except tab and line breaks (`\\t`, `\\n`, `\\r`) in
free text of a JSON body. Single-line fields (names, e-mail, phone, form fields, query
and path parameters) refuse those as well. Sources: issue 11 item 1; RFC 8259 §7 lets JSON
escape any code point, so the check has to happen after decoding.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import AfterValidator, GetJsonSchemaHandler
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

LINE_BREAKS_AND_TAB = frozenset("\t\n\r")


def forbidden_character(value: str, *, multiline: bool) -> str | None:
    """The first character `value` may not carry, or None when it is clean."""
    for char in value:
        if char in LINE_BREAKS_AND_TAB:
            if not multiline:
                return char
        elif unicodedata.category(char) in ("Cc", "Cs"):
            return char
    return None


def describe(char: str) -> str:
    return f"must not contain control characters (found U+{ord(char):04X})"


def strings_in(value: object) -> Iterator[str]:
    """Every string inside a decoded value: itself, list items, and dict keys and values
    (nested models are checked by their own validators)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            yield from strings_in(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings_in(key)
            yield from strings_in(item)


def _one_line(value: str) -> str:
    char = forbidden_character(value, multiline=False)
    if char is not None:
        raise ValueError(describe(char))
    return value


class _SingleLine(AfterValidator):
    """The one-line rule, published as `ONE_LINE_PATTERN` where the type has no pattern."""

    def __get_pydantic_json_schema__(
        self, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        schema = handler(core_schema)
        schema.setdefault("pattern", ONE_LINE_PATTERN)
        return schema


SingleLine = _SingleLine(_one_line)
"""Marks a text type as one line: tab and line breaks are refused too, e.g.
`Annotated[str, StringConstraints(max_length=100), SingleLine]`."""

OneLine = Annotated[str, SingleLine]
"""A string of one line, without control characters."""


# The same rule as JSON Schema patterns (ECMA-262 syntax, which Python's `re` reads too), so
# that the OpenAPI document says it and clients and fuzzers draw only text the server takes:
# Unicode category Cc is U+0000-U+001F and U+007F-U+009F.
MULTILINE_PATTERN = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]*$"
"""Free text of a JSON body: no control character except tab and line breaks."""
ONE_LINE_PATTERN = "^[^\\u0000-\\u001F\\u007F-\\u009F]*$"
"""One line (query, path and form values, `SingleLine` fields): no control character."""

_REF = "#/components/schemas/"


def publish_text_rules(document: dict[str, Any]) -> None:
    """Adds the control-character rule, as a `pattern`, to every free string a request can
    carry: JSON body strings (at any depth) take `MULTILINE_PATTERN`, query and path
    parameters and form fields `ONE_LINE_PATTERN`. Strings that already have a `pattern`,
    a `format`, an `enum` or a `const` say more than this already and are left alone."""
    components = document.get("components", {}).get("schemas", {})
    done: dict[str, str] = {}

    def mark(schema: Any, pattern: str) -> None:
        if not isinstance(schema, dict):
            return
        ref = schema.get("$ref")
        if isinstance(ref, str) and ref.startswith(_REF):
            name = ref.removeprefix(_REF)
            if name in components and done.get(name) not in (pattern, ONE_LINE_PATTERN):
                done[name] = pattern
                mark(components[name], pattern)
            return
        if schema.get("type") == "string" and not {"pattern", "format", "enum", "const"} & set(
            schema
        ):
            schema["pattern"] = pattern
        for key in ("anyOf", "oneOf", "allOf", "prefixItems"):
            for branch in schema.get(key, []):
                mark(branch, pattern)
        for key in ("items", "additionalProperties"):
            mark(schema.get(key), pattern)
        for value in schema.get("properties", {}).values():
            mark(value, pattern)

    for operations in document.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") in ("query", "path"):
                    mark(parameter.get("schema"), ONE_LINE_PATTERN)
            content = operation.get("requestBody", {}).get("content", {})
            for media_type, body in content.items():
                one_line = media_type == "application/x-www-form-urlencoded"
                mark(body.get("schema"), ONE_LINE_PATTERN if one_line else MULTILINE_PATTERN)
