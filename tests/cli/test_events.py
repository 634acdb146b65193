"""``conflictwatch events``: a page by default (the newest 50), a table on a terminal and one
tab-separated line per event elsewhere, every event with --all, JSON with --json; a note on stderr
whenever more events match than are shown."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.store import open_store
from tests.cli._terminal import on_a_terminal as _on_a_terminal
from tests.store.conftest import make_event

HEADER = "date\tid\ttype\tsub-type\tactor1\tactor2\tlocation\tadmin1\tfatalities\tconf.\tsources\toffensive"
NOTE = ("of 60, newest first: --limit N and --offset N show others, --all every one; "
        "`conflictwatch export` keeps them in a file.")
FIRST = date(2024, 3, 1)


def _id(day: int) -> str:
    return f"ML-DAY-{day:02d}"


@pytest.fixture
def db(tmp_path: Path) -> str:
    """60 events, one a day from 1 March 2024: the newest is ML-DAY-59."""
    path = str(tmp_path / "cw.db")
    with open_store(path) as store:
        store.add_events([make_event(_id(k), event_date=FIRST + timedelta(days=k), location="Banamba",
                                     admin1="Koulikoro", fatalities=k % 4) for k in range(60)])
    return path


def _ids(stdout: str) -> list[str]:
    lines = stdout.splitlines()
    assert lines[0] == HEADER
    return [line.split("\t")[1] for line in lines[1:]]


def test_events_without_a_limit_prints_the_newest_50_and_says_how_many_match(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db])
    assert result.exit_code == 0, result.output
    assert _ids(result.stdout) == [_id(k) for k in range(59, 9, -1)]
    assert result.stderr == f"Showed events 1-50 {NOTE}\n"


def test_limit_and_offset_page_back_in_time(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--limit", "3", "--offset", "4"])
    assert result.exit_code == 0, result.output
    assert _ids(result.stdout) == [_id(55), _id(54), _id(53)]
    assert result.stderr == f"Showed events 5-7 {NOTE}\n"


def test_an_offset_past_the_last_event_prints_none_and_says_so(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--offset", "70"])
    assert result.exit_code == 0, result.output
    assert result.stdout == HEADER + "\n"
    assert result.stderr == f"No events from --offset 70 {NOTE}\n"


def test_all_prints_every_matching_event_and_no_note(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--all"])
    assert result.exit_code == 0, result.output
    assert _ids(result.stdout) == [_id(k) for k in range(59, -1, -1)]
    assert result.stderr == ""
    until = runner.invoke(app, ["events", "--db", db, "--all", "--until", "2024-03-03"])
    assert _ids(until.stdout) == [_id(2), _id(1), _id(0)]


def test_a_line_holds_one_event_whatever_tabs_or_line_breaks_its_values_hold(runner: CliRunner,
                                                                           tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event("ML-TAB-1", location="Nara\tcercle", actor1="Armed men\nfrom the north")])
    result = runner.invoke(app, ["events", "--db", db])
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    cells = lines[1].split("\t")
    assert (len(cells), cells[4], cells[6]) == (12, "Armed men from the north", "Nara cercle")


def test_json_prints_the_page_as_full_records_as_one_array(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--json", "--limit", "4"])
    assert result.exit_code == 0, result.output
    with open_store(db) as store:
        expected = [e.to_dict() for e in store.query_events(sort="-event_date", limit=4)]
    assert result.stdout == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"
    assert [e["event_id"] for e in json.loads(result.stdout)] == [_id(59), _id(58), _id(57), _id(56)]
    assert result.stderr == f"Showed events 1-4 {NOTE}\n"


def test_json_of_no_events_is_an_empty_array(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db, "--json", "--all", "--since", "2030-01-01"])
    assert result.exit_code == 0, result.output
    assert (result.stdout, result.stderr) == ("[]\n", "")


def test_all_with_a_limit_fails_with_the_fix(db: str) -> None:
    out = subprocess.run([sys.executable, "-m", "conflictwatch", "events", "--db", db, "--all", "--limit", "5"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1
    assert out.stderr.strip() == "Error: give --limit 5 or --all, not both: --all lists every matching event"


def test_on_a_terminal_the_page_is_a_table_titled_with_what_it_shows(db: str) -> None:
    status, shown, err = _on_a_terminal("events", "--db", db)
    assert status == 0, err
    assert shown.splitlines()[0].strip() == "50 of 60 events (newest first)"
    assert re.search(r"┃ date +┃ id +┃ type / sub-type +┃ actors +┃ location / admin1 +┃ fatalities ┃ conf\. ┃ "
                     r"sources ┃ offensive ┃", shown)
    assert _id(59) in shown and _id(10) in shown and _id(9) not in shown
    assert shown.index(_id(59)) < shown.index(_id(10))
    assert err == f"Showed events 1-50 {NOTE}\n"


def test_on_a_terminal_a_small_store_is_one_table_of_all_its_events(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event("ML-SMALL-1", location="Kolokani", admin1="Koulikoro", fatalities_unknown=True,
                                     fatalities=0),
                          make_event("ML-SMALL-2", location="Didieni", admin1="Koulikoro", fatalities=4,
                                     fatalities_low=4, fatalities_high=9)])
    status, shown, err = _on_a_terminal("events", "--db", db)
    assert status == 0, err
    assert shown.splitlines()[0].strip() == "2 events"
    row = next(line for line in shown.splitlines() if "ML-SMALL-2" in line)
    assert "4 (4-9)" in row
    assert "?" in next(line for line in shown.splitlines() if "ML-SMALL-1" in line)
    assert err == ""


def test_on_an_80_column_terminal_dates_and_ids_stay_whole_on_one_line(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    long_id = "ev-5d41402abc4b2a76b971"
    with open_store(db) as store:
        store.add_events([make_event(long_id, location="Sirakorola", admin1="Koulikoro", event_date=FIRST)])
    status, shown, err = _on_a_terminal("events", "--db", db, columns=80)
    assert status == 0, err
    assert max(len(line) for line in shown.splitlines()) <= 80
    assert f"│ 2024-03-01 │ {long_id} │" in shown


def test_thousands_of_events_to_a_file_show_progress_on_the_terminal_and_only_lines_in_the_file(
        tmp_path: Path) -> None:
    from conflictwatch.cli._store import PROGRESS_FROM

    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event(f"ML-BULK-{k:05d}", event_date=FIRST + timedelta(days=k % 300))
                          for k in range(PROGRESS_FROM)])
    leader, follower = os.openpty()
    listed = tmp_path / "listed.tsv"
    with listed.open("wb") as fh:
        proc = subprocess.Popen([sys.executable, "-m", "conflictwatch", "events", "--db", db, "--all"],
                                stdout=fh, stderr=follower, stdin=subprocess.DEVNULL, env={**os.environ, "NO_COLOR": "1"})
        os.close(follower)
        chunks = []
        while True:
            try:
                data = os.read(leader, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        os.close(leader)
        assert proc.wait() == 0
    assert "listing events" in b"".join(chunks).decode()
    lines = listed.read_text(encoding="utf-8").splitlines()
    assert lines[0] == HEADER and len(lines) == PROGRESS_FROM + 1
    assert all(line.count("\t") == 11 for line in lines)
