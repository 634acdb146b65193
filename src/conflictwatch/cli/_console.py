"""The CLI's consoles: everything printed is text, never Rich markup or emoji codes.

Data printed by the CLI (actor and place names, report text, file names, option values, error
messages that quote them) may hold ``[/x]``, ``[red]`` or ``:100:``. A Rich console reading markup
would raise ``MarkupError`` on the first, swallow the second and draw an emoji for the third.
Every console of the CLI comes from :func:`console`, which reads neither (table cells included);
the CLI's own styling is :class:`rich.text.Text` with a style, as in :data:`ERROR`.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

__all__ = ["ERROR", "NOTE", "WARNING", "console"]

#: The label of an error line: ``console(stderr=True).print(ERROR, message)``.
ERROR = Text("Error:", style="bold red")
#: The label of a note (something skipped or read with a fallback).
NOTE = Text("Note:", style="dim")
#: The label of a warning (something the user should act on).
WARNING = Text("Warning:", style="yellow")


def console(*, stderr: bool = False, soft_wrap: bool = True, width: int | None = None) -> Console:
    """A console printing text as it is: no markup, no emoji codes, no highlighting."""
    return Console(stderr=stderr, soft_wrap=soft_wrap, width=width, markup=False, emoji=False,
                   highlight=False)
