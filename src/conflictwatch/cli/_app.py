"""The Typer application every command module registers on."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="conflictwatch",
    help="Turn conflict reports (English and French) into ACLED-coded event data.\n\n"
    "Example: conflictwatch demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
