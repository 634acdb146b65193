"""``conflictwatch serve``: options, help, serving until Ctrl-C, and a database that cannot be opened
failing before the server starts listening."""

from __future__ import annotations

import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import typer
from typer.testing import CliRunner

from conflictwatch.cli import _web
from conflictwatch.errors import StoreError
from tests.web.conftest import fill


def serve_app() -> typer.Typer:
    app = typer.Typer()
    _web.register(app)

    @app.command("version")  # a second command, so that `serve` stays a named subcommand
    def version() -> None:
        """Print nothing."""

    return app


def test_serve_help_has_options_and_an_example() -> None:
    result = CliRunner().invoke(serve_app(), ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--host", "--port", "--db", "--data-dir"):
        assert option in result.output
    assert "conflictwatch serve --port 8000" in result.output


def test_serve_rejects_a_port_out_of_range() -> None:
    result = CliRunner().invoke(serve_app(), ["serve", "--port", "70000"])
    assert result.exit_code == 2
    assert "--port" in result.output


def test_serve_with_a_database_in_a_missing_folder_fails_before_listening(tmp_path: Path) -> None:
    db = tmp_path / "no-such-folder" / "cw.db"
    result = CliRunner().invoke(serve_app(), ["serve", "--db", str(db), "--data-dir", str(tmp_path)])
    assert isinstance(result.exception, StoreError)
    assert f"the folder {db.parent} does not exist" in str(result.exception)


def test_serve_answers_on_its_port_and_stops_on_ctrl_c(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fill(tmp_path / "cw.db")
    script = ("import typer; from conflictwatch.cli import _web; app = typer.Typer(); _web.register(app); "
              "app.command('version')(lambda: None); app()")
    proc = subprocess.Popen(
        [sys.executable, "-c", script, "serve", "--port", str(port), "--db", str(tmp_path / "cw.db"),
         "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        stats = None
        for _ in range(200):
            try:
                stats = httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).json()
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    break
                time.sleep(0.05)
        assert stats is not None, proc.communicate(timeout=10)[0]
        assert stats["events"] == 6
    finally:
        proc.send_signal(signal.SIGINT)
        output = proc.communicate(timeout=20)[0]
    assert proc.returncode == 0, output
    assert f"http://127.0.0.1:{port}" in output
