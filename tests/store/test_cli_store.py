"""The store commands: events, export, import-acled, review (exit codes and messages)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.records import ACLED_COLUMNS
from conflictwatch.store import open_store
from tests.store.conftest import make_event
from tests.store.test_acled import DYADIC, write_csv

ROW = ["MLI1", "2019-03-04", 2019, 1, "Battles", "Armed clash", "Military Forces of Mali (2013-2020)", "", 1,
       "JNIM: Group for Support of Islam and Muslims", "", 2, 12, 466, "Mali", "Mopti", "Boni", "15.05", "-1.98",
       1, 5, "Clash near Boni."]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cw.db")
    with open_store(path) as store:
        store.add_events([
            make_event("MLI1", admin1="Mopti", location="Boni", offensive_id="off-1"),
            make_event("MLI2", admin1="Gao", location="Ansongo", event_type="Violence against civilians",
                       sub_event_type="Attack", latitude=None, longitude=None),
        ])
    return path


def test_events_lists_one_line_per_event_with_the_filters_applied_when_not_on_a_terminal(
        runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--admin1", "mopti"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "date\tid\ttype\tsub-type\tactor1\tactor2\tlocation\tadmin1\tfatalities\tconf.\tsources\toffensive",
        "2019-06-01\tMLI1\tBattles\tArmed clash\tJNIM: Group for Support of Islam and Muslims\t"
        "Military Forces of Mali (2013-2020)\tBoni\tMopti\t3\t0.50\t0\toff-1",
    ]
    assert result.stderr == ""


def test_events_json_prints_full_records(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--type", "Attack", "--json"])
    assert result.exit_code == 0, result.output
    (event,) = json.loads(result.output)
    assert (event["event_id"], event["location"]) == ("MLI2", "Ansongo")


def test_events_with_a_bad_date_fails_with_the_fix(db: str) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "conflictwatch", "events", "--db", db, "--since", "yesterday"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert out.stderr.strip() == ("Error: --since 'yesterday' is not a date: write it as YYYY-MM-DD, "
                                  "e.g. 2019-12-30.")


def test_export_writes_acled_csv_and_says_where(runner: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["export", "--db", db, "--format", "acled-csv", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Wrote 2 events to {out}."
    with out.open(newline="", encoding="utf-8") as fh:
        assert next(csv.reader(fh)) == [*ACLED_COLUMNS, "offensive_id"]


def test_export_geojson_counts_events_left_out(runner: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "out.geojson"
    result = runner.invoke(app, ["export", "--db", db, "--format", "geojson", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"Wrote 1 events to {out} (1 without coordinates left out)."


def test_import_acled_prints_counts(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    path = write_csv(tmp_path / "acled.csv", DYADIC, [ROW])
    result = runner.invoke(app, ["import-acled", str(path), "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (f"Imported 1 events from {path} into sqlite:///{db}: 1 added, 0 matched to "
                                     "stored events (0 of them updated), 0 conflicts with analysts' decisions.")


def test_import_acled_lists_bad_rows_and_exits_1(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    path = write_csv(tmp_path / "acled.csv", DYADIC, [ROW, ["MLI2", "31 Smarch 2019", *ROW[2:]]])
    result = runner.invoke(app, ["import-acled", str(path), "--db", db])
    assert result.exit_code == 1
    assert f"Imported 1 events from {path}" in result.stdout
    assert result.stderr.splitlines() == [
        (f"Error: {path}, line 3: event_date '31 Smarch 2019' is not a date like 2019-12-30 or 30 December 2019; "
        "the row was skipped."),
        "1 rows failed.",
    ]


def test_review_sets_the_status_and_rejected_events_disappear(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["review", "MLI2", "--status", "rejected", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "MLI2 is now rejected."
    listed = json.loads(runner.invoke(app, ["events", "--db", db, "--json"]).output)
    assert [e["event_id"] for e in listed] == ["MLI1"]
    rejected = json.loads(runner.invoke(app, ["events", "--db", db, "--json", "--status", "rejected"]).output)
    assert [e["event_id"] for e in rejected] == ["MLI2"]


def test_review_of_an_unknown_event_fails(db: str) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "conflictwatch", "review", "MLI9", "--status", "reviewed",
                          "--db", db], capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert out.stderr.startswith("Error: no event 'MLI9' in sqlite:///")
