"""Fixtures of the extract tests: one Extractor over the real gazetteer, per run."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.extract import Extractor
from conflictwatch.records import Document, Event


@pytest.fixture(scope="session")
def extractor(gazetteer) -> Extractor:  # type: ignore[no-untyped-def]
    return Extractor(gazetteer)


@pytest.fixture(scope="session")
def extract(extractor: Extractor):  # type: ignore[no-untyped-def]
    """extract(text, lang=..., published=...) -> list[Event]."""

    def run(text: str, *, lang: str = "", published: date = date(2024, 3, 10)) -> list[Event]:
        return extractor.extract(Document.from_text(text, language=lang, published=published, source_id="t"))

    return run
