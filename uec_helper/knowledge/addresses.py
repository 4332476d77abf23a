"""The shapes of the addresses a tree gives a reader to act on: the web pages
to open, the e-mail addresses to write to, the numbers to dial.

A reader is told to use these exactly as written, so a value of any other
shape is an error, not something to show: `javascript:…` is not a page to
open, and `x@y" onmouseover="…` is not an address to write to. The patterns
are written in the subset of regular expressions Python and ECMA-262 (JSON
Schema's dialect) read alike, so the schema for editors checks the same shapes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from uec_helper.errors import DiagnosticCode
from uec_helper.knowledge.model import PLACEHOLDER, AddressKind

_HOST = r"[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
# After the host: what a browser, an HTML attribute and a terminal all take
# as one address. No space ends it, no quote or angle bracket breaks out of
# an attribute, no backslash or backtick is read as an escape.
_NOT_IN_URL = "\\s\"'<>\\\\`\\x00-\\x1f\\x7f-\\x9f"
_URL_CHARACTER = f"[^{_NOT_IN_URL}]"

PATTERNS: dict[AddressKind, str] = {
    # http too: a source names one office's page by its http:// address only.
    "web": rf"https?://{_HOST}(?::[0-9]{{1,5}})?(?:[/?#]{_URL_CHARACTER}*)?",
    "email": rf"[A-Za-z0-9._+-]+@{_HOST}\.[A-Za-z0-9-]+",
    "phone": r"\+?[0-9()][0-9 ()-]*[0-9]",
    "extension": r"[0-9]+(?:-[0-9]+)*",
}
_COMPILED = {kind: re.compile(pattern) for kind, pattern in PATTERNS.items()}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_EMAIL_CHARACTER = re.compile(r"[A-Za-z0-9._+@-]")
_NUMBER_CHARACTER = {"phone": re.compile(r"[0-9 ()+-]"), "extension": re.compile(r"[0-9-]")}
_NAMED_CHARACTERS = {
    " ": "a space",
    '"': "a double quote",
    "'": "a single quote",
    "`": "a backtick",
    "<": "an angle bracket ('<')",
    ">": "an angle bracket ('>')",
    "\\": "a backslash",
}


@dataclass(frozen=True)
class AddressProblem:
    code: DiagnosticCode
    message: str
    hint: str


def is_web_address(value: str) -> bool:
    return _COMPILED["web"].fullmatch(value) is not None


def address_problem(kind: AddressKind, name: str, value: str) -> AddressProblem | None:
    """Why the value of field `name` is not an address of its kind; None when it is one."""
    if _COMPILED[kind].fullmatch(value):
        return None
    if value.startswith(PLACEHOLDER):  # as a placeholder in a text is reported
        return AddressProblem(
            "placeholder", f"'{name}' is still a placeholder", f"replace '{value[:30]}' with the real address"
        )
    if kind == "web":
        message, hint = _web_problem(name, value)
    elif kind == "email":
        message, hint = _email_problem(name, value)
    else:
        message, hint = _number_problem(kind, name, value)
    return AddressProblem("address", message, hint)


def _web_problem(name: str, value: str) -> tuple[str, str]:
    scheme = _SCHEME.match(value)
    if scheme is None or scheme.group(1) not in ("http", "https") or not value.startswith(f"{scheme.group(1)}://"):
        other = scheme is not None and scheme.group(1).lower() not in ("http", "https")
        found = f", not a '{scheme.group(1)}:' address" if scheme and other else ""
        return (
            f"'{name}' must be a web address starting with https:// or http://{found}",
            "write the page's whole address, e.g. https://www.cc.uec.ac.jp/",
        )
    authority = re.split(r"[/?#]", value.partition("://")[2], maxsplit=1)[0]
    if "@" in authority:
        return f"'{name}' names a user before its host ('…@')", "remove the part up to '@': it hides the real host"
    if not re.fullmatch(rf"{_HOST}(?::[0-9]{{1,5}})?", authority):
        return (
            f"'{name}' has no valid host name after '{scheme.group(1)}://'",
            "write the host, e.g. https://www.cc.uec.ac.jp/",
        )
    bad = re.search(f"[{_NOT_IN_URL}]", value)
    what = _describe(bad.group()) if bad else "a character not allowed in a web address"
    return f"'{name}' contains {what}", "percent-encode it, e.g. %20 for a space, or remove it"


def _email_problem(name: str, value: str) -> tuple[str, str]:
    hint = "write the address alone, e.g. support@cc.uec.ac.jp"
    if value.lower().startswith("mailto:"):
        return f"'{name}' must be the address alone, without 'mailto:'", hint
    bad = next((c for c in value if not _EMAIL_CHARACTER.fullmatch(c)), None)
    if bad is not None:
        return f"'{name}' contains {_describe(bad)}", hint
    return f"'{name}' must be one e-mail address, name@domain", hint


def _number_problem(kind: AddressKind, name: str, value: str) -> tuple[str, str]:
    allowed = "digits, spaces, '+', '-' and parentheses" if kind == "phone" else "digits and '-'"
    bad = next((c for c in value if not _NUMBER_CHARACTER[kind].fullmatch(c)), None)
    found = f"; found {_describe(bad)}" if bad is not None else ""
    return f"'{name}' must be a number to dial: {allowed}{found}", "put any words in the contact's name or location"


def _describe(character: str) -> str:
    if character in _NAMED_CHARACTERS:
        return _NAMED_CHARACTERS[character]
    if character.isspace() or not character.isprintable():
        return f"the character U+{ord(character):04X}"
    return f"'{character}'"
