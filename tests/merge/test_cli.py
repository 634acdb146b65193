"""``conflictwatch merge``, ``split`` and ``offensives``: exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app, main
from conflictwatch.merge import cluster_id
from conflictwatch.store import open_store
from tests.merge.builders import KAYES, NIORO, UAG, ev

CID = cluster_id(["a", "b"])


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cw.db")
    with open_store(path) as store:
        store.add_events([ev("a"), ev("b", actor1=UAG), ev("c", place=KAYES), ev("d", place=NIORO)])
    return path


def run_main(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out, captured.err


def test_merge_prints_the_counts(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["merge", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output == ("4 unmerged events considered; 1 merged events (2 source events), 0 replaced, "
                             "0 left alone as ambiguous; 1 offensives\n")


def test_merge_explain_prints_each_links_reason(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["merge", "--db", db, "--explain"])
    assert result.exit_code == 0, result.output
    assert f"{CID} 2025-07-01 Niono: Battles" in result.output
    assert "  b (0.97): same day 2025-07-01; 0.0 km apart (Niono/Niono); Battles/Armed clash both;" in result.output


def test_merge_dry_run_says_so_and_saves_nothing(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["merge", "--db", db, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 offensives (dry run: nothing saved)\n")
    with open_store(db) as store:
        assert store.merge_links() == []


def test_merge_with_a_malformed_date_fails_with_the_fix(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["merge", "--db", db, "--since", "July"], capsys)
    assert code == 1
    assert err.strip() == "Error: --since 'July' is not a date: write it as YYYY-MM-DD, e.g. 2025-07-01."


def test_split_takes_events_out_and_says_what_is_left(runner: CliRunner, db: str) -> None:
    runner.invoke(app, ["merge", "--db", db])
    result = runner.invoke(app, ["split", CID, "b", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output == f"took 1 events out of {CID}: b (marked reviewed)\n{CID} is dissolved\n"


def test_split_of_an_unknown_cluster_fails_with_exit_1(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_main(["split", "cl-nope", "--db", db], capsys)
    assert code == 1
    assert err.startswith("Error: no merged event 'cl-nope' in sqlite:///")


def test_offensives_lists_the_span(runner: CliRunner, db: str) -> None:
    runner.invoke(app, ["merge", "--db", db])
    result = runner.invoke(app, ["offensives", "--db", db, "--since", "2025-07-01", "--until", "2025-07-01"])
    assert result.exit_code == 0, result.output
    assert "JNIM" in result.output and "Kayes, Segou" in result.output and "1 offensives" in result.output


def test_offensives_json_prints_full_records(runner: CliRunner, db: str) -> None:
    runner.invoke(app, ["merge", "--db", db])
    result = runner.invoke(app, ["offensives", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    (off,) = json.loads(result.output)
    assert off["admin1s"] == ["Kayes", "Segou"] and len(off["event_ids"]) == 3 and off["span_km"] > 500


def test_offensives_outside_the_dates_are_not_listed(runner: CliRunner, db: str) -> None:
    runner.invoke(app, ["merge", "--db", db])
    result = runner.invoke(app, ["offensives", "--db", db, "--until", "2025-06-30", "--json"])
    assert result.exit_code == 0 and json.loads(result.output) == []
