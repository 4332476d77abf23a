"""Secrets kept out of notes: the tool never asks for a password, an
authentication code or a student number, and masks what looks like one.

A leaked secret is worse than an over-masked word, but a note that loses
"INC-20241a" or "Windows10-PC" is useless: the rules below mask a word when
its context says it is a secret (a password keyword, an e-mail address and a
separator, a code keyword) or when its shape does (a 6-digit code, a long
number, a word mixing letters, digits and password symbols). The attack
tables in tests/fixtures/attacks/notes.tsv pin both kinds down.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Secret = Literal["password", "one-time-code", "id-number"]

MASK = "[masked]"

# Digits and letters as ASCII: Japanese text around a code ("コード123456を") is no word boundary.
_NOT_AFTER_ALNUM = r"(?<![0-9A-Za-z])"
_NOT_BEFORE_ALNUM = r"(?![0-9A-Za-z])"
# What a secret word runs to: spaces and sentence punctuation end it.
_WORD = r"[^\s、。,，]+"

_PASSWORD_WORD = r"(?:password|passwd|passphrase|passcode|pwd|pw)"
_IS = r"(?:\s+(?:is|was)(?:\s+now)?)?"
# "password: x", "pass = x", "password was: x": whatever follows the separator is the secret.
_STATED_PASSWORD = re.compile(rf"(?i)(?P<lead>\b(?:{_PASSWORD_WORD}|pass)\b{_IS}\s*[:=：]\s*)(?P<secret>{_WORD})")
# "password hunter2", "password is hunter": the next word, unless it says something about the
# password rather than being it ("password reset", "password was changed").
_NOT_A_PASSWORD = (
    "is was a an the to for and or of on in at by it not never still now too also being been has had "
    "reset changed change expired expires expiry wrong correct incorrect accepted rejected locked "
    "forgotten forgot lost unknown ok fine right valid invalid set sent issued reissued reissue required "
    "policy manager prompt field screen page rules updated blank empty works worked"
)
_MENTIONED_PASSWORD = re.compile(
    rf"(?i)(?P<lead>\b{_PASSWORD_WORD}\b{_IS}\s+)(?!(?:{'|'.join(_NOT_A_PASSWORD.split())})\b|[:=：])(?P<secret>{_WORD})"
)
# Japanese: "パスワードはabc123です", "パスワードを hunter2 に変更". Passwords are ASCII, so the
# secret is the ASCII word that follows ("パスワードを忘れた" keeps its verb).
_JAPANESE_PASSWORD = re.compile(
    r"(?P<lead>(?:パスワード|パスフレーズ|暗証番号)\s*[はを:=：]?\s*[「『\"']?)(?P<secret>[!-~]+?)(?=[」』\"']|\s|[^!-~]|$)"
)
# "user@uec.ac.jp / hunter2", "user@uec.ac.jp:Hunter2!x": an account and its password.
_ACCOUNT_AND_PASSWORD = re.compile(
    rf"(?P<lead>[\w.+-]+@[\w-]+(?:\.[\w-]+)+(?P<space>\s*)[/:|](?P<space2>\s*))(?P<secret>{_WORD})"
)
# "PIN 1234", "OTP: 12345", "code 123 456", "認証コードは987654": digits after a code keyword,
# four or more, in groups split by a space or a hyphen.
_CODE_AFTER_KEYWORD = re.compile(
    r"(?i)(?P<lead>(?:\b(?:code|otp|pin|token|tan)\b|コード|ワンタイム)\s*(?:is\b|was\b)?\s*[は:=：]?\s*)"
    rf"(?P<secret>{_NOT_AFTER_ALNUM}\d(?:[ -]?\d){{3,}}){_NOT_BEFORE_ALNUM}"
)
# A word mixing letters, digits and symbols, as passwords do. The symbols of names and versions
# (INC-20241a, Windows10-PC, 1.2.3-beta4, paths, times) and trailing punctuation do not count;
# e-mail and web addresses are left alone.
_PASSWORD_LIKE = re.compile(r"(?<!\S)(?=\S*[A-Za-z])(?=\S*\d)(?=\S*[^\w\s.\-/:,;()\"'])(?!\S*@)(?!\S*://)\S{8,}")
_ONE_TIME_CODE = re.compile(rf"{_NOT_AFTER_ALNUM}(?<!-)\d{{6}}(?!-){_NOT_BEFORE_ALNUM}")
# Student and staff numbers, alone or inside an account name: seven or more digits.
_ID_NUMBER = re.compile(r"(?<![\d-])[A-Za-z]?\d{7,}(?![\d-])")


def _has_non_letter(word: str) -> bool:
    return not word.isalpha()


def _spaced_account_needs_symbol(match: re.Match[str]) -> bool:
    """Glued to its account ("a@b.jp:x") anything is a password; spaced out
    ("a@b.jp: locked out") only a word with a digit or a symbol."""
    return not (match["space"] or match["space2"]) or _has_non_letter(match["secret"])


# Each rule: the kind of secret, the pattern, and (for context rules) a test the match must pass.
_CONTEXT_RULES: tuple[tuple[Secret, re.Pattern[str], Callable[[re.Match[str]], bool] | None], ...] = (
    ("password", _STATED_PASSWORD, None),
    ("password", _MENTIONED_PASSWORD, None),
    ("password", _JAPANESE_PASSWORD, None),
    ("password", _ACCOUNT_AND_PASSWORD, _spaced_account_needs_symbol),
    ("one-time-code", _CODE_AFTER_KEYWORD, None),
)
_SHAPE_RULES: tuple[tuple[Secret, re.Pattern[str]], ...] = (
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
    text = note
    for kind, pattern, accept in _CONTEXT_RULES:

        def masked(match: re.Match[str], kind: Secret = kind, accept: Callable[..., bool] | None = accept) -> str:
            if match["secret"] == MASK or (accept is not None and not accept(match)):
                return match[0]
            found.append(kind)
            return match["lead"] + MASK

        text = pattern.sub(masked, text)
    for kind, pattern in _SHAPE_RULES:
        text, count = pattern.subn(MASK, text)
        if count:
            found.append(kind)
    return Screened(text, tuple(dict.fromkeys(found)))
