"""Every command's --help: a flag (``--json``, ``--all``, ``--take/--keep``, ``--help``) takes no
value, so no type is drawn after it; options that take one still show theirs."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

from conflictwatch.cli import app


def _commands() -> list[tuple[list[str], Any]]:
    """Every command of the CLI, groups and their subcommands included, as (words, command)."""
    found: list[tuple[list[str], Any]] = []

    def walk(words: list[str], cmd: Any) -> None:
        found.append((words, cmd))
        for name, sub in sorted((getattr(cmd, "commands", None) or {}).items()):
            walk([*words, name], sub)

    walk([], typer.main.get_command(app))
    return found


COMMANDS = _commands()


def _help(runner: CliRunner, words: list[str]) -> str:
    result = runner.invoke(app, [*words, "--help"], prog_name="conflictwatch", terminal_width=120)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_walk_finds_the_commands_and_the_subcommands() -> None:
    names = {" ".join(words) for words, _ in COMMANDS}
    assert {"", "events", "extract", "db upgrade", "token create", "gazetteer lookup"} <= names


@pytest.mark.parametrize("words", [w for w, _ in COMMANDS], ids=lambda w: " ".join(w) or "conflictwatch")
def test_help_shows_no_type_after_a_flag(runner: CliRunner, words: list[str]) -> None:
    text = _help(runner, words)
    assert "<bool>" not in text
    assert re.search(r"--help\s+Show this message and exit\.", text), text


def _flags(command: Any) -> list[Any]:
    """The visible flags of a command (Typer's own options, not click's classes: Typer 0.29 carries its own)."""
    return [p for p in command.params if getattr(p, "is_flag", False) and not getattr(p, "hidden", False)]


@pytest.mark.parametrize("words", [w for w, cmd in COMMANDS if _flags(cmd)], ids=" ".join)
def test_each_flag_is_followed_by_its_help_not_a_type(runner: CliRunner, words: list[str]) -> None:
    command = {" ".join(w): c for w, c in COMMANDS}[" ".join(words)]
    text = _help(runner, words)
    for param in _flags(command):
        names = [*param.opts, *param.secondary_opts]
        first = re.escape(names[0])
        # the option's row in the Options panel: its names, then the type column, then the help
        row = re.search(rf"^│\s+(?:\*\s+)?{first}(?![\w-])(?P<rest>.*)$", text, flags=re.MULTILINE)
        assert row is not None, f"{'/'.join(names)} is missing from the help of {' '.join(words)}"
        rest = row["rest"]
        for name in names[1:]:
            rest = rest.replace(name, "", 1)
        assert not rest.lstrip().startswith("<"), f"{' '.join(words)}: {row[0]}"


def test_an_option_that_takes_a_value_still_shows_its_type(runner: CliRunner) -> None:
    text = _help(runner, ["events"])
    assert re.search(r"--since\s+<str>", text), text
    assert re.search(r"--limit\s+<int range>", text), text
