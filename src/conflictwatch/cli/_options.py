"""Options shared by several commands, defined once."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

DataDirOption = Annotated[
    Optional[Path],
    typer.Option("--data-dir", help="Data directory (default: $CONFLICTWATCH_HOME or the user data dir).",
                 show_default=False),
]
DbOption = Annotated[
    Optional[str],
    typer.Option("--db", help="Database: a SQLite file path or a postgresql:// URL "
                 "(default: $CONFLICTWATCH_DB or conflictwatch.db in the data dir).", show_default=False),
]
SinceOption = Annotated[Optional[str], typer.Option("--since", help="Only events on or after this date (YYYY-MM-DD).")]
UntilOption = Annotated[Optional[str], typer.Option("--until", help="Only events on or before this date (YYYY-MM-DD).")]
CountryOption = Annotated[Optional[str], typer.Option("--country", help="Country name or ISO-2 code, e.g. ML or Mali.")]
Admin1Option = Annotated[Optional[str], typer.Option("--admin1", help="Admin-1 region, e.g. Mopti.")]
TypeOption = Annotated[Optional[str], typer.Option("--type", help="Event type or sub-event type, e.g. Battles.")]
ActorOption = Annotated[Optional[str], typer.Option("--actor", help="Actor name or alias (substring match).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
