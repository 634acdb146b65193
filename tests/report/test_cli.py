"""`conflictwatch report` reads the store and writes HTML or Markdown, printing the paths."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.report import install_boundaries
from conflictwatch.store import open_store
from tests.conftest import BOUNDARIES
from tests.report._scenario import OUTLET_URL, scenario


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cw.db")
    with open_store(path) as store:
        store.add_events(scenario())
    return path


def test_report_writes_html_with_map_offensive_and_sources(runner: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "sitrep.html"
    result = runner.invoke(app, ["report", "--db", db, "--country", "ML", "--from", "2025-06-01", "--to", "2025-07-04",
                                 "--output", str(out), "--boundaries", str(BOUNDARIES)])
    assert result.exit_code == 0, result.output
    assert result.output == f"{out}\n"
    page = out.read_text(encoding="utf-8")
    assert 'class="map"' in page and page.count('stroke-dasharray="5 3"') == 7
    assert "7 attacks on 2025-07-01" in page
    assert OUTLET_URL in page and "JNIM fighters attacked army positions in Diboli" in page


def test_report_uses_the_installed_boundaries_by_default(runner: CliRunner, db: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    install_boundaries(BOUNDARIES, data_dir=home)
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", "--db", db, "--data-dir", str(home), "--country", "Mali",
                                 "--from", "2025-07-01", "--to", "2025-07-01", "--output", str(out)])
    assert result.exit_code == 0, result.output
    assert "Boundaries: admin1.geojson (simplified)." in out.read_text(encoding="utf-8")


def test_report_markdown_prints_every_file_written(runner: CliRunner, db: str, tmp_path: Path) -> None:
    out = tmp_path / "sitrep.md"
    result = runner.invoke(app, ["report", "--db", db, "--country", "ML", "--from", "2025-07-01", "--to", "2025-07-01",
                                 "--output", str(out), "--boundaries", str(BOUNDARIES)])
    assert result.exit_code == 0, result.output
    assert result.output.split() == [str(out), str(tmp_path / "sitrep-map.svg"), str(tmp_path / "sitrep-chart.svg")]


def test_report_with_the_period_reversed_says_so(runner: CliRunner, db: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--db", db, "--country", "ML", "--from", "2025-07-04", "--to", "2025-07-01",
                                 "--output", str(tmp_path / "r.html")])
    assert result.exit_code == 1
    assert "swap --from and --to" in str(result.exception)
