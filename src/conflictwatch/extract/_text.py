"""Text helpers shared by the extraction components: offset-preserving folding."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

__all__ = ["fold_aligned"]


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    if ch.isascii():
        return ch.lower()
    if ch in "\u2019\u2018\u02bc`\u00b4":
        return "'"
    if ch in "\u2013\u2014\u2011":
        return "-"
    if ch.isspace():
        return " "
    base = unicodedata.normalize("NFKD", ch)
    base = "".join(c for c in base if not unicodedata.combining(c)).lower()
    return base[:1] if base else ch


def fold_aligned(text: str) -> str:
    """``text`` lower-cased without accents, one character for one, so offsets carry over."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(ch) for ch in text)
