"""Work linear in a long report: sentence breaks written at once, linking within a window.

The faster forms give the answers of the plain ones on any report shorter than the window (the
time itself is measured in bench/bench_scaling.py, not here).
"""

from __future__ import annotations

import functools
from datetime import date

import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.tokens import Doc

from conflictwatch.extract._link import LINK_WINDOW_CHARS
from conflictwatch.extract.lang import blank_pipeline
from conflictwatch.extract.pipeline import SentenceBreaks
from conflictwatch.records import Event

#: words, line breaks, a casualty line's "Bilan :", brackets and semicolons, in any order
PIECES = st.sampled_from(["Bilan", ":", "-", "bilan", ";", "(", ")", "((", "\n", "\n\n", "a", "Kidal", "ville", ".",
                          "x)", "(y", " "])


@functools.cache
def _nlp(lang: str) -> spacy.language.Language:
    return blank_pipeline(lang, cache_dir=None)


def _starts_set_one_by_one(doc: Doc) -> list[bool | None]:
    """The sentence starts of SentenceBreaks' rule, each set on its token (the plain form); the line
    breaks inside the sentences of a wrapped text start none."""
    from conflictwatch.extract.structure import wrapped_line_breaks

    inside = wrapped_line_breaks(doc.text)
    depth = 0
    for i, tok in enumerate(doc):
        if i == 0:
            continue
        prev = doc[i - 1]
        broken = ("\n" in prev.text or "\n" in prev.whitespace_) and \
            doc.text.rfind("\n", prev.idx, tok.idx) not in inside
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


PUBLISHED = date(2024, 3, 20)
#: a paragraph that tells no event, to set two sentences of a report apart
QUIET = "Farmers brought millet and onions to the weekly market, and the school reopened after the rains.\n\n"
ATTACK = "Gunmen attacked the village of Sanankoto on 14 March 2024, killing four herders."
#: the same attack told again at a village 17 km away
RETOLD_NEARBY = "Four herders were killed by the gunmen near Koueniou on 14 March 2024, a local official said."
#: a clash of the same day at the same village
SAME_DAY_AND_PLACE = "Soldiers clashed with the gunmen at Sanankoto on 14 March 2024."


def _report(first: str, second: str, *, apart: int) -> str:
    """``first``, then quiet paragraphs for at least ``apart`` characters, then ``second``."""
    return first + "\n\n" + QUIET * (apart // len(QUIET) + 1) + second


def _places(events: list[Event]) -> list[tuple[str, str, str]]:
    return [(e.sub_event_type, e.location, e.event_date.isoformat()) for e in events]


def test_an_attack_retold_near_its_place_within_the_link_window_is_one_event(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract(_report(ATTACK, RETOLD_NEARBY, apart=LINK_WINDOW_CHARS // 2), lang="en", published=PUBLISHED)
    assert _places(events) == [("Attack", "Sanankoto", "2024-03-14")]


def test_an_attack_retold_near_its_place_beyond_the_link_window_is_another_event(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract(_report(ATTACK, RETOLD_NEARBY, apart=LINK_WINDOW_CHARS), lang="en", published=PUBLISHED)
    assert _places(events) == [("Attack", "Sanankoto", "2024-03-14"), ("Attack", "Kouéniou", "2024-03-14")]


def test_the_same_day_at_the_same_place_is_one_event_however_far_apart_it_is_told(extract) -> None:  # type: ignore[no-untyped-def]
    events = extract(_report(ATTACK, SAME_DAY_AND_PLACE, apart=2 * LINK_WINDOW_CHARS), lang="en", published=PUBLISHED)
    assert _places(events) == [("Armed clash", "Sanankoto", "2024-03-14")]
