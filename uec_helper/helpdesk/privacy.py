"""Secrets kept out of notes: the tool never asks for a password, an
authentication code or a student number, and masks what looks like one."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

Secret = Literal["password", "one-time-code", "id-number"]

MASK = "[masked]"

# A word introduced as a password ("password: x", "pw=x", "パスワードはx"): the word is masked.
_INTRODUCED_PASSWORD = re.compile(
    r"(?i)(?P<lead>\b(?:password|passwd|pwd|pw|passcode)\b\s*(?:is\b|was\b|[:=：])?\s*|(?:パスワード|暗証番号)\s*[:=：は]?\s*)"
    r"(?P<secret>[^\s、。,]+)"
)
# A word mixing letters, digits and symbols, as passwords do (e-mail and web addresses excluded).
_PASSWORD_LIKE = re.compile(r"(?<!\S)(?=\S*[A-Za-z])(?=\S*\d)(?=\S*[^\w\s])(?!\S*@)(?!\S*://)\S{8,}")
_ONE_TIME_CODE = re.compile(r"(?<![\w-])\d{6}(?![\w-])")
# Student and staff numbers, alone or inside an account name: seven or more digits.
_ID_NUMBER = re.compile(r"(?<![\d-])[A-Za-z]?\d{7,}(?![\d-])")

_RULES: tuple[tuple[Secret, re.Pattern[str]], ...] = (
    ("password", _PASSWORD_LIKE),
    ("one-time-code", _ONE_TIME_CODE),
    ("id-number", _ID_NUMBER),
)


@dataclass(frozen=True)
class Screened:
    """A note with its secrets masked, and what kinds of secret were found."""

    text: str
    found: tuple[Secret, ...]


def screen_note(note: str) -> Screened:
    found: list[Secret] = []

    def masked_introduced(match: re.Match[str]) -> str:
        found.append("password")
        return match["lead"] + MASK

    text = _INTRODUCED_PASSWORD.sub(masked_introduced, note)
    for kind, pattern in _RULES:
        text, count = pattern.subn(MASK, text)
        if count:
            found.append(kind)
    return Screened(text, tuple(dict.fromkeys(found)))
