"""``conflictwatch extract``: find the events reports describe, ACLED-coded, with evidence."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from conflictwatch.cli._options import DataDirOption, DbOption
from conflictwatch.constants import LEASE_SECONDS

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress

    from conflictwatch.extract import Extractor, ExtractorSpec
    from conflictwatch.geo import Gazetteer

__all__ = ["register"]

#: Inputs with at least this many documents get a progress bar.
PROGRESS_MIN = 20


def _progress(total: int | None, err: Console) -> Progress:
    from conflictwatch.cli._progress import progress_bar

    return progress_bar("extracting", console=err, show=total is None or total >= PROGRESS_MIN)


def extract_command(
    input_path: Annotated[Path | None, typer.Argument(
        help="JSONL file: one document per line with id and text (optional lang, published, title, url).",
        metavar="INPUT.jsonl", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write the events, one JSON object per line (default: stdout).",
        show_default=False)] = None,
    stored: Annotated[bool, typer.Option(
        "--stored", help="Extract the stored documents not yet extracted, and save their events.")] = False,
    everything: Annotated[bool, typer.Option(
        "--all", help="With --stored: extract every stored document again.")] = False,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", help="Worker processes, each loading the extractor once (default: the cores; "
        "one per 16 documents at most).", show_default=False)] = None,
    retry_failed: Annotated[bool, typer.Option(
        "--retry-failed", help="With --stored: try again the documents this extractor failed on before "
                               "(skipped otherwise).")] = False,
    lease: Annotated[float, typer.Option(
        "--lease", help="With --stored: seconds this run's claim on the documents it is extracting lasts "
                        "unless renewed; a killed run's documents wait that long for the next run, "
                        "unless it ran on this host (default: 600).", show_default=False)] = LEASE_SECONDS,
    db: DbOption = None,
    data_dir: DataDirOption = None,
) -> None:
    """Extract the events that reports describe, coded in ACLED's conventions.

    Each event line has doc_id (the input id), ACLED's fields, confidence and the evidence
    (sentence and character span) for each field. Prints "Error: FILE:LINE: ..." for each line
    that is not a usable document and goes on; exits 1 if any failed.

    Example: conflictwatch extract reports.jsonl --output events.jsonl

    Example: conflictwatch extract --stored --workers 4

    Events come out in the input's order whatever the number of workers. With --output, a run
    that is stopped (Ctrl-C, kill) records how far it got in OUTPUT.progress.json; running the
    same command again goes on from there. With --stored, the documents not yet extracted are
    what is left; extracting again writes the same events.

    A document over the per-document budget (1,000,000 characters, 300 seconds) or that cannot be
    extracted is an error of its own, the others go on; with --stored it is recorded and later runs
    of the same extractor skip it until --retry-failed.

    Several --stored runs at once (or one beside the monitor) share the documents out: each
    claims a batch no other live run holds, so each document is extracted once. A killed run's
    claims expire after --lease seconds; the next run then takes its documents up (at once
    when the killed run was on the same host: its process is gone).
    """
    from conflictwatch import config
    from conflictwatch.cli._console import ERROR, console
    from conflictwatch.errors import ConfigError
    from conflictwatch.extract import default_workers, extractor_id, worker_count
    from conflictwatch.extract.io import (
        ExtractReport,
        count_lines,
        extract_file,
        extract_stored,
        extract_to_file,
        progress_path,
    )
    from conflictwatch.geo import Gazetteer

    err = console(stderr=True)
    if stored == (input_path is not None):
        raise ConfigError("give either an INPUT.jsonl file or --stored (not both): "
                          "e.g. `conflictwatch extract reports.jsonl -o events.jsonl`")
    if (everything or retry_failed) and not stored:
        raise ConfigError(f"{'--all' if everything else '--retry-failed'} only applies with --stored")
    if lease <= 0:
        raise ConfigError(f"--lease {lease:g} is not a duration: give the seconds a claim lasts, e.g. --lease 600")
    home = config.data_dir(data_dir)
    gazetteer = Gazetteer.load(home)  # here, so that a missing gazetteer is said once, before any worker
    asked = workers if workers is not None else default_workers()
    on_error = lambda f: err.print(ERROR, str(f))
    report: ExtractReport
    if stored:
        from conflictwatch.extract import ExtractorSpec
        from conflictwatch.store import open_store

        with open_store(db, data_dir=data_dir) as store:
            counts = store.stats()
            todo = counts["documents"] - (0 if everything else counts["documents_extracted"])
            n = worker_count(asked, todo)
            extractor = _extractor(gazetteer, home, n)
            if not (everything or retry_failed):  # the documents this extractor failed on are skipped
                key = extractor.extractor_id() if isinstance(extractor, ExtractorSpec) else extractor.extractor_id
                todo = max(0, todo - len(store.extraction_failures(extractor=key)))
            with _progress(todo, err) as bar:
                task = bar.add_task("extract", total=todo)
                report = extract_stored(store, extractor, everything=everything,
                                        retry_failed=retry_failed, workers=n, lease_seconds=lease,
                                        on_document=lambda: bar.advance(task), on_error=on_error)
    else:
        assert input_path is not None
        if not input_path.is_file():
            raise ConfigError(f"input file {input_path} does not exist: give a JSONL file of documents")
        total = count_lines(input_path)
        n = worker_count(asked, total)
        extractor = _extractor(gazetteer, home, n)
        with _progress(total, err) as bar:
            task = bar.add_task("extract", total=total)
            if output:
                def resumed(line: int, done: int) -> None:
                    err.print(f"resuming after line {line} of {input_path} ({done} documents done; "
                              f"progress in {progress_path(output)})")
                    bar.advance(task, done)

                report = extract_to_file(input_path, output, extractor, workers=n,
                                         extractor_key=extractor_id(gazetteer),
                                         on_resume=resumed, on_document=lambda: bar.advance(task),
                                         on_error=on_error)
            else:
                report = extract_file(input_path, sys.stdout, extractor, workers=n,
                                      on_document=lambda: bar.advance(task), on_error=on_error)
    err.print(f"{report.documents} documents, {report.events} events "
              f"({report.documents_with_events} documents with events), {len(report.failures)} failed")
    if report.skipped_failed:
        n = report.skipped_failed
        err.print(f"{n} {'document' if n == 1 else 'documents'} skipped: this extractor failed on "
                  f"{'it' if n == 1 else 'them'} before (over the per-document budget, or a date out of range); "
                  "--retry-failed tries again")
    if report.failures:
        raise typer.Exit(1)


def _extractor(gazetteer: Gazetteer, home: Path, workers: int) -> Extractor | ExtractorSpec:
    """The extractor itself for one worker (this process), what to build it from for several."""
    from conflictwatch.extract import Extractor, ExtractorSpec

    return Extractor(gazetteer) if workers <= 1 else ExtractorSpec(home)


def register(app: typer.Typer) -> None:
    """Add ``extract`` to the CLI."""
    app.command("extract")(extract_command)
