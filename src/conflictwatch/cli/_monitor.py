"""``monitor`` (poll sources, store, extract, alert) and ``sources`` (their health)."""

from __future__ import annotations

import json
import sys
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from conflictwatch.cli._options import DataDirOption, DbOption, JsonOption

__all__ = ["register"]


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
    as_json: JsonOption = False,
    stale_hours: Annotated[int, typer.Option("--stale-hours", min=1, max=24 * 90, help="A source whose last "
                                             "success is older than this (and whose last poll did not fail) "
                                             "is stale.")] = 24,
) -> None:
    """The health of the monitored sources: state, last poll and success, errors, items per day.

    The state is ok, failing (its last poll failed: errors counts the failures in a row) or
    stale (no success for --stale-hours: is the monitor running?). The dashboard's Sources panel
    and GET /api/sources show the same.

    Example: conflictwatch sources --db /var/lib/conflictwatch/cw.db --stale-hours 6
    """
    from conflictwatch.monitor import source_health

    rows = source_health(db=db, data_dir=data_dir, stale_after=timedelta(hours=stale_hours))
    if as_json:
        print(json.dumps([r.to_dict() for r in rows], indent=2))
        return
    if not rows:
        print("no monitored sources yet: run `conflictwatch monitor SOURCES.toml`")
        return
    print("source\tstate\tlast success\tlast poll\terrors\titems 24h\titems/day 7d\tstored\tduplicates\tfailed\tlast error")
    for r in rows:
        print("\t".join((r.name, r.state, r.last_success or "never", r.last_poll or "never",
                         f"{r.errors} ({r.total_errors} in all)", str(r.items_24h), f"{r.items_per_day_7d:g}",
                         str(r.stored), str(r.duplicates), str(r.failed), r.last_error or "-")))


def register(app: typer.Typer) -> None:
    """Add ``monitor`` and ``sources`` to the CLI."""
    app.command("monitor")(monitor_command)
    app.command("sources")(sources_command)
