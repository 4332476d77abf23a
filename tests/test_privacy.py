"""Note masking: every secret in the attack table is masked, every harmless
note reaches the ticket unchanged (tests/fixtures/attacks/notes.tsv)."""

from __future__ import annotations

from pathlib import Path

import pytest

from uec_helper.helpdesk.privacy import MASK, screen_note

NOTES = Path(__file__).parent / "fixtures" / "attacks" / "notes.tsv"
ROWS = [
    line.split("\t") for line in NOTES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")
]
SECRETS = [(note, masked) for kind, note, masked in (row for row in ROWS if row[0] == "secret")]
HARMLESS = [note for kind, note in (row for row in ROWS if row[0] == "harmless")]


@pytest.mark.parametrize(("note", "masked"), SECRETS)
def test_a_secret_is_masked(note: str, masked: str) -> None:
    screened = screen_note(note)
    assert screened.text == masked
    assert screened.found


@pytest.mark.parametrize("note", HARMLESS)
def test_a_harmless_note_is_kept(note: str) -> None:
    screened = screen_note(note)
    assert (screened.text, screened.found) == (note, ())


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ("Code 123456 did not work", ("one-time-code",)),
        ("password: Hunter2 then locked", ("password",)),
        ("student 2012345 called", ("id-number",)),
        ("pass: x, code 123 456, id 2012345", ("password", "one-time-code", "id-number")),
    ],
)
def test_the_kinds_of_secret_found_are_reported_once_each(note: str, found: tuple[str, ...]) -> None:
    assert screen_note(note).found == found


def test_a_masked_note_is_stable() -> None:
    once = screen_note("password: hunter2, PIN 1234").text
    assert screen_note(once) == screen_note(once.replace(MASK, MASK))
    assert screen_note(once).text == once
