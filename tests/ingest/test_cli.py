"""``conflictwatch ingest``: exit codes and exact messages."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from conflictwatch.cli._ingest import register
from tests.ingest.conftest import Site


def _app() -> typer.Typer:
    """An app with only ``ingest`` (a callback keeps it a command group, as in the real CLI)."""
    app = typer.Typer()

    @app.callback()
    def _root() -> None:
        """conflictwatch"""

    register(app)
    return app


def _run(*args: str):
    return CliRunner().invoke(_app(), ["ingest", *args])


def test_cli_ingest_prints_a_summary_and_exits_0(tmp_path: Path, fixtures: Path) -> None:
    db = str(tmp_path / "cw.db")
    result = _run(str(fixtures / "reports" / "en"), "--db", db)
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 added, 0 already stored, 0 failed\n"
    assert result.stderr == ""


def test_cli_ingest_twice_reports_documents_already_stored(tmp_path: Path, fixtures: Path) -> None:
    db = str(tmp_path / "cw.db")
    _run(str(fixtures / "reports" / "en"), "--db", db)
    result = _run(str(fixtures / "reports" / "en"), "--db", db)
    assert result.exit_code == 0
    assert result.stdout == "0 added, 2 already stored, 0 failed\n"


def test_cli_ingest_prints_one_error_line_per_failure_and_exits_1(tmp_path: Path, fixtures: Path) -> None:
    records = fixtures / "records.jsonl"
    empty = fixtures / "bad" / "empty.txt"
    result = _run(str(records), str(empty), "--db", str(tmp_path / "cw.db"))
    assert result.exit_code == 1
    assert result.stdout == "3 added, 0 already stored, 3 failed, 1 without a publication date\n"
    assert result.stderr.splitlines() == [
        f"Note: {records}:6: 'published' 'yesterday' is not an ISO date (YYYY-MM-DD); ignored it",
        f"Error: {records}:3: invalid JSON (Unterminated string, column 45); fix or remove the line",
        f"Error: {records}:4: record has no 'text' (missing or empty); add the report text or remove the line",
        f"Error: {empty}: file is empty (no text); add the report text or remove the file",
        ("Warning: 1 document states no publication date (none in the page or record, no dateline); their "
         "relative dates ('on Monday') cannot be resolved. Pass --published YYYY-MM-DD to date them:"),
        f"  {records}:6 (cw-005)",
    ]


def test_cli_ingest_reports_a_missing_page_and_exits_1(tmp_path: Path, site: Site) -> None:
    url = site.url("articles/missing.html")
    result = _run(url, "--db", str(tmp_path / "cw.db"), "--allow-host", "127.0.0.1")
    assert result.exit_code == 1
    assert result.stderr == f"Error: {url}: HTTP 404 Not Found; check the URL\n"
    assert result.stdout == "0 added, 0 already stored, 1 failed\n"


def test_cli_ingest_max_bytes_option_caps_file_size(tmp_path: Path, fixtures: Path) -> None:
    path = fixtures / "reports" / "en" / "gao_protest.txt"
    result = _run(str(path), "--max-bytes", "100", "--db", str(tmp_path / "cw.db"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {path}: file is 377 bytes, over the 100 bytes limit; "
                             "split it into smaller files or raise --max-bytes\n")


def test_cli_ingest_uses_the_data_dir_database_by_default(tmp_path: Path, fixtures: Path, monkeypatch) -> None:
    monkeypatch.delenv("CONFLICTWATCH_DB", raising=False)
    result = _run(str(fixtures / "reports" / "fr" / "boni_poste.txt"), "--data-dir", str(tmp_path))
    assert result.exit_code == 0
    assert (tmp_path / "conflictwatch.db").is_file()


def test_cli_ingest_without_inputs_is_a_usage_error() -> None:
    result = _run()
    assert result.exit_code == 2
    assert "Missing argument 'PATH|URL...'" in result.stderr


def test_cli_ingest_refuses_a_loopback_url_unless_allowed(tmp_path: Path, site: Site) -> None:
    url = site.url("news.txt")
    before = len(site.requests)
    result = _run(url, "--db", str(tmp_path / "cw.db"))
    assert result.exit_code == 1
    assert result.stderr == (f"Error: {url}: refused: 127.0.0.1 is a loopback address, not fetched unless "
                             "allowed; allow it with --allow-host 127.0.0.1 (or allow_hosts in the source's "
                             "settings) if this source is meant to be internal\n")
    assert site.requests[before:] == []
