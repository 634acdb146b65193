"""The trigger lexicon: every class fires on its example sentences and not on its near misses."""

from __future__ import annotations

import pytest

from conflictwatch.extract import Extractor
from conflictwatch.extract.triggers import TriggerLexicon
from conflictwatch.records import EVENT_TYPES

RULES = TriggerLexicon.load().rules
CLASSES = sorted({(r.lang, r.sub_event_type) for r in RULES})


def _id(rule) -> str:  # type: ignore[no-untyped-def]
    return f"{rule.lang}:{rule.sub_event_type}:{rule.pattern[:20]}"


def test_every_row_names_an_acled_type_and_has_an_example() -> None:
    for rule in RULES:
        assert rule.sub_event_type in EVENT_TYPES[rule.event_type]
        assert rule.example, f"row {_id(rule)} has no example sentence"


@pytest.mark.parametrize(("lang", "sub_event_type"), CLASSES)
def test_every_trigger_class_has_an_example_and_a_near_miss(lang: str, sub_event_type: str) -> None:
    rows = [r for r in RULES if (r.lang, r.sub_event_type) == (lang, sub_event_type)]
    assert any(r.example for r in rows)
    assert any(r.near_miss for r in rows), f"{lang} {sub_event_type} has no near miss"


@pytest.mark.parametrize("rule", [r for r in RULES if r.example], ids=_id)
def test_example_sentence_fires_its_class(extractor: Extractor, rule) -> None:  # type: ignore[no-untyped-def]
    got = extractor.classify(rule.example, lang=rule.lang)
    assert got is not None and got[1] == rule.sub_event_type, (rule.example, got)


@pytest.mark.parametrize("rule", [r for r in RULES if r.near_miss], ids=_id)
def test_near_miss_does_not_fire_its_class(extractor: Extractor, rule) -> None:  # type: ignore[no-untyped-def]
    got = extractor.classify(rule.near_miss, lang=rule.lang)
    assert got is None or got[1] != rule.sub_event_type, (rule.near_miss, got)


def test_lexicon_has_a_version() -> None:
    assert TriggerLexicon.load().version == "1"
