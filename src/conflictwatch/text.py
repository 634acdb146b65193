"""Folding: the one accent and case fold of the whole package.

One character-level table decides what every character folds to; three forms are built on it.

:func:`fold_aligned`
    One character for one, so offsets in the folded text are offsets in the original: accents off
    (a letter becomes its NFKD base; a loose combining mark stays, and the key drops it), case
    folded, every apostrophe variant (’ ‘ ʼ ′ ´ `) made ``'``, every dash variant (‐ ‑ ‒ – — ― −)
    made ``-``, non-ASCII white space (no-break, thin spaces) made a space. Letters of their own
    that read as one plain letter fold to it too (ø → o, ł → l, đ → d, ð → d, ħ → h, ŧ → t,
    ı → i). A ligature that stands for several letters (œ, æ, ß, þ, ĳ, ﬁ) cannot expand here: it
    stays one (lower-case) character, and :func:`fold_key` expands it. A compatibility sequence
    of punctuation keeps its first character (… → ``.``). ``keep_case=True`` does all this but
    the case step (for case-sensitive acronyms); folding that result gives :func:`fold_aligned`'s.
:func:`fold_words`
    :func:`fold_aligned` with every hyphen and every white-space character a space (still one for
    one): the form word lists (actor aliases, cue phrases) are matched in, so "Ti-n-Essako" and
    "Ti n Essako" meet.
:func:`fold_key`
    The normal form of a name, every gazetteer key and actor or place lookup: :func:`fold_aligned`,
    then ligatures expanded (œ → oe, ß → ss, ﬁ → fi), combining marks dropped, apostrophes
    dropped and every other run of punctuation or space made one space, stripped.
    ``fold_key("Ségou") == "segou"``, ``fold_key("Ti-n-Essako") == "ti n essako"``,
    ``fold_key("N’Débougou") == "ndebougou"``, ``fold_key("Œuvre") == "oeuvre"``.

Being built on one table, the forms cannot disagree on a letter: :func:`fold_key` is
:func:`fold_aligned` with only ligatures expanded and punctuation and spaces normalised.
:func:`compact` drops the spaces of a key ("Tin Essako", "Tin-Essako" and "Tinessako" meet).
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["APOSTROPHES", "DASHES", "compact", "fold_aligned", "fold_key", "fold_words", "is_latin"]

#: Characters written for an apostrophe: each folds to ``'``.
APOSTROPHES = "'\u2019\u2018\u02bc`\u00b4\u2032"
#: Characters written for a hyphen or a dash: each folds to ``-``.
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
#: Letters of their own that read as one plain letter (no Unicode decomposition says so).
_ONE_LETTER = {"ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ð": "d", "Ð": "D", "ı": "i",
               "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T"}
#: Letters that stand for several: one character in the aligned form, expanded in the key.
_MANY_LETTERS = {"œ": "oe", "æ": "ae", "þ": "th", "ß": "ss"}
_ASCII_SPACE = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f"


def _bare(ch: str) -> str:
    """``ch`` decomposed (NFKD) without its combining marks: "" for a mark, several for a ligature."""
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def _lower(ch: str) -> str:
    """``ch`` case-folded when that is one character, else lower-cased when that is, else itself."""
    for low in (ch.casefold(), ch.lower()):
        if len(low) == 1:
            return low
    return ch


def _fold_char(ch: str, keep_case: bool) -> str:
    if ch in APOSTROPHES:
        return "'"
    if ch in DASHES:
        return "-"
    if ch.isascii():
        return ch if keep_case else ch.lower()
    if ch.isspace():
        return " "
    if ch in _ONE_LETTER:
        return _ONE_LETTER[ch] if keep_case else _lower(_ONE_LETTER[ch])
    bare = _bare(ch)
    if not bare:
        return ch  # a combining mark stays (offsets); fold_key drops it
    if len(bare) == 1:
        base = _ONE_LETTER.get(bare, bare)
        if base in APOSTROPHES or base in DASHES:
            return "'" if base in APOSTROPHES else "-"
    elif not any(c.isalnum() for c in bare) and bare[0] not in APOSTROPHES + DASHES:
        return bare[0]  # "…" is "...": its first character keeps it punctuation
    else:
        base = ch  # a ligature: one character here, fold_key expands it
    return base if keep_case else _lower(base)


class _Table(dict[int, str]):
    """A ``str.translate`` table filled on first use of each character."""

    def __init__(self, keep_case: bool) -> None:
        super().__init__()
        self.keep_case = keep_case

    def __missing__(self, cp: int) -> str:
        out = self[cp] = _fold_char(chr(cp), self.keep_case)
        return out


_ALIGNED = _Table(keep_case=False)
_ALIGNED_CASE = _Table(keep_case=True)
_WORD_GAPS = {ord(c): " " for c in "-" + _ASCII_SPACE}


def fold_aligned(text: str, *, keep_case: bool = False) -> str:
    """``text`` without accents, case folded (unless ``keep_case``), one character for one."""
    if text.isascii():
        text = text if keep_case else text.lower()
        return text.replace("`", "'") if "`" in text else text
    return text.translate(_ALIGNED_CASE if keep_case else _ALIGNED)


def fold_words(text: str, *, keep_case: bool = False) -> str:
    """:func:`fold_aligned` with hyphens and white space as spaces, one character for one."""
    return fold_aligned(text, keep_case=keep_case).translate(_WORD_GAPS)


class _Expand(dict[int, str]):
    """What the key makes of an aligned character: ligatures expanded, marks and apostrophes dropped."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        bare = _bare(ch)
        if ch == "'" or not bare:  # an apostrophe, a combining mark
            out = ""
        elif ch in _MANY_LETTERS:
            out = _MANY_LETTERS[ch]
        elif len(bare) == 1 or not any(c.isalnum() for c in bare):
            out = ch  # one letter; or punctuation ("″"), a space in the key either way
        else:  # a ligature: its letters, each folded
            out = "".join(_lower(c) for c in bare).translate(_ALIGNED).translate(self)
        self[cp] = out
        return out


_EXPAND = _Expand()
_NON_WORD = re.compile(r"[\W_]+")
_LATIN = re.compile(r"[a-z0-9 ]+")


def fold_key(text: str) -> str:
    """The normal form of a name: :func:`fold_aligned`, ligatures expanded, punctuation normalised."""
    aligned = fold_aligned(text)
    if not aligned.isascii():
        aligned = aligned.translate(_EXPAND)
    else:
        aligned = aligned.replace("'", "")
    return _NON_WORD.sub(" ", aligned).strip()


def compact(key: str) -> str:
    """A key (:func:`fold_key`) without its spaces."""
    return key.replace(" ", "")


def is_latin(key: str) -> bool:
    """True when a key is plain Latin letters, digits and spaces (no other script)."""
    return bool(key) and _LATIN.fullmatch(key) is not None
