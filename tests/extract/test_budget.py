"""The per-document budget: size and time over it are an error of that document (OverBudget),
naming it, the budget and what to do; the extractor goes on with the next document."""

from __future__ import annotations

import signal

import pytest

from conflictwatch.errors import ExtractError, OverBudget
from conflictwatch.extract import Extractor
from conflictwatch.records import Document

TEXT = "On 2 May 2024, gunmen attacked a gendarmerie post in Sofara and killed two gendarmes."


def test_a_document_over_the_size_budget_is_an_error_naming_it_and_the_limit(gazetteer) -> None:  # type: ignore[no-untyped-def]
    small = Extractor(gazetteer, max_chars=40)
    with pytest.raises(OverBudget) as err:
        small.extract(Document.from_text(TEXT, language="en", source_id="long-1"))
    assert err.value.limit == "size" and err.value.article_id == "long-1"
    assert str(err.value) == ("document long-1 is 85 characters long, over the per-document limit of 40: "
                              "split it into several documents (one per report), or raise the limit "
                              "(Extractor(max_chars=...))")


def test_a_document_over_the_time_budget_is_an_error_and_the_next_one_is_extracted(gazetteer) -> None:  # type: ignore[no-untyped-def]
    hurried = Extractor(gazetteer, time_budget=0.0)
    with pytest.raises(OverBudget) as err:
        hurried.extract(Document.from_text(TEXT, language="en", source_id="slow-1"))
    assert err.value.limit == "time"
    assert str(err.value).startswith("document slow-1 took over the per-document time budget of 0 s (stopped in ")
    hurried.time_budget = 60.0
    assert [e.location for e in hurried.extract(Document.from_text(TEXT, language="en"))] == ["Sofara"]


def test_the_time_budget_leaves_no_alarm_behind(gazetteer) -> None:  # type: ignore[no-untyped-def]
    before = signal.getsignal(signal.SIGALRM)
    Extractor(gazetteer, time_budget=30.0).extract(Document.from_text(TEXT, language="en"))
    assert signal.getsignal(signal.SIGALRM) == before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0 or before not in (signal.SIG_DFL, None)


def test_over_budget_is_an_extract_error() -> None:
    assert issubclass(OverBudget, ExtractError)
