"""Whatever the data or the options hold, the CLI prints it as text: Rich markup (``[/x]``,
``[red]``) and emoji codes (``:100:``) are neither read nor dropped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.store import open_store
from tests.store.conftest import make_event

ODD = "[/x] Katiba [red]Sud[/red] :100:"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cw.db")
    with open_store(path) as store:
        store.add_events([make_event("ML-ODD-1", actor1=ODD, location="Dioura [/b]", admin1="Mopti")])
    return path


def test_events_table_prints_markup_in_actors_and_places_as_written(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["events", "--db", db])
    assert result.exit_code == 0, result.output
    assert ODD in result.output
    assert "Dioura [/b]" in result.output


def test_trends_by_location_prints_markup_in_place_names_as_written(runner: CliRunner, db: str) -> None:
    result = runner.invoke(app, ["trends", "--db", db, "--by", "location"])
    assert result.exit_code == 0, result.output
    assert "Dioura [/b]" in result.output


def test_an_option_value_with_markup_is_quoted_as_written_in_the_error(db: str) -> None:
    out = subprocess.run([sys.executable, "-m", "conflictwatch", "events", "--db", db, "--since", "[/x] :100:"],
                         capture_output=True, text=True, check=False)
    assert out.returncode == 1, out.stderr
    assert out.stderr.strip() == ("Error: --since '[/x] :100:' is not a date: write it as YYYY-MM-DD, "
                                  "e.g. 2019-12-30.")
