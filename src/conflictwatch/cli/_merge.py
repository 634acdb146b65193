"""``conflictwatch merge``, ``split`` and ``offensives``: merged events and coordinated offensives."""

from __future__ import annotations

from typing import Annotated

import typer

from conflictwatch.cli._options import (
    DataDirOption,
    DbOption,
    FormatOption,
    JsonOption,
    OutputFormat,
    SinceOption,
    UntilOption,
    output_format,
    parse_day,
)
from conflictwatch.cli._output import write_csv, write_json

__all__ = ["register"]

#: The columns of ``offensives --format csv`` (the keys of its JSON).
OFFENSIVE_COLUMNS = ("offensive_id", "event_date", "actor", "event_ids", "admin1s", "admin2s", "span_km", "reason",
                     "extra")


def merge_command(
    db: DbOption = None,
    data_dir: DataDirOption = None,
    since: SinceOption = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what would be merged; save nothing.")] = False,
    explain: Annotated[bool, typer.Option("--explain", help="Print the reason of every link.")] = False,
) -> None:
    """Merge reports of the same event into one merged event, and find coordinated offensives.

    Incremental: unmerged events join the stored clusters or one another; source events are kept
    (undo a merge with `conflictwatch split`).

    Example: conflictwatch merge --since 2025-07-01 --explain
    """
    from conflictwatch.cli._console import console
    from conflictwatch.cli._progress import progress_bar
    from conflictwatch.merge import MERGE_STEPS, merge_store
    from conflictwatch.store import open_store

    day = parse_day(since, "--since")
    with open_store(db, data_dir=data_dir) as store, progress_bar("merging: {task.description}",
                                                                  eta=False) as bar:
        # the steps of a merge: the comparing is one step, however many events (its time is not
        # foretold: the bar says which step runs and for how long)
        task = bar.add_task(MERGE_STEPS[0], total=len(MERGE_STEPS))
        run = merge_store(store, since=day, dry_run=dry_run,
                          on_step=lambda n, name: bar.update(task, completed=n, description=name))
    out = console()
    result = run.result
    merged = sum(len(links) for _, links in result.clusters)
    out.print(f"{run.considered} unmerged events considered; {len(result.clusters)} merged events "
              f"({merged} source events), {len(result.superseded)} replaced, "
              f"{len(result.ambiguous)} left alone as ambiguous; {len(run.offensives)} offensives"
              + ("" if run.saved else " (dry run: nothing saved)"))
    if run.refused:
        out.print(f"{len(run.refused)} merged events not saved: they would change merged events an analyst "
                  "reviewed (see `conflictwatch conflicts`)")
    if explain:
        for cluster, links in result.clusters:
            out.print(f"{cluster.event_id} {cluster.event_date} {cluster.location}: "
                      f"{cluster.event_type}, {cluster.actor1} vs "
                      f"{cluster.actor2 or '-'}")
            for link in links:
                out.print(f"  {link.event_id} ({link.score:.2f}): {link.reason}")
        for eid in result.ambiguous:
            out.print(f"{eid}: fits several events that cannot be one; left alone")


def split_command(
    cluster_id: Annotated[str, typer.Argument(help="The merged event to split (an id starting cl-).",
                                              show_default=False)],
    event_ids: Annotated[list[str] | None, typer.Argument(
        help="Source events to take out (default: all of them).", show_default=False)] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Undo a wrong merge: take source events out of a merged event.

    The events taken out are marked reviewed, so `conflictwatch merge` will not join them again;
    the members left are merged anew.

    Example: conflictwatch split cl-0123456789abcdef0123 ev-0f3a9c
    """
    from conflictwatch.cli._console import console
    from conflictwatch.merge import split_merge
    from conflictwatch.store import open_store

    with open_store(db, data_dir=data_dir) as store:
        out_ids, rebuilt = split_merge(store, cluster_id, event_ids or ())
    out = console()
    out.print(f"took {len(out_ids)} events out of {cluster_id}: {', '.join(out_ids)} (marked reviewed)")
    out.print(f"the other members are now {rebuilt}" if rebuilt else f"{cluster_id} is dissolved")


def offensives_command(
    db: DbOption = None,
    data_dir: DataDirOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """List coordinated offensives (same-day attacks by one actor at three or more places).

    --format csv joins the event ids, admin1s and admin2s of an offensive by ';'.

    Example: conflictwatch offensives --since 2025-07-01 --json
    """
    from rich.table import Table

    from conflictwatch.cli._console import console
    from conflictwatch.store import open_store

    chosen = output_format(fmt, as_json) or OutputFormat.table
    lo, hi = parse_day(since, "--since"), parse_day(until, "--until")
    with open_store(db, data_dir=data_dir) as store:
        offs = store.offensives(since=lo, until=hi)
    rows = [{"offensive_id": o.offensive_id, "event_date": o.event_date.isoformat(), "actor": o.actor,
             "event_ids": list(o.event_ids), "admin1s": list(o.admin1s), "admin2s": list(o.admin2s),
             "span_km": o.span_km, "reason": o.reason, "extra": o.extra} for o in offs]
    if chosen is OutputFormat.json:
        write_json(rows)
        return
    if chosen is OutputFormat.csv:
        write_csv(rows, OFFENSIVE_COLUMNS)
        return
    out = console()
    table = Table("date", "actor", "events", "admin1", "admin2", "span km")
    table.add_column("id", no_wrap=True)  # whole, to be copied
    for o in offs:
        table.add_row(o.event_date.isoformat(), o.actor, str(len(o.event_ids)),
                      ", ".join(o.admin1s), ", ".join(o.admin2s), f"{o.span_km:.0f}",
                      o.offensive_id)
    out.print(table)
    out.print(f"{len(offs)} offensives")


def register(app: typer.Typer) -> None:
    """Add ``merge``, ``split`` and ``offensives`` to the CLI."""
    app.command("merge")(merge_command)
    app.command("split")(split_command)
    app.command("offensives")(offensives_command)
