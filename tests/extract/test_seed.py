"""The seed report (1 July 2025 attacks) yields its eleven events, scored with the shared scorer."""

from __future__ import annotations

import importlib.util
from datetime import date
from types import ModuleType

import pytest

from conflictwatch.extract import Extractor
from conflictwatch.records import Document
from tests.conftest import SHARED, read_gold


def _scorer() -> ModuleType:
    path = SHARED / "tools" / "score_events.py"
    if not path.exists():
        pytest.fail(f"scorer {path} is missing: tests need ../shared beside the checkout")
    spec = importlib.util.spec_from_file_location("score_events", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_seed_report_yields_its_eleven_events(extractor: Extractor) -> None:
    [gold] = read_gold("seed_mali_2025.jsonl")
    doc = Document.from_text(gold["text"], source_id=gold["id"], language=gold["lang"],
                             published=date.fromisoformat(gold["published"]))
    preds = [{"doc_id": gold["id"], **e.to_dict()} for e in extractor.extract(doc)]
    result = _scorer().score([gold], {gold["id"]: preds})
    assert result["matched"] == 11
    assert result["f1"] >= 0.9
    assert result["event_type_acc"] == 1.0


def test_seed_report_background_sentences_give_no_event(extractor: Extractor) -> None:
    [gold] = read_gold("seed_mali_2025.jsonl")
    doc = Document.from_text(gold["text"], source_id=gold["id"], language=gold["lang"],
                             published=date.fromisoformat(gold["published"]))
    background = ("Since 2021", "attacks against the military have intensified", "Militants often withdraw")
    for event in extractor.extract(doc):
        for ev in event.evidence:
            assert not any(cue in ev.text for cue in background), ev.text
