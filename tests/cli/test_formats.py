"""``--format table|csv|json`` on every command that queries the store (``--json`` is the same as
``--format json``): CSV under a header with ids whole, one JSON array, a table on request anywhere.
Each runs on a real SQLite store holding events, offensives, a conflict, a change, a token and a
monitored source."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.cli._output import csv_cell
from conflictwatch.merge import merge_store
from conflictwatch.store import MonitorState, open_store
from tests.cli._terminal import on_a_terminal
from tests.report._scenario import scenario
from tests.store.conftest import make_doc, make_event


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store with the scenario's events merged (an offensive), a document's events, one of them
    corrected then re-extracted (a conflict and its history), a token and a failing source."""
    path = str(tmp_path_factory.mktemp("desk") / "cw.db")
    doc = make_doc("Gunmen and soldiers exchanged fire near Kolokani at dusk on Friday; two died.")
    with open_store(path) as store:
        store.add_events(scenario())
        merge_store(store)
        store.add_documents([doc])
        store.save_extraction(doc.id, [make_event("ev-kolokani-1", doc, location="Kolokani, cercle \"nord\"")],
                              extractor="rules/1")
        store.correct("ev-kolokani-1", {"fatalities": 7}, analyst="moussa", reason="prefect's count, later")
        store.save_extraction(doc.id, [make_event("ev-kolokani-1", doc, location="Kolokani")], extractor="rules/2")
        store.create_token("moussa")
        MonitorState(store).poll_failed("regional-wire", "https://wire.example.org/sahel.xml",
                                        at=datetime.now(UTC) - timedelta(hours=2),
                                        message="https://wire.example.org/sahel.xml: HTTP 502 Bad Gateway")
    return path


#: Each query command, with what it needs, and a key its CSV and JSON both carry, one value a row.
COMMANDS: dict[str, tuple[list[str], str]] = {
    "events": (["events", "--all"], "event_id"),
    "sources": (["sources"], "name"),
    "alerts": (["alerts", "--country", "ML", "--as-of", "2025-07-04"], "event_ids"),
    "offensives": (["offensives"], "offensive_id"),
    "trends": (["trends", "--by", "admin1"], "period_start"),
    "conflicts": (["conflicts"], "id"),
    "history": (["history"], "id"),
    "token list": (["token", "list"], "prefix"),
}


def _invoke(runner: CliRunner, args: list[str], db: str) -> Any:
    result = runner.invoke(app, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result


@pytest.mark.parametrize("name", COMMANDS)
def test_format_json_is_the_json_flag(runner: CliRunner, desk: str, name: str) -> None:
    args, _ = COMMANDS[name]
    as_format = _invoke(runner, [*args, "--format", "json"], desk).stdout
    assert as_format == _invoke(runner, [*args, "--json"], desk).stdout
    rows = json.loads(as_format)
    assert isinstance(rows, list) and rows


@pytest.mark.parametrize("name", COMMANDS)
def test_format_csv_has_a_header_and_the_rows_of_the_json_with_ids_whole(runner: CliRunner, desk: str,
                                                                         name: str) -> None:
    args, key = COMMANDS[name]
    as_json = json.loads(_invoke(runner, [*args, "--json"], desk).stdout)
    rows = list(csv.DictReader(io.StringIO(_invoke(runner, [*args, "--format", "csv"], desk).stdout)))
    assert len(rows) == len(as_json)
    assert [r[key] for r in rows] == [csv_cell(j[key]) for j in as_json]


@pytest.mark.parametrize("name", COMMANDS)
def test_format_table_prints_a_table_even_into_a_pipe(runner: CliRunner, desk: str, name: str) -> None:
    args, _ = COMMANDS[name]
    if name == "events":
        args = ["events", "--limit", "100"]
    out = _invoke(runner, [*args, "--format", "table"], desk).stdout
    assert "┃" in out and "━" in out, out


@pytest.mark.parametrize("name", COMMANDS)
def test_json_and_another_format_at_once_fail_with_the_fix(runner: CliRunner, desk: str, name: str) -> None:
    args, _ = COMMANDS[name]
    result = runner.invoke(app, [*args, "--json", "--format", "csv", "--db", desk])
    assert result.exit_code == 1
    assert str(result.exception) == ("--json and --format csv ask for two formats: give one of them "
                                     "(--json is --format json).")


def test_a_bad_format_names_the_choices(runner: CliRunner, desk: str) -> None:
    result = runner.invoke(app, ["alerts", "--format", "xml", "--db", desk])
    assert result.exit_code == 2
    assert "'xml' is not one of 'table', 'csv', 'json'" in result.output


def test_events_csv_holds_the_stored_values_one_a_column(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event("ev-3f9a0c2b7d1e4a5b6c7d", event_date=date(2024, 5, 9), location="Ségou, quartier \"Médine\"",
                                     actor1="Unidentified Armed Group (Mali)\nand others", fatalities=2,
                                     fatalities_low=2, fatalities_high=5)])
    out = _invoke(runner, ["events", "--format", "csv"], db).stdout
    [row] = list(csv.DictReader(io.StringIO(out)))
    assert out.splitlines()[0] == ("event_date,event_id,event_type,sub_event_type,actor1,actor2,location,admin1,"
                                   "fatalities,fatalities_low,fatalities_high,fatalities_unknown,confidence,"
                                   "sources,offensive_id")
    assert (row["event_date"], row["event_id"], row["location"], row["actor1"]) == (
        "2024-05-09", "ev-3f9a0c2b7d1e4a5b6c7d", "Ségou, quartier \"Médine\"", "Unidentified Armed Group (Mali)\nand others")
    assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"], row["fatalities_unknown"]) == (
        "2", "2", "5", "false")


