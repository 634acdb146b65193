"""``monitor`` (poll sources, store, extract, alert) and ``sources`` (their health)."""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from conflictwatch.cli._options import (
    DataDirOption,
    DbOption,
    JsonOption,
    LinesFormatOption,
    OutputFormat,
    output_format,
)
from conflictwatch.cli._output import write_csv, write_json

__all__ = ["register"]

#: The header of the tab-separated lines of `sources`, and of its table.
SOURCE_LINE_COLUMNS = ("source", "state", "last success", "last poll", "errors", "items 24h", "items/day 7d", "stored",
                       "duplicates", "failed", "last error")
#: The columns of ``sources --format csv`` (the keys of its JSON).
SOURCE_COLUMNS = ("name", "url", "state", "last_poll", "last_success", "last_error", "last_error_at", "errors",
                  "total_errors", "polls", "items_24h", "items_per_day_7d", "stored", "duplicates", "failed")


def monitor_command(
    config_file: Annotated[Path, typer.Argument(metavar="SOURCES.toml", help="The monitor's configuration: "
                                                "sources, channels, limits (see docs/monitor.example.toml).")],
    db: DbOption = None,
    data_dir: DataDirOption = None,
    once: Annotated[bool, typer.Option("--once", help="Poll every source once (due or not), process, "
                                       "deliver, and exit.")] = False,
) -> None:
    """Watch feeds and listing pages: store new articles once, extract, merge, deliver new alerts.

    Runs until SIGTERM or Ctrl-C (the entry being read is finished first). Its state (what each
    source gave, validators, deliveries) lives in the database, so a restart neither reprocesses
    nor loses items. Prints one line per poll and per processing round.

    Example: conflictwatch monitor /etc/conflictwatch/sources.toml --db /var/lib/conflictwatch/cw.db
    """
    from conflictwatch.monitor import PollResult, ProcessResult, run_monitor

    def on_round(polls: list[PollResult], processed: ProcessResult) -> None:
        for poll in polls:
            print(str(poll), flush=True)
            for failure in poll.failures:
                print(f"  failed: {failure}", file=sys.stderr, flush=True)
            for note in poll.notes:
                print(f"  note: {note}", file=sys.stderr, flush=True)
        for error in processed.errors:
            print(f"Error: {error}", file=sys.stderr, flush=True)
        if processed.documents or processed.delivered:
            print(f"processed: {processed.documents} documents, {processed.events} events, "
                  f"{len(processed.delivered)} alert deliveries", flush=True)

    run_monitor(config_file, db=db, data_dir=data_dir, once=once, on_round=on_round)


def sources_command(
    db: DbOption = None,
    data_dir: DataDirOption = None,
    fmt: LinesFormatOption = None,
    as_json: JsonOption = False,
    stale_hours: Annotated[int, typer.Option("--stale-hours", min=1, max=24 * 90, help="A source whose last "
                                             "success is older than this (and whose last poll did not fail) "
                                             "is stale.")] = 24,
) -> None:
    """The health of the monitored sources: state, last poll and success, errors, items per day.

    The state is ok, failing (its last poll failed: errors counts the failures in a row) or
    stale (no success for --stale-hours: is the monitor running?). The dashboard's Sources panel
    and GET /api/sources show the same. A table on a terminal, one tab-separated line per source
    (a header line first) when piped or redirected.

    Example: conflictwatch sources --db /var/lib/conflictwatch/cw.db --stale-hours 6
    """
    from conflictwatch.store import MonitorState, open_store

    chosen = output_format(fmt, as_json)
    # the store's own reading of the monitor's tables (what monitor.source_health returns), without
    # loading the monitor, whose extractor and channels cost a second of imports
    with open_store(db, data_dir=data_dir) as store:
        rows = MonitorState(store).health(stale_after=timedelta(hours=stale_hours))
    if chosen is OutputFormat.json:
        write_json(r.to_dict() for r in rows)
        return
    if chosen is OutputFormat.csv:
        write_csv((r.to_dict() for r in rows), SOURCE_COLUMNS)
        return
    if not rows:
        print("no monitored sources yet: run `conflictwatch monitor SOURCES.toml`")
        return
    cells = [(r.name, r.state, r.last_success or "never", r.last_poll or "never",
              f"{r.errors} ({r.total_errors} in all)", str(r.items_24h), f"{r.items_per_day_7d:g}",
              _count(r.stored), _count(r.duplicates), _count(r.failed), r.last_error or "-") for r in rows]
    if chosen is OutputFormat.table or (chosen is None and sys.stdout.isatty()):
        from rich.table import Table

        from conflictwatch.cli._console import console

        table = Table(title=f"{len(rows)} sources")
        for col in SOURCE_LINE_COLUMNS:
            table.add_column(col, no_wrap=col == "source", overflow="fold",
                             justify="right" if col in ("items 24h", "items/day 7d", "stored", "duplicates",
                                                        "failed") else "left")
        for row in cells:
            table.add_row(*row)
        console(soft_wrap=False).print(table)
        return
    print("\t".join(SOURCE_LINE_COLUMNS))
    for row in cells:
        print("\t".join(" ".join(c.split()) if not c.isprintable() else c for c in row))


def _count(value: int | None) -> str:
    return "-" if value is None else str(value)


def register(app: typer.Typer) -> None:
    """Add ``monitor`` and ``sources`` to the CLI."""
    app.command("monitor")(monitor_command)
    app.command("sources")(sources_command)
