"""``conflictwatch archive``: extract JSONL, Parquet and WARC archives on a Dask cluster."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

import typer

from conflictwatch.cli._options import DataDirOption, DbOption

__all__ = ["register"]


def archive_command(
    paths: Annotated[list[Path], typer.Argument(
        help="Archive files or folders: .jsonl/.ndjson documents, .parquet rows of documents, .warc/.warc.gz "
        "web captures.", metavar="ARCHIVE...", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Folder for the events as Parquet partitioned by year (OUTPUT/events/year=YYYY/), "
        "written by the workers.", show_default=False)] = None,
    to_store: Annotated[bool, typer.Option(
        "--store", help="Save documents and events in the database instead (through this process).")] = False,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a local "
        "cluster of --workers processes).", show_default=False)] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", help="Workers of the local cluster (default: the cores).", show_default=False)] = None,
    worker_data_dir: Annotated[Path | None, typer.Option(
        "--worker-data-dir", help="The data directory (gazetteer) on the workers' machines (default: the same "
        "path as here).", show_default=False)] = None,
    block_mb: Annotated[float, typer.Option(
        "--block-mb", help="Megabytes of JSONL per task.", min=0.01)] = 16,
    state: Annotated[Path | None, typer.Option(
        "--state", help="With --store: folder recording the finished units (default: under the data dir, "
        "one per database).", show_default=False)] = None,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Extract the events of whole archives on a Dask cluster, one extractor per worker.

    Each worker loads the extractor once and takes whole pieces of the archives (16 MB of JSONL,
    a Parquet row group, a WARC file). Stopped and started again, a run skips the pieces it
    finished. On a real cluster, install conflictwatch and its gazetteer on every worker and keep
    the archives (and --output) on storage all of them read.

    Example: conflictwatch archive news-2015.jsonl dumps/ --output events/

    Example: conflictwatch archive crawl.warc.gz --store --scheduler tcp://10.0.0.5:8786
    """
    from rich.console import Console
    from rich.markup import escape

    from conflictwatch import config
    from conflictwatch.archive import run_archive
    from conflictwatch.cli._progress import progress_bar
    from conflictwatch.errors import ConfigError
    from conflictwatch.extract import default_workers

    err = Console(stderr=True, soft_wrap=True, highlight=False)
    if (output is None) == (not to_store):
        raise ConfigError("give either --output DIR (partitioned Parquet) or --store (the database): "
                          "e.g. `conflictwatch archive news.jsonl --output events/`")
    if state is not None and not to_store:
        raise ConfigError("--state only applies with --store (with --output the folder records its units)")
    home = config.data_dir(data_dir)
    n = workers if workers is not None else default_workers()
    if n < 1:
        raise ConfigError(f"--workers must be 1 or more, not {n}")
    with progress_bar("archive pieces", console=err) as bar:
        task = bar.add_task("archive", total=None)  # the pieces, once the archives are planned

        def planned(units: int, skipped: int) -> None:
            bar.update(task, total=units, completed=skipped)
            if skipped:
                bar.console.print(f"{skipped} of {units} pieces done by an earlier run: skipped")

        def finished(result) -> None:  # type: ignore[no-untyped-def]
            bar.advance(task)
            for failure in result.failures:
                bar.console.print(f"[bold red]Error:[/] {escape(failure)}")

        if to_store:
            from conflictwatch.store import open_store

            with open_store(db, data_dir=data_dir) as store:
                where = state or home / "archive-state" / hashlib.sha256(store.safe_url.encode()).hexdigest()[:16]
                report = run_archive(paths, store=store, state_dir=where, data_dir=home,
                                     worker_data_dir=worker_data_dir, scheduler=scheduler, workers=n,
                                     block=int(block_mb * 1024 * 1024), on_plan=planned, on_unit=finished)
        else:
            report = run_archive(paths, output=output, data_dir=home, worker_data_dir=worker_data_dir,
                                 scheduler=scheduler, workers=n, block=int(block_mb * 1024 * 1024),
                                 on_plan=planned, on_unit=finished)
    rate = f", {report.documents / report.seconds:,.1f} documents/s" if report.seconds and report.documents else ""
    err.print(f"{report.units} pieces ({report.skipped} skipped, {report.done} done on {report.workers} workers): "
              f"{report.documents} documents, {report.events} events, {len(report.failures)} failed{rate}")
    if report.failures:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``archive`` to the CLI."""
    app.command("archive")(archive_command)
