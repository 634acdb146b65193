"""Name folding: the one normal form every gazetteer key and query goes through.

``fold("Ségou")`` → ``"segou"``; ``fold("Ti-n-Essako")`` → ``"ti n essako"``;
``fold("N'Débougou")`` → ``"ndebougou"``. Accents are stripped (NFKD, combining marks dropped),
case is folded, apostrophes are dropped and every other run of punctuation or space becomes one
space. :func:`compact` also drops the spaces, so that "Tin Essako", "Tin-Essako" and "Tinessako"
meet.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["compact", "fold", "is_latin"]

_APOSTROPHES = re.compile(r"['\u2019\u2018\u02bc\u0060\u00b4]")
_NON_WORD = re.compile(r"[\W_]+")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ð": "d",
                            "þ": "th"})
_LATIN = re.compile(r"[a-z0-9 ]+")


def fold(text: str) -> str:
    """The folded form of a name: no accents, case-folded, punctuation normalised."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.casefold().translate(_LIGATURES)
    text = _APOSTROPHES.sub("", text)
    return _NON_WORD.sub(" ", text).strip()


def compact(folded: str) -> str:
    """A folded name without its spaces."""
    return folded.replace(" ", "")


def is_latin(folded: str) -> bool:
    """True when a folded name is plain Latin letters, digits and spaces (no other script)."""
    return bool(folded) and _LATIN.fullmatch(folded) is not None
