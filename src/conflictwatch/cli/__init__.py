"""Command-line interface: thin commands over the library functions.

Each ``_<stage>.py`` module registers its commands on :data:`app` through ``register(app)``.
``main`` runs the app and turns :class:`~conflictwatch.errors.ConflictwatchError` into an
``Error: ...`` line on stderr and exit status 1; anything else is a bug and shows its traceback.

Start-up is kept light: the command modules import, at module level, only typer, the standard
library, :mod:`conflictwatch.cli._options` and :mod:`conflictwatch.constants`; a stage (spaCy,
SQLAlchemy, trafilatura...) and Rich are imported inside the command that uses them, so that
``conflictwatch --help`` loads none of them (``tests/cli/test_startup.py``).
"""

from __future__ import annotations

import importlib
import sys

from conflictwatch.cli._app import app
from conflictwatch.errors import ConflictwatchError

__all__ = ["app", "main"]

_COMMAND_MODULES = ("_gazetteer", "_settlements", "_ingest", "_store", "_extract", "_archive", "_merge", "_watch", "_monitor", "_web",
                    "_desk", "_db", "_demo")

for _name in _COMMAND_MODULES:
    importlib.import_module(f"conflictwatch.cli.{_name}").register(app)


def main(argv: list[str] | None = None) -> None:
    try:
        app(args=argv, standalone_mode=True)
    except ConflictwatchError as exc:
        from conflictwatch.cli._console import ERROR, console

        console(stderr=True).print(ERROR, str(exc))
        sys.exit(1)
