"""The progress bar of the CLI's long jobs: on stderr, with the work done out of its total, the
time spent and the time left.

A job knows its total before it starts (a count query, the file list, the rows of a file), or
learns it once planned (``bar.update(task, total=N)``). Nothing is drawn unless stderr is a
terminal; the bar goes away when the job ends (its summary line says what was done). Rich is
imported when a bar is made, not with the CLI.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

__all__ = ["progress_bar", "tracked"]

_T = TypeVar("_T")


def progress_bar(label: str, *, console: Console | None = None, show: bool = True, eta: bool = True) -> Progress:
    """A bar ``label  ━━━━━━  done/total  elapsed  left`` on ``console`` (default: the CLI's stderr
    console); drawn only when ``show`` and the console is a terminal. ``label`` may name the task's
    fields (``{task.description}``); ``eta=False`` leaves the time left out (for steps of unequal
    length, whose count foretells nothing)."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from conflictwatch.cli._console import console as cli_console

    err = console or cli_console(stderr=True)
    left = (TextColumn("left"), TimeRemainingColumn()) if eta else ()
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), *left,
                    console=err, transient=True, disable=not (show and err.is_terminal))


def tracked(items: Iterable[_T], total: int, label: str, *, show: bool = True, every: int = 1) -> Iterator[_T]:
    """``items``, with a :func:`progress_bar` of ``total`` advanced as they are taken (the bar
    updated every ``every`` items, and at the end)."""
    with progress_bar(label, show=show) as bar:
        task = bar.add_task(label, total=total)
        n = 0
        for n, item in enumerate(items, 1):
            yield item
            if n % every == 0:
                bar.update(task, completed=n)
        bar.update(task, completed=n)
