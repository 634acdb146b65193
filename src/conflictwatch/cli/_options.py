"""Options shared by several commands, defined once."""

from __future__ import annotations

from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, overload

import typer

from conflictwatch.errors import ConfigError

DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="Data directory (default: $CONFLICTWATCH_HOME or the user data dir).",
                 show_default=False),
]
DbOption = Annotated[
    str | None,
    typer.Option("--db", help="Database: a SQLite file path or a postgresql:// URL "
                 "(default: $CONFLICTWATCH_DB or conflictwatch.db in the data dir).", show_default=False),
]
SinceOption = Annotated[str | None, typer.Option("--since", help="Only events on or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Only events on or before this date (YYYY-MM-DD).")]
CountryOption = Annotated[str | None, typer.Option("--country", help="Country name or ISO-2 code, e.g. ML or Mali.")]
Admin1Option = Annotated[str | None, typer.Option("--admin1", help="Admin-1 region, e.g. Mopti.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="Event type or sub-event type, e.g. Battles.")]
ActorOption = Annotated[str | None, typer.Option("--actor", help="Actor name or alias (substring match).")]


class OutputFormat(str, Enum):
    """How a query command prints what it found (``--format``)."""

    table = "table"
    csv = "csv"
    json = "json"


FormatOption = Annotated[OutputFormat | None, typer.Option(
    "--format", help="table (the default), csv (a header line, then one line a row) or json (one array, "
    "as --json).", show_default=False)]
#: ``--format`` of a command that prints tab-separated lines, not a table, when its output is not a terminal.
LinesFormatOption = Annotated[OutputFormat | None, typer.Option(
    "--format", help="table (the default on a terminal; piped or redirected, tab-separated lines), csv "
    "(a header line, then one line a row) or json (one array, as --json).", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON (one array): the same as --format json.")]


def output_format(fmt: OutputFormat | None, as_json: bool) -> OutputFormat | None:
    """The format asked for by ``--format`` and its alias ``--json`` (None: the command's default);
    :class:`ConfigError` when they disagree."""
    if as_json:
        if fmt not in (None, OutputFormat.json):
            raise ConfigError(f"--json and --format {fmt.value} ask for two formats: give one of them "
                              "(--json is --format json).")
        return OutputFormat.json
    return fmt


@overload
def parse_day(value: str, option: str) -> date: ...
@overload
def parse_day(value: None, option: str) -> None: ...
def parse_day(value: str | None, option: str) -> date | None:
    """A YYYY-MM-DD option value as a date (``None`` stays ``None``); :class:`ConfigError` if malformed."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise ConfigError(f"{option} {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2025-07-01.") from exc