def test_events_csv_shows_a_page_and_says_how_many_match(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event(f"ev-page-{k:02d}", event_date=date(2024, 1, 1) + timedelta(days=k))
                          for k in range(55)])
    result = _invoke(runner, ["events", "--format", "csv"], db)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["event_id"] for r in rows] == [f"ev-page-{k:02d}" for k in range(54, 4, -1)]
    assert result.stderr.startswith("Showed events 1-50 of 55, newest first:")
    every = _invoke(runner, ["events", "--format", "csv", "--all"], db)
    assert len(list(csv.DictReader(io.StringIO(every.stdout)))) == 55 and every.stderr == ""


def test_events_all_as_a_table_fails_with_the_fix(runner: CliRunner, desk: str) -> None:
    result = runner.invoke(app, ["events", "--all", "--format", "table", "--db", desk])
    assert result.exit_code == 1
    assert str(result.exception) == ("--all streams every matching event as lines, --format csv or --format json; "
                                     "a table shows one page: give --limit N (and --offset N) for a table.")


def test_alerts_csv_has_every_field_and_joins_the_event_ids(runner: CliRunner, desk: str) -> None:
    out = _invoke(runner, ["alerts", "--country", "ML", "--as-of", "2025-07-04", "--format", "csv"], desk).stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0])[:5] == ["kind", "severity", "rule", "reason", "country"]
    offensive = next(r for r in rows if r["kind"] == "offensive")
    assert len(offensive["event_ids"].split(";")) == int(offensive["count"]) == 7


def test_conflicts_csv_writes_a_value_that_is_not_text_as_json(runner: CliRunner, desk: str) -> None:
    out = _invoke(runner, ["conflicts", "--format", "csv"], desk).stdout
    rows = {r["field"]: r for r in csv.DictReader(io.StringIO(out))}
    assert (rows["fatalities"]["event_id"], rows["fatalities"]["kept"], rows["fatalities"]["proposed"]) == (
        "ev-kolokani-1", "7", "3")
    assert (rows["location"]["kept"], rows["location"]["proposed"]) == ("Kolokani, cercle \"nord\"", "Kolokani")


def test_history_json_is_one_array_and_jsonl_one_change_a_line(runner: CliRunner, desk: str) -> None:
    array = json.loads(_invoke(runner, ["history", "ev-kolokani-1", "--json"], desk).stdout)
    lines = _invoke(runner, ["history", "ev-kolokani-1", "--format", "jsonl"], desk).stdout.splitlines()
    assert [json.loads(line) for line in lines] == array
    assert array[0]["analyst"] == "moussa" and array[0]["after"] == 7


def test_on_a_terminal_sources_are_a_table_and_piped_lines(runner: CliRunner, desk: str) -> None:
    status, shown, err = on_a_terminal("sources", "--db", desk, columns=200)
    assert status == 0, err
    assert shown.splitlines()[0].strip() == "1 sources"
    assert "│ regional-wire │ failing │" in shown
    piped = _invoke(runner, ["sources"], desk).stdout.splitlines()
    assert piped[0].startswith("source\tstate\tlast success\t") and piped[1].startswith("regional-wire\tfailing\t")


def test_ids_stay_whole_in_a_table_on_a_narrow_terminal(desk: str) -> None:
    status, shown, err = on_a_terminal("offensives", "--db", desk, columns=60)
    assert status == 0, err
    with open_store(desk) as store:
        [offensive] = store.offensives()
    assert offensive.offensive_id in shown


def test_gazetteer_lookup_csv_has_every_field_of_a_place(runner: CliRunner, gazetteer_home: Path) -> None:
    args = ["gazetteer", "lookup", "Kolokani", "--country", "ML", "--exact", "--data-dir", str(gazetteer_home)]
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    as_json = json.loads(runner.invoke(app, [*args, "--json"]).stdout)
    assert [r["geonameid"] for r in rows] == [str(p["geonameid"]) for p in as_json] and rows
    assert list(rows[0])[:4] == ["geonameid", "name", "asciiname", "latitude"]
