"""Work linear in the text: the tokenizer's suffix search, long chunks without white space, long
"sentences", span look-ups. Each faster form gives the same answers as the plain one (the time
itself is measured in bench/bench_scaling.py, not here)."""

from __future__ import annotations

import functools
import random
from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from conflictwatch.extract.lang import MAX_RUN, RunBoundedTokenizer, TailSearch, blank_pipeline, bound_tokenizer
from conflictwatch.extract.pipeline import MAX_SENTENCE_TOKENS, _Spans

# Characters spaCy's affix rules care about, and a few letters, digits and spaces.
AFFIX_CHARS = "\"'«»“”‘’()[]{}.,;:!?…%°$€£-–—/\\*+=#@&^~`|<>a1é ²①km"
TEXT = st.text(alphabet=AFFIX_CHARS, max_size=120)


@functools.cache
def _plain(lang: str) -> spacy.language.Language:
    """spaCy's tokenizer for ``lang`` as the extractor reads it, untouched (built once)."""
    return blank_pipeline(lang, cache_dir=None)


@functools.cache
def _bounded(lang: str) -> spacy.language.Language:
    return bound_tokenizer(blank_pipeline(lang, cache_dir=None))


@pytest.fixture(scope="module", params=["en", "fr"])
def pair(request: pytest.FixtureRequest) -> tuple[spacy.language.Language, spacy.language.Language]:
    return _plain(request.param), _bounded(request.param)


@pytest.mark.parametrize("lang", ["en", "fr"])
@settings(max_examples=300, deadline=None)
@given(text=TEXT)
def test_tail_search_finds_the_suffix_the_whole_search_finds(lang: str, text: str) -> None:
    pattern = _plain(lang).tokenizer.suffix_search.__self__  # type: ignore[union-attr]
    tail = TailSearch(pattern, window=8)  # a small window, so the fall-back is exercised too
    plain, ours = pattern.search(text), tail(text)
    assert (plain.span() if plain else None) == (ours.span() if ours else None)


@pytest.mark.parametrize("text", [
    '"' * MAX_RUN, "(" * 500 + ")" * 500, "." * 900, "…" * 900 + "!", "km²" * 300, "«" + "»" * 700,
    "Trois morts à Sévaré... " * 50, "http://example.org/" + "a/" * 400,
])
def test_bounded_tokenizer_gives_spacys_tokens_on_long_runs_of_affixes(
        pair: tuple[spacy.language.Language, spacy.language.Language], text: str) -> None:
    plain, ours = pair
    assert [(t.text, t.whitespace_) for t in ours(text)] == [(t.text, t.whitespace_) for t in plain(text)]


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=AFFIX_CHARS + "\n\t", max_size=400))
def test_bounded_tokenizer_tokenizes_short_chunks_as_spacy_does(text: str) -> None:
    plain, ours = _plain("fr"), _bounded("fr")
    assert [(t.text, t.whitespace_) for t in ours(text)] == [(t.text, t.whitespace_) for t in plain(text)]


def test_a_chunk_longer_than_the_limit_is_tokenized_in_pieces_that_keep_the_text() -> None:
    tok = RunBoundedTokenizer(_plain("en").tokenizer, max_run=50)  # type: ignore[arg-type]
    text = "Before it " + '"(' * 80 + " and after it, 3 killed."
    doc = tok(text)
    assert doc.text == text
    assert max(len(t.text) for t in doc) <= 50
    assert [t.text for t in doc][-6:] == ["after", "it", ",", "3", "killed", "."]


def test_a_sentence_longer_than_the_limit_is_read_in_pieces(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    from conflictwatch.extract import Extractor
    from conflictwatch.records import Document

    words = MAX_SENTENCE_TOKENS * 2 + 10
    text = " ".join(["herders"] * words) + " ."
    sdoc = Extractor(gazetteer).annotate(Document.from_text(text, language="en"))
    sizes = [len(sdoc.char_span(s.start, s.end, alignment_mode="expand")) for s in sdoc._.cw_sentences]
    assert sizes[:2] == [MAX_SENTENCE_TOKENS, MAX_SENTENCE_TOKENS]
    assert sum(sizes) == len(sdoc)


@settings(max_examples=300, deadline=None)
@given(spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=30),
       probe=st.tuples(st.integers(0, 60), st.integers(0, 20)), strictly=st.booleans())
def test_span_cover_answers_as_testing_every_span(spans: list[tuple[int, int]], probe: tuple[int, int],
                                                   strictly: bool) -> None:
    pairs = [(s, s + n) for s, n in spans]
    start, end = probe[0], probe[0] + probe[1]
    expected = any(s <= start and end <= e and (not strictly or e - s > end - start) for s, e in pairs)
    assert _Spans(pairs).cover(start, end, strictly=strictly) == expected


def test_span_cover_on_a_shuffled_thousand_spans() -> None:
    rng = random.Random(5)
    pairs = [(a, a + rng.randint(0, 30)) for a in (rng.randint(0, 5000) for _ in range(1000))]
    spans = _Spans(pairs)
    for _ in range(300):
        start = rng.randint(0, 5000)
        end = start + rng.randint(0, 10)
        assert spans.cover(start, end) == any(s <= start and end <= e for s, e in pairs)
