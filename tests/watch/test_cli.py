"""`conflictwatch trends` and `conflictwatch alerts` over a real SQLite store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.store import open_store
from tests.report._scenario import scenario
from tests.watch._events import ev


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cw.db")
    with open_store(path) as store:
        store.add_events(scenario() + [ev("2025-07-02", country="Niger", admin1="Tillaberi", fatalities=5)])
    return path


def test_trends_csv_groups_by_admin1_per_month(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["trends", "--db", db, "--country", "ML", "--period", "month", "--by", "admin1",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert rows[0].keys() == {"period_start", "period_end", "admin1", "events", "fatalities"}
    july = {r["admin1"]: int(r["events"]) for r in rows if r["period_start"] == "2025-07-01"}
    assert july == {"Kayes": 5, "Segou": 2}


def test_trends_json_accepts_comma_separated_fields(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["trends", "--db", db, "--by", "country,event_type", "--format", "json",
                                 "--since", "2025-06-28"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert {(r["country"], r["event_type"], r["events"]) for r in rows} == {("Mali", "Battles", 7), ("Niger", "Battles", 1)}


def test_trends_table_shows_weeks(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["trends", "--db", db, "--country", "Mali"])
    assert result.exit_code == 0, result.output
    assert "12 events per week" in result.output and "2025-06-28" in result.output


def test_trends_with_an_unknown_field_fails_with_the_choices(db: str) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "conflictwatch", "trends", "--db", db, "--by", "colour"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert "Error: cannot group trends by colour: use one of country, admin1" in out.stderr


def test_alerts_json_reports_the_offensive_and_the_country_band(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["alerts", "--db", db, "--as-of", "2025-07-04", "--country", "ML", "--json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    kinds = [a["kind"] for a in found]
    assert kinds == ["offensive", "country_change"]
    assert found[0]["count"] == 7 and found[0]["week_start"] == "2025-06-28"
    assert found[1]["band"] == "large increase"


def test_alerts_default_to_the_latest_stored_event(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["alerts", "--db", db, "--country", "ML"])
    assert result.exit_code == 0, result.output
    assert "2 alerts, week of 2025-06-28 (as of 2025-07-01)" in result.output
    assert "offensive" in result.output


def test_alerts_on_an_empty_store_say_what_to_do(tmp_path: Path) -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "conflictwatch", "alerts", "--db", str(tmp_path / "empty.db")],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert "Error: no stored events to alert on" in out.stderr


def test_alerts_with_a_bad_date_name_the_format(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["alerts", "--db", db, "--as-of", "last friday"])
    assert result.exit_code == 1
    assert "--as-of 'last friday' is not a date: write it as YYYY-MM-DD" in str(result.exception)
