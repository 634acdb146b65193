"""The package's one fold (conflictwatch.text): the aligned form keeps every offset, the key form is
the aligned form with only ligatures expanded and punctuation normalised, and each is idempotent."""

from __future__ import annotations

import re
import unicodedata

import pytest

from conflictwatch.extract import actors
from conflictwatch.geo import fold
from conflictwatch.text import (
    APOSTROPHES,
    DASHES,
    compact,
    fold_aligned,
    fold_key,
    fold_words,
    is_latin,
)

#: Latin-1 Supplement and Latin Extended-A, B and Additional, general punctuation, letter-like
#: symbols, number forms, the compatibility ligatures: every character a report may hold.
RANGES = [(0x20, 0x7F), (0xA0, 0x250), (0x1E00, 0x1F00), (0x2000, 0x2070), (0x2100, 0x2190), (0xFB00, 0xFB07)]
CHARS = [chr(cp) for lo, hi in RANGES for cp in range(lo, hi)]
#: a text of all of them with plain letters around each, for the forms that look at neighbours
TEXT = "".join(f"a{c}b " for c in CHARS)
_NON_WORD = re.compile(r"[\W_]+")


def _squash(text: str) -> str:
    """Apostrophes dropped, every other run of punctuation or space one space: the key's last step."""
    return _NON_WORD.sub(" ", text.replace("'", "")).strip()


def test_the_package_has_one_fold() -> None:
    assert fold is fold_key
    assert actors.fold is fold_words


@pytest.mark.parametrize("keep_case", [False, True])
def test_aligned_forms_keep_every_offset(keep_case: bool) -> None:
    for c in CHARS:
        assert len(fold_aligned(c, keep_case=keep_case)) == 1, (hex(ord(c)), fold_aligned(c, keep_case=keep_case))
        assert len(fold_words(c, keep_case=keep_case)) == 1, hex(ord(c))
    assert len(fold_aligned(TEXT)) == len(fold_words(TEXT)) == len(TEXT)
    assert fold_aligned(TEXT) == "".join(fold_aligned(c) for c in TEXT)


def test_every_form_is_idempotent() -> None:
    for form in (fold_aligned, fold_words, fold_key):
        once = form(TEXT)
        assert form(once) == once, form.__name__
    kept = fold_aligned(TEXT, keep_case=True)
    assert fold_aligned(kept, keep_case=True) == kept


def test_the_case_step_comes_last() -> None:
    for c in CHARS:
        assert fold_aligned(fold_aligned(c, keep_case=True)) == fold_aligned(c), hex(ord(c))
        assert fold_words(c) == fold_aligned(fold_words(c, keep_case=True)), hex(ord(c))


#: Latin-1 and Latin Extended-A letters that are letters of their own in the key too: the micro
#: sign (Greek mu), kra and eng (ŋ, a letter of Bambara and Songhay, not a spelling of "ng").
OWN_LETTERS = set("µĸŊŋ")
#: Letters that stand for several and have no Unicode decomposition that says so.
MANY_LETTERS = {"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss", "ẞ": "ss", "þ": "th", "Þ": "th"}


def _expansion(c: str) -> str | None:
    """What a ligature stands for ("œ" → "oe", "ﬁ" → "fi", "¼" → "1⁄4"); None for other characters."""
    bare = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    if bare in MANY_LETTERS:  # "ǣ" is "æ" with a macron
        return MANY_LETTERS[bare]
    return bare if len(bare) > 1 and any(x.isalnum() for x in bare) else None


def test_the_key_is_the_aligned_form_normalised() -> None:
    """A character's key is its aligned form with apostrophes dropped and other punctuation and
    space runs one space; only a ligature differs: one character when aligned, expanded in the key."""
    expanded = 0
    for c in CHARS:
        many = _expansion(c)
        if many is None:
            assert fold_key(f"a{c}b") == _squash(fold_aligned(f"a{c}b")), hex(ord(c))
        else:
            expanded += 1
            assert len(fold_aligned(c)) == 1 and not fold_aligned(c).isascii(), hex(ord(c))
            assert fold_key(f"a{c}b") == _squash(fold_aligned(f"a{many}b")), hex(ord(c))
    assert expanded > 40


def test_every_latin_letter_has_an_ascii_key() -> None:
    for c in CHARS:
        if ord(c) < 0x180 and unicodedata.category(c)[0] in "LM" and c not in OWN_LETTERS:
            assert fold_key(c).isascii() and fold_key(c), (hex(ord(c)), fold_key(c))
    assert fold_key("\u0301") == "" and fold_aligned("\u0301") == "\u0301"


def test_the_fold_ignores_composition() -> None:
    for c in CHARS:
        for form in ("NFC", "NFD"):
            assert fold_key(unicodedata.normalize(form, f"x{c}y")) == fold_key(f"x{c}y"), (hex(ord(c)), form)


@pytest.mark.parametrize(("text", "aligned", "words", "key"), [
    ("Ségou", "segou", "segou", "segou"),
    ("Ti-n-Essako", "ti-n-essako", "ti n essako", "ti n essako"),
    ("N\u2019Débougou", "n'debougou", "n'debougou", "ndebougou"),
    ("  Ké\u2013Macina ", "  ke-macina ", "  ke macina ", "ke macina"),
    ("Œuvre", "œuvre", "œuvre", "oeuvre"),
    ("Straße", "straße", "straße", "strasse"),
    ("Łódź", "lodz", "lodz", "lodz"),
    ("Se\u0301gou", "se\u0301gou", "se\u0301gou", "segou"),
    ("ﬁn\u2026", "ﬁn.", "ﬁn.", "fin"),
    ("A.F.P.", "a.f.p.", "a.f.p.", "a f p"),
    ("l`armée\nmalienne", "l'armee\nmalienne", "l'armee malienne", "larmee malienne"),
    ("İstanbul", "istanbul", "istanbul", "istanbul"),
])
def test_the_forms_of_some_names(text: str, aligned: str, words: str, key: str) -> None:
    assert (fold_aligned(text), fold_words(text), fold_key(text)) == (aligned, words, key)


def test_keep_case_keeps_case_only() -> None:
    assert fold_aligned("GATİA à Ménaka", keep_case=True) == "GATIA a Menaka"
    assert fold_words("Al-Qaïda\u2019s", keep_case=True) == "Al Qaida's"


def test_every_apostrophe_and_dash_variant_folds_to_one() -> None:
    assert {fold_aligned(c) for c in APOSTROPHES} == {"'"}
    assert {fold_aligned(c) for c in DASHES} == {"-"}
    assert {fold_words(c) for c in DASHES} == {" "}


def test_compact_and_latin() -> None:
    assert compact(fold_key("Tin-Essako")) == compact(fold_key("Tin Essako")) == fold_key("Tinessako")
    assert is_latin(fold_key("Ségou 2")) and not is_latin(fold_key("Тимбукту")) and not is_latin("")
