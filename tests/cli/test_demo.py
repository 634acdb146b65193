"""The README's main command: `conflictwatch demo` runs the whole path on the bundled samples."""

from __future__ import annotations

import csv
import json
import re
import shlex
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


def _everyday_commands() -> list[list[str]]:
    """The commands of the README's "Everyday use" block that runs conflictwatch, as argument lists."""
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Everyday use\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", section, flags=re.DOTALL)
    lines = [line.split("#", 1)[0].strip() for block in blocks for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("conflictwatch ")]


def test_the_readme_everyday_commands_work_as_written_on_the_demo_store(
        demo, gazetteer_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commands = _everyday_commands()
    assert [c[0] for c in commands] == ["ingest", "extract", "merge", "events", "export", "alerts", "report"]
    # a folder laid out as the checkout (the sample reports where the README names them), as the shell of
    # the README's first block sets it up: the data directory and the demo's database in the environment
    samples = tmp_path / "src" / "conflictwatch" / "data" / "samples"
    samples.parent.mkdir(parents=True)
    samples.symlink_to(next(sample_reports()).parent, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner(env={"CONFLICTWATCH_HOME": str(gazetteer_home), "CONFLICTWATCH_DB": demo.database,
                            "COLUMNS": "200", "NO_COLOR": "1"})
    said = {}
    for args in commands:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
        said[args[0]] = result.stdout
    assert said["ingest"].startswith("0 added, 4 already stored, 0 failed")
    battles = said["events"].splitlines()[1:]
    assert battles and all(line.split("\t")[2] == "Battles" and line >= "2025-06-01" for line in battles)
    with (tmp_path / "events.csv").open(encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == len(demo.events)
    assert "alerts, week of" in said["alerts"]
    assert (tmp_path / "sitrep.html").stat().st_size > 0
