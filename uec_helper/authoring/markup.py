"""Safe HTML building: text is escaped unless it is already `Markup`.

Tree texts are untrusted, so the page is never assembled by pasting strings:
every text goes through `element`, which escapes it, and only what `element`
returns (or a template read from the package) is trusted as markup.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any


class Markup(str):
    """HTML that is already safe to insert as is."""

    __slots__ = ()


def escape(text: str) -> Markup:
    return text if isinstance(text, Markup) else Markup(html.escape(text, quote=True))


def join(children: Iterable[Any]) -> Markup:
    """Children in order: markup as is, text escaped, None and nested lists flattened."""
    parts: list[str] = []
    for child in children:
        if child is None:
            continue
        if isinstance(child, str):
            parts.append(escape(child))
        else:
            parts.append(join(child))
    return Markup("".join(parts))


def element(tag: str, *children: Any, **attributes: str | bool | None) -> Markup:
    """`<tag attr="…">children</tag>`; attribute names use `_` for `-`, a
    trailing `_` for reserved words (`class_`), True for a bare attribute."""
    opening = [tag]
    for name, value in attributes.items():
        if value is None or value is False:
            continue
        name = name.rstrip("_").replace("_", "-")
        opening.append(name if value is True else f'{name}="{escape(value)}"')
    return Markup(f"<{' '.join(opening)}>{join(children)}</{tag}>")


def script_json(data: Any) -> Markup:
    """JSON for a `<script type="application/json">`: `<`, `>` and `&` are
    written as \\u escapes, so no text can close the script element or open a comment."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char in "<>&\u2028\u2029":
        text = text.replace(char, f"\\u{ord(char):04x}")
    return Markup(text)
