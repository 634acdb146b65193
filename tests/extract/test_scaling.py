"""Work linear in a long report: sentence breaks written at once, linking within a window.

The faster forms give the answers of the plain ones on any report shorter than the window (the
time itself is measured in bench/bench_scaling.py, not here).
"""

from __future__ import annotations

import functools

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from conflictwatch.extract.lang import blank_pipeline
from conflictwatch.extract.pipeline import SentenceBreaks

#: words, line breaks, a casualty line's "Bilan :", brackets and semicolons, in any order
PIECES = st.sampled_from(["Bilan", ":", "-", "bilan", ";", "(", ")", "((", "\n", "\n\n", "a", "Kidal", "ville", ".",
                          "x)", "(y", " "])


@functools.cache
def _nlp(lang: str) -> spacy.language.Language:
    return blank_pipeline(lang, cache_dir=None)


def _starts_set_one_by_one(doc: Doc) -> list[bool | None]:
    """The sentence starts of SentenceBreaks' rule, each set on its token (the plain form)."""
    depth = 0
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        broken = "\n" in prev.text or "\n" in prev.whitespace_
        depth = 0 if broken else max(0, depth + prev.text.count("(") - prev.text.count(")"))
        if broken or tok.lower_ == "bilan" and i + 1 < len(doc) and doc[i + 1].text in (":", "-"):
            tok.is_sent_start = True
        elif depth and prev.text == ";":
            tok.is_sent_start = False
    return [t.is_sent_start for t in doc]


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(PIECES, max_size=60), lang=st.sampled_from(["en", "fr"]))
def test_sentence_breaks_mark_the_tokens_that_setting_each_one_marks(pieces: list[str], lang: str) -> None:
    text = " ".join(pieces)
    ours = SentenceBreaks()(_nlp(lang).make_doc(text))
    assert [t.is_sent_start for t in ours] == _starts_set_one_by_one(_nlp(lang).make_doc(text))


def test_sentence_breaks_on_a_report_of_many_lines_start_a_sentence_on_each() -> None:
    lines = [f"Ligne {n} ; (note ; suite) fin." for n in range(2000)]
    doc = SentenceBreaks()(_nlp("fr").make_doc("\n".join(lines)))
    starts = [t.i for t in doc if t.is_sent_start]
    assert len(starts) == 2000 and [doc[i].text for i in starts[:3]] == ["Ligne", "Ligne", "Ligne"]
    assert all(t.is_sent_start is False for t in doc if t.text == "suite")
