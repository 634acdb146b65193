"""Generate docs/cli.md from the commands' own --help text.

Run ``python -m conflictwatch.cli._docs`` after changing a command (``--check`` only compares);
a test checks the file is current.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer.main
from typer.testing import CliRunner

from conflictwatch.cli import app

DOCS = Path(__file__).resolve().parents[3] / "docs" / "cli.md"


def _names() -> list[list[str]]:
    group = typer.main.get_command(app)
    names: list[list[str]] = []
    for name in sorted(group.commands):  # type: ignore[attr-defined]
        cmd = group.commands[name]  # type: ignore[attr-defined]
        names.append([name])
        for sub in sorted(getattr(cmd, "commands", {}) or {}):
            names.append([name, sub])
    return names


def render() -> str:
    """The CLI reference as Markdown: each command's --help, in a fixed terminal width."""
    runner = CliRunner(env={"COLUMNS": "100", "TERM": "dumb", "NO_COLOR": "1"})
    parts = ["# conflictwatch command reference", "",
             "Generated from `--help` by `python -m conflictwatch.cli._docs`; do not edit by hand.", ""]
    for words in _names():
        result = runner.invoke(app, [*words, "--help"], prog_name="conflictwatch", terminal_width=100)
        text = "\n".join(line.rstrip() for line in result.output.strip().splitlines())
        parts += [f"## conflictwatch {' '.join(words)}", "", "```text", text, "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    os.environ.setdefault("COLUMNS", "100")
    if "--check" in sys.argv[1:]:
        if not DOCS.exists() or DOCS.read_text(encoding="utf-8") != render():
            sys.exit(f"{DOCS} is stale: run `python -m conflictwatch.cli._docs`")
        print(f"{DOCS} is up to date")
    else:
        DOCS.parent.mkdir(parents=True, exist_ok=True)
        DOCS.write_text(render(), encoding="utf-8")
        print(f"wrote {DOCS}")
