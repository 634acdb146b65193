"""The README's main command: `conflictwatch demo` runs the whole path on the bundled samples."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.records import ACLED_COLUMNS
from conflictwatch.workflow import run_demo, sample_reports
from tests.conftest import BOUNDARIES, GEONAMES_DIR


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, gazetteer_home: Path):
    out = tmp_path_factory.mktemp("demo")
    return run_demo(output=out, data_dir=gazetteer_home, boundaries=BOUNDARIES)


def test_samples_are_bundled_with_the_package() -> None:
    names = {p.name for p in sample_reports()}
    assert {"reports.jsonl", "ansongo-briefing.html"} <= names


def test_demo_ingests_every_sample_report(demo) -> None:
    assert demo.ingest_failures == []
    assert demo.documents_added == 4


def test_demo_finds_several_events_per_report(demo) -> None:
    per_doc: dict[str, int] = {}
    for e in demo.events:
        for d in e.doc_ids:
            per_doc[d] = per_doc.get(d, 0) + 1
    assert len(demo.events) >= 8
    assert max(per_doc.values()) >= 3


def test_demo_merges_the_english_and_french_reports_of_the_boni_ambush(demo) -> None:
    boni = [e for e in demo.events if e.location == "Boni"]
    assert len(boni) == 1
    assert {s.language for s in boni[0].sources} == {"en", "fr"}


def test_demo_links_the_first_of_july_attacks_into_an_offensive(demo) -> None:
    assert any(str(o.event_date) == "2025-07-01" and len(o.event_ids) >= 3 for o in demo.offensives)


def test_demo_writes_acled_csv_geojson_and_a_report(demo) -> None:
    csv_path, geojson_path = demo.exports
    with csv_path.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert header == [*ACLED_COLUMNS, "offensive_id"]
    assert json.loads(geojson_path.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    html = demo.report.read_text(encoding="utf-8")
    assert "<svg" in html and "Boni" in html


def test_demo_command_prints_the_table_and_where_things_went(tmp_path: Path, gazetteer_home: Path) -> None:
    result = CliRunner().invoke(app, ["demo", "--data-dir", str(gazetteer_home), "--output", str(tmp_path / "d"),
                                      "--from", str(GEONAMES_DIR)])
    assert result.exit_code == 0, result.output
    assert "events from the sample reports" in result.output
    assert f"Situation report: {tmp_path / 'd' / 'report.html'}" in result.output.replace("\n", "")
