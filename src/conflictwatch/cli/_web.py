"""``conflictwatch serve``: the HTTP API and the dashboard."""

from __future__ import annotations

from typing import Annotated

import typer

from conflictwatch.cli._options import DataDirOption, DbOption


def serve_command(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only; "
                                      "0.0.0.0: every network; writes always need an analyst token).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port to listen on.")] = 8000,
    read_only: Annotated[bool, typer.Option("--read-only", help="Refuse every change: for publishing a dashboard.")]
    = False,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another name the server is reached by (repeatable), e.g. desk.example.org; "
        "other Host headers are refused.", show_default=False)] = None,
    tiles: Annotated[str | None, typer.Option(
        "--tiles", envvar="CONFLICTWATCH_TILES", help="An online tile URL template for the base map, e.g. "
        "https://tile.example.org/{z}/{x}/{y}.png (default: offline, admin-1 boundaries only).",
        show_default=False)] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Serve the JSON API (/api/events, /api/trends, /api/alerts, ..., described at /api/openapi.json)
    and the dashboard (map, timeline, events table, alerts, offensives, evidence, review) until Ctrl-C.

    Reading is open; every change needs an analyst token (conflictwatch token create NAME).

    Example: conflictwatch serve --port 8000, then open http://127.0.0.1:8000/
    """
    from conflictwatch.web import serve

    serve(host=host, port=port, db=db, data_dir=data_dir, read_only=read_only, allow_hosts=allow_host or (),
          tiles=tiles)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)
