"""Translation staleness: each Japanese text may carry a fingerprint of the
English it was translated from (`ja_source`); when the English changes, the
fingerprint no longer matches and the Japanese needs a review.
"""

from __future__ import annotations

import hashlib

from uec_helper.knowledge.diagnostics import Diagnostic, warning
from uec_helper.knowledge.model import Text

REVIEW_HINT = "check the 'ja' text against the English, then run `uec-helper translations mark-reviewed`"


def fingerprint(english: str) -> str:
    """First 8 hex digits of the SHA-256 of the English, whitespace collapsed
    (so re-wrapping a folded paragraph does not count as a change)."""
    normalized = " ".join(english.split())
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:8]


def check_translation(text: Text) -> list[Diagnostic]:
    if text.ja_source is None or not text.en.strip() or text.ja_source == fingerprint(text.en):
        return []
    return [
        warning(
            text.origin,
            "stale-translation",
            "Japanese text may be stale: the English changed since it was reviewed",
            REVIEW_HINT,
        )
    ]
