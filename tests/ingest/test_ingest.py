"""Storing what was read: ``ingest`` against a real SQLite store."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictwatch.ingest import IngestFailure, IngestNote, ingest
from conflictwatch.store import open_store
from tests.ingest.conftest import Site


def test_ingesting_twice_stores_each_document_once(tmp_path: Path, fixtures: Path) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        first = ingest([str(fixtures / "reports")], store=store)
    with open_store(db) as store:
        second = ingest([str(fixtures / "reports")], store=store)
        stored = list(store.documents())
    assert (first.added, first.existing) == (5, 0)
    assert (second.added, second.existing) == (0, 5)
    assert len(stored) == 5


def test_same_text_twice_in_one_run_counts_as_existing(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Clashes near Léré left five dead.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Clashes near  Léré left five dead.\n", encoding="utf-8")
    with open_store(str(tmp_path / "cw.db")) as store:
        report = ingest([str(tmp_path)], store=store)
        assert len(list(store.documents())) == 1
    assert (report.added, report.existing, report.failures) == (1, 1, [])


def test_failures_and_notes_are_collected_and_the_good_records_stored(tmp_path: Path, fixtures: Path) -> None:
    path = fixtures / "records.jsonl"
    with open_store(str(tmp_path / "cw.db")) as store:
        report = ingest([str(path)], store=store)
        stored = {d.source_id: d for d in store.documents()}
    assert report.added == 3
    assert [f.source for f in report.failures] == [f"{path}:3", f"{path}:4"]
    assert all(isinstance(f, IngestFailure) for f in report.failures)
    assert report.failed == 2
    assert [n.source for n in report.notes] == [f"{path}:6"]
    assert isinstance(report.notes[0], IngestNote)
    assert stored["cw-002"].published == date(2024, 5, 4)
    assert stored["cw-002"].language == "fr"


def test_feed_entries_are_stored_with_their_links(tmp_path: Path, site: Site) -> None:
    with open_store(str(tmp_path / "cw.db")) as store:
        report = ingest([site.url("rss.xml")], store=store, follow_links=False, allow_hosts=site.allow)
        urls = sorted(d.url for d in store.documents())
    assert report.added == 3
    assert urls == [site.url("articles/gone.html"), site.url("articles/kayes.html"),
                    site.url("articles/niono.html")]


def test_progress_bar_run_stores_the_same_documents(tmp_path: Path, fixtures: Path) -> None:
    with open_store(str(tmp_path / "cw.db")) as store:
        report = ingest([str(fixtures / "reports" / "en")], store=store, progress=True)
    assert (report.added, report.existing, report.failed) == (2, 0, 0)
