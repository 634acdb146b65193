"""The Typer application every command module registers on.

A flag takes no value, so its help shows none: Typer 0.29's Rich help draws the type of every
option, ``--json <bool>`` included (its plain help already leaves flags out,
``TyperOption.get_help_record``). :func:`_flag_shows_no_type` makes the Rich help do the same for
every option that is a flag (``--json``, ``--take/--keep``, ``--help``), wherever it is declared;
``tests/cli/test_help.py`` walks every command's ``--help``.
"""

from __future__ import annotations

from typing import Any

import typer
import typer.core

__all__ = ["app"]

_display_type_rich = typer.core.TyperOption.display_type_rich


def _flag_shows_no_type(self: typer.core.TyperOption, ctx: Any) -> str | None:
    """The type a help line shows after the option's names: none for a flag without a metavar.

    (``ctx`` is the context of Typer's own copy of click, whose module is private.)
    """
    if self.is_flag and self.metavar is None:
        return None
    return _display_type_rich(self, ctx)


typer.core.TyperOption.display_type_rich = _flag_shows_no_type  # type: ignore[method-assign]

app = typer.Typer(
    name="conflictwatch",
    help="Turn conflict reports (English and French) into ACLED-coded event data.\n\n"
    "Example: conflictwatch demo",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
