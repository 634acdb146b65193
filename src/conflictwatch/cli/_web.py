"""``conflictwatch serve``: the HTTP API and the dashboard."""

from __future__ import annotations

from typing import Annotated

import typer

from conflictwatch.cli._options import DataDirOption, DbOption
from conflictwatch.web import serve


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only; "
                                      "0.0.0.0: every network, no authentication).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port to listen on.")] = 8000,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Serve the JSON API (/api/events, /api/trends, /api/alerts, ...) and the dashboard (map,
    weekly timeline, events table, evidence and analyst review) until Ctrl-C.

    Example: conflictwatch serve --port 8000, then open http://127.0.0.1:8000/
    """
    serve(host=host, port=port, db=db, data_dir=data_dir)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
