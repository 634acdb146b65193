"""``conflictwatch sources``: the health of the monitored sources, as a table and as JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from typer.testing import CliRunner

from conflictwatch.cli import app
from conflictwatch.store import MonitorState, open_store


def test_sources_prints_each_source_health(tmp_path: Path, runner: CliRunner) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        state = MonitorState(store)
        state.poll_failed("wire", "https://news.example.org/rss", at=datetime(2026, 11, 20, 8, tzinfo=UTC),
                          message="https://news.example.org/rss: HTTP 503 Service Unavailable")
    result = runner.invoke(app, ["sources", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == (
        "wire\tfailing\tnever\t2026-11-20T08:00:00+00:00\t1 (1 in all)\t0\t0\t0\t0\t0\t"
        "https://news.example.org/rss: HTTP 503 Service Unavailable")
    result = runner.invoke(app, ["sources", "--db", db, "--json"])
    [row] = json.loads(result.output)
    assert (row["name"], row["state"], row["errors"], row["last_success"]) == ("wire", "failing", 1, None)


def test_sources_on_a_database_no_monitor_used_says_how_to_start_one(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["sources", "--db", str(tmp_path / "cw.db")])
    assert result.output == "no monitored sources yet: run `conflictwatch monitor SOURCES.toml`\n"


def test_sources_calls_a_source_stale_after_stale_hours_without_a_success(tmp_path: Path, runner: CliRunner) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        MonitorState(store).poll_succeeded("bulletin", "https://bulletin.example.org/feed",
                                           at=datetime.now(UTC) - timedelta(hours=5), etag="", last_modified="")
    states = [json.loads(runner.invoke(app, ["sources", "--db", db, "--json", *extra]).output)[0]["state"]
              for extra in ([], ["--stale-hours", "4"])]
    assert states == ["ok", "stale"]
    refused = runner.invoke(app, ["sources", "--db", db, "--stale-hours", "0"])
    assert refused.exit_code == 2 and "--stale-hours" in refused.output
