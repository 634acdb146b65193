"""Hypothesis strategies for documents: random text, news-like sentences of our own, and hostile
runs (nested quotes and brackets, repeated triggers, odd digits, extreme dates). Shared by
tests/extract/test_properties.py and bench/fuzz_extract.py."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from conflictwatch.records import Document

# Pieces of sentences written for these tests (about made-up days and places).
WORDS = ["Gunmen", "killed", "tué", "wounded", "blessés", "attacked", "ont attaqué", "an army post", "le camp",
         "near", "près de", "Sofara", "Dioura", "Konna", "Tenenkou", "on Monday", "lundi", "last week",
         "la semaine dernière", "yesterday", "hier", "on 3 March 2024", "le 12 avril 2023", "two", "deux", "12",
         "①", "²³", "٣", "dozens of", "des dizaines de", "JNIM", "jihadists", "soldiers", "militaires", "civilians",
         "(", ")", "«", "»", '"', "'", ";", ":", ".", ",", "\n", "\n\n", "Bilan :", "killed in an ambush by",
         "claimed responsibility", "a revendiqué", "http://example.org/x", "https://", "km²", "%", "…"]
HOSTILE_UNITS = ['"', "«\"([", "])\"»", "(", ")", "killed ", "①", "²³", ".", "…", "\u200b", "\ufeff", "\x00",
                 "a", "-", "’", "\u202e", "\U0001F600"]


def _sentences() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join)


def _hostile() -> st.SearchStrategy[str]:
    return st.tuples(st.sampled_from(HOSTILE_UNITS), st.integers(1, 3000), _sentences()).map(
        lambda t: t[2] + " " + t[0] * t[1] + " " + t[2])


def texts() -> st.SearchStrategy[str]:
    """Random text, news-like word salad, and hostile runs, never empty."""
    raw = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=400)
    return st.one_of(raw, _sentences(), _hostile()).filter(lambda t: t.strip() != "")


def documents() -> st.SearchStrategy[Document]:
    days = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)),
                     st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29)]))
    return st.builds(lambda text, lang, day: Document.from_text(text, language=lang, published=day, source_id="p"),
                     texts(), st.sampled_from(["", "en", "fr", "xx"]), days)
