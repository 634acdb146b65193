"""The analyst's desk on the command line: review --set/--note, history export, conflicts, resolve,
join, tokens and export-reviews (exit codes and messages)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.store import open_store
from tests.store.conftest import make_doc, make_event


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cw.db")
    doc = make_doc("Militants and soldiers fought at Boni on Saturday; five died.")
    with open_store(path) as store:
        store.add_documents([doc])
        store.save_extraction(doc.id, [make_event("ev-1", doc, location="Boni"), make_event("ev-2", doc)],
                              extractor="rules/1")
    return path


def test_review_corrects_fields_and_the_history_exports_them(runner: CliRunner, db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["review", "ev-1", "--set", "fatalities=5", "--set", "admin2=Douentza",
                                 "--note", "army communique", "--reason", "army toll", "--analyst", "amina",
                                 "--db", db])
    assert result.exit_code == 0, result.output
    assert "ev-1 is now reviewed (2 fields corrected, a note added)." in result.output
    out = tmp_path / "h.csv"
    result = runner.invoke(app, ["history", "ev-1", "--format", "csv", "--output", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["kind"], r["field"], r["before"], r["after"], r["analyst"]) for r in rows] == [
        ("edit", "fatalities", "3", "5", "amina"), ("edit", "admin2", "Djenne", "Douentza", "amina"),
        ("status", "", "automatic", "reviewed", "amina"), ("note", "", "", "army communique", "amina")]
    assert rows[0]["reason"] == "army toll"


def test_review_says_what_is_wrong_with_a_bad_field(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["review", "ev-1", "--set", "fatalities", "--analyst", "a", "--db", db])
    assert result.exit_code == 1
    result = runner.invoke(app, ["review", "ev-1", "--set", "colour=red", "--analyst", "a", "--db", db])
    assert result.exit_code == 1
    assert "'colour' cannot be edited on ev-1" in str(result.exception)  # main() prints it as Error: ...
    result = runner.invoke(app, ["review", "ev-1", "--db", db])
    assert result.exit_code == 1 and "nothing to record" in str(result.exception)


def test_conflicts_are_listed_and_resolved(runner: CliRunner, db: str) -> None:
    with open_store(db) as store:
        store.correct("ev-1", {"fatalities": 9}, analyst="amina")
        doc = next(store.documents())
        store.save_extraction(doc.id, [make_event("ev-1", doc, location="Boni")], extractor="rules/2")
        (conflict,) = store.conflicts()
    result = runner.invoke(app, ["conflicts", "--json", "--db", db])
    assert result.exit_code == 0 and json.loads(result.output)[0]["proposed"] == 3
    result = runner.invoke(app, ["resolve", str(conflict.id), "--keep", "--analyst", "amina", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"conflict {conflict.id} on ev-1: kept the value." in result.output
    with open_store(db) as store:
        assert store.conflicts() == [] and store.event("ev-1").fatalities == 9


def test_join_merges_events_as_reviewed(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["join", "ev-1", "ev-2", "--analyst", "amina", "--db", db])
    assert result.exit_code == 0, result.output
    assert "merged ev-1, ev-2 into cl-" in result.output


def test_a_token_is_printed_once_and_listed_by_its_first_characters(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["token", "create", "amina", "--db", db])
    assert result.exit_code == 0, result.output
    token = result.stdout.strip()
    assert token.startswith("cw_")
    listed = runner.invoke(app, ["token", "list", "--db", db])
    assert "amina" in listed.output and token[:9] in listed.output and token not in listed.output
    assert runner.invoke(app, ["token", "revoke", "amina", "--db", db]).exit_code == 0
    assert runner.invoke(app, ["token", "revoke", "amina", "--db", db]).exit_code == 1


def test_export_reviews_writes_fully_reviewed_documents_in_the_gold_format(
        runner: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "reviews.jsonl"
    runner.invoke(app, ["review", "ev-1", "--set", "fatalities=5", "--analyst", "a", "--db", db])
    result = runner.invoke(app, ["export-reviews", "--output", str(out), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Wrote 0 documents with 0 reviewed events" in result.output and "1 documents with events" in result.output
    runner.invoke(app, ["review", "ev-2", "--status", "rejected", "--analyst", "a", "--db", db])
    result = runner.invoke(app, ["export-reviews", "--output", str(out), "--db", db])
    assert "Wrote 1 documents with 1 reviewed events" in result.output
    (doc,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert set(doc) >= {"id", "lang", "published", "source", "text", "events"}
    assert doc["text"].startswith("Militants and soldiers") and doc["published"] == "2019-06-02"
    (event,) = doc["events"]
    assert (event["event_id"], event["fatalities"], event["location"], event["event_date"]) == (
        "ev-1", 5, "Boni", "2019-06-01")
