"""Properties of the extractor on random and hostile text: whatever the text, it returns events or
raises ExtractError (an error of that document); it never raises anything else. A bounded run
here; bench/fuzz_extract.py runs the same strategies much longer."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conflictwatch.errors import ExtractError
from conflictwatch.extract import Extractor
from conflictwatch.records import Document
from tests.extract.strategies import documents


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(doc=documents())
def test_extractor_returns_events_or_an_extract_error_on_any_text(extractor: Extractor, doc: Document) -> None:
    try:
        events = extractor.extract(doc)
    except ExtractError as exc:
        assert doc.key in str(exc)
        return
    for ev in events:
        assert ev.event_date is not None
        assert ev.fatalities >= 0
        for evidence in ev.evidence:
            assert 0 <= evidence.start <= evidence.end <= len(doc.text)


def test_extractor_reads_odd_digits_and_extreme_dates_without_failing(extractor: Extractor) -> None:
    for text, day in [("Gunmen killed ① herders near Sofara on Monday; ²³ goats were taken.", date(2024, 5, 3)),
                      ("Gunmen killed five herders near Sofara last week.", date(1000, 1, 1)),
                      ("Gunmen killed five herders near Sofara yesterday, and will come back tomorrow.",
                       date(2999, 12, 31))]:
        extractor.extract(Document.from_text(text, language="en", published=day))


def test_a_publication_date_in_year_one_is_an_error_of_that_document(extractor: Extractor) -> None:
    doc = Document.from_text("Gunmen killed five herders near Sofara last week.", language="en",
                             published=date(1, 1, 2), source_id="y1")
    try:
        extractor.extract(doc)
    except ExtractError as exc:
        assert str(exc) == ("document y1: published 0001-01-02 is not a date between the years 1000 and 2999, "
                            "so its relative dates ('last week') cannot be computed: correct its publication date")
    else:
        raise AssertionError("no error")
