"""``conflictwatch demo``: the whole path on the sample reports bundled with the package."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from conflictwatch.cli._options import DataDirOption


def demo_command(
    source: Annotated[Path | None, typer.Option(
        "--from", help="Install the gazetteer offline from this folder of GeoNames files "
        "(default: download it, unless it is installed already).", show_default=False)] = None,
    boundaries: Annotated[Path | None, typer.Option(
        "--boundaries", help="GeoJSON admin-1 boundaries for the report map.", show_default=False)] = None,
    settlements: Annotated[Path | None, typer.Option(
        "--settlements", help="OCHA settlements CSV of Mali whose villages to add to the gazetteer.",
        show_default=False)] = None,
    output: Annotated[Path, typer.Option("--output", help="Folder for the demo database, exports and report.")]
    = Path("out/demo"),
    data_dir: DataDirOption = None,
) -> None:
    """Run the whole path on the bundled sample reports: ingest, extract, merge, export, report.

    Example: conflictwatch demo --from ../shared/data/geonames --output out/demo
    """
    from conflictwatch import config
    from conflictwatch.cli._console import console
    from conflictwatch.cli._store import events_table
    from conflictwatch.workflow import run_demo

    out = console(soft_wrap=False, width=None if console().is_terminal else 160)
    result = run_demo(output=output, data_dir=config.data_dir(data_dir), source_dir=source,
                      boundaries=boundaries, settlements=settlements, progress=out.is_terminal)
    for failure in result.ingest_failures:
        console(stderr=True).print(f"Error: {failure}", highlight=False, soft_wrap=True)
    out.print(events_table(sorted(result.events, key=lambda e: (e.event_date, e.location)),
                               title=f"{len(result.events)} events from the sample reports"))
    for off in result.offensives:
        out.print(f"Offensive {off.offensive_id} on {off.event_date}: {off.actor}, {len(off.event_ids)} sites "
                      f"across {', '.join(off.admin1s)} (farthest sites {off.span_km:.0f} km apart)",
                      highlight=False, soft_wrap=True)
    out.print(f"Database: {result.database}", highlight=False, soft_wrap=True)
    for path in result.exports:
        out.print(f"Export: {path}", highlight=False, soft_wrap=True)
    out.print(f"Situation report: {result.report}", highlight=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.command("demo")(demo_command)
