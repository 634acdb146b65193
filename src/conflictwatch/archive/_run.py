"""Extraction of archives on a Dask cluster: one extractor per worker, restartable.

The driver (this process) plans the archives' :class:`~conflictwatch.archive.Unit` s, skips the
ones a previous run finished, and keeps a bounded number of them in flight on the cluster. Each
worker builds its extractor once, when it joins (:class:`ExtractorPlugin`, a Dask worker plugin;
a worker that dies and is replaced builds its own), and extracts whole units:

- **to Parquet** (``output``): the worker writes the unit's events under
  ``OUTPUT/events/year=YYYY/part-<unit key>.parquet`` (Hive partitions by event year; columns of
  ``conflictwatch export --format parquet`` plus ``doc_key``), then the marker
  ``OUTPUT/_done/<unit key>.json`` with its counts. Files are written under a temporary name and
  renamed, so a killed worker leaves no half file; a unit without its marker is done again and
  writes the same files.
- **to the store** (``store``): the worker sends the unit's documents and events back, the
  driver stores the documents and saves each extraction (one transaction per document), then
  writes the unit's marker in ``state_dir``. A unit cut short between the two is done again:
  storing and saving the same documents again changes nothing.

``scheduler`` is the address of a running Dask scheduler (``tcp://host:8786``); without it a
:class:`distributed.LocalCluster` of ``workers`` processes (one thread each) is started here.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from distributed import WorkerPlugin

from conflictwatch.archive._read import DEFAULT_BLOCK, Unit, plan_units, unit_documents
from conflictwatch.errors import ConfigError, ConflictwatchError
from conflictwatch.extract import Extractor
from conflictwatch.extract.io import LineError
from conflictwatch.geo import Gazetteer
from conflictwatch.records import Document, Event
from conflictwatch.store.export import parquet_record, parquet_schema

__all__ = ["PLUGIN_NAME", "ArchiveReport", "ExtractorPlugin", "UnitResult", "extract_unit", "marker_path",
           "run_archive"]

#: The name the worker plugin is registered under.
PLUGIN_NAME = "conflictwatch-extractor"
#: Units in flight per worker.
WINDOW = 3


class ExtractorPlugin(WorkerPlugin):
    """A Dask worker plugin: builds the worker's :class:`Extractor` once, from ``data_dir`` (the
    data directory holding the gazetteer, as seen on the worker's machine)."""

    name = PLUGIN_NAME

    def __init__(self, data_dir: str) -> None:
        self.data_dir = data_dir
        self.extractor: Extractor | None = None

    def setup(self, worker: Any) -> None:
        self.extractor = Extractor(Gazetteer.load(Path(self.data_dir)))

    def teardown(self, worker: Any) -> None:
        self.extractor = None


def _worker_extractor() -> Extractor:
    from distributed import get_worker

    plugin = get_worker().plugins.get(PLUGIN_NAME)
    if plugin is None or getattr(plugin, "extractor", None) is None:
        raise ConfigError("this Dask worker has no conflictwatch extractor: the plugin was not registered "
                          "(run the archive through conflictwatch.archive.run_archive)")
    extractor: Extractor = plugin.extractor  # type: ignore[attr-defined]
    return extractor


@dataclass(slots=True)
class UnitResult:
    """What extracting one unit gave: counts, failures, and (to the store) the documents and events."""

    key: str
    documents: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)
    extracted: list[tuple[Document, tuple[Event, ...]]] = field(default_factory=list)
    extractor: str = ""
    seconds: float = 0.0


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _write_parts(unit: Unit, out: Path, rows: list[tuple[str, Event]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema().append(pa.field("doc_key", pa.string()))
    by_year: dict[int, list[dict[str, Any]]] = {}
    for doc_key, ev in rows:
        by_year.setdefault(ev.event_date.year, []).append({**parquet_record(ev), "doc_key": doc_key})
    for year, records in sorted(by_year.items()):
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(records, schema=schema), sink)
        _atomic_write(out / "events" / f"year={year}" / f"part-{unit.key}.parquet", sink.getvalue().to_pybytes())


def marker_path(base: Path, unit: Unit) -> Path:
    """Where the "done" marker of ``unit`` lies under ``base``."""
    return base / "_done" / f"{unit.key}.json"


def _write_marker(base: Path, unit: Unit, result: UnitResult) -> None:
    _atomic_write(marker_path(base, unit), json.dumps(
        {"unit": str(unit), "documents": result.documents, "events": result.events,
         "failures": result.failures, "extractor": result.extractor}).encode("utf-8"))


def extract_unit(unit: Unit, output: str | None) -> UnitResult:
    """Extract one unit on a worker (the plugin's extractor): write its Parquet parts and marker
    under ``output``, or, without one, return its documents and events."""
    started = time.perf_counter()
    extractor = _worker_extractor()
    result = UnitResult(unit.key, extractor=extractor.extractor_id)
    rows: list[tuple[str, Event]] = []
    for item in unit_documents(unit):
        if isinstance(item, LineError):
            result.failures.append(str(item))
            continue
        try:
            events = tuple(extractor.extract(item))
        except ConflictwatchError as exc:
            result.failures.append(f"{unit.path}: document {item.key}: {exc}")
            continue
        result.documents += 1
        result.events += len(events)
        if output is None:
            result.extracted.append((item, events))
        else:
            rows += [(item.key, ev) for ev in events]
    if output is not None:
        _write_parts(unit, Path(output), rows)
        result.seconds = time.perf_counter() - started
        _write_marker(Path(output), unit, result)
    result.seconds = time.perf_counter() - started
    return result


class _Store(Protocol):
    def add_documents(self, docs: Iterable[Document]) -> Any: ...

    def save_extraction(self, doc_id: str, events: Sequence[Event], *, extractor: str) -> None: ...


@dataclass(slots=True)
class ArchiveReport:
    """What a run did: units planned, skipped as done, and extracted now; documents, events."""

    units: int = 0
    skipped: int = 0
    done: int = 0
    documents: int = 0
    events: int = 0
    failures: list[str] = field(default_factory=list)
    workers: int = 0
    seconds: float = 0.0


def _client(scheduler: str | None, workers: int, processes: bool) -> tuple[Any, Any]:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            return Client(scheduler, timeout="30s"), None
        except OSError as exc:
            raise ConfigError(f"cannot reach the Dask scheduler at {scheduler} ({exc}): start it "
                              "(dask scheduler) or check --scheduler") from exc
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=processes,
                           dashboard_address=None, silence_logs=40)
    client = Client(cluster)
    client.wait_for_workers(workers, timeout=120)
    return client, cluster


def run_archive(paths: Sequence[str | Path], *, output: str | Path | None = None, store: _Store | None = None,
                state_dir: str | Path | None = None, data_dir: str | Path, worker_data_dir: str | Path | None = None,
                scheduler: str | None = None, workers: int = 1, processes: bool = True,
                block: int = DEFAULT_BLOCK,
                on_plan: Callable[[int, int], None] | None = None,
                on_unit: Callable[[UnitResult], None] | None = None) -> ArchiveReport:
    """Extract every document of the archives under ``paths`` on a Dask cluster.

    Give ``output`` (a folder: partitioned Parquet, written by the workers) or ``store`` (the
    driver saves what the workers send, recording done units in ``state_dir``). Units with a
    marker are skipped (``on_plan(units, skipped)`` is told). ``data_dir`` is this machine's data
    directory; ``worker_data_dir`` the one on the workers' machines (default: the same path).
    ``on_unit`` is called as each unit is finished.
    """
    if (output is None) == (store is None):
        raise ConfigError("give either an output folder (--output DIR) or the store (--store), not both")
    base = Path(output) if output is not None else Path(state_dir) if state_dir is not None else None
    if base is None:
        raise ConfigError("writing to the store needs a folder to record the units done (state_dir)")
    base.mkdir(parents=True, exist_ok=True)
    Gazetteer.load(Path(data_dir))  # a missing gazetteer is said here, before a cluster starts
    started = time.perf_counter()
    units = plan_units([Path(p) for p in paths], block=block)
    todo = [u for u in units if not marker_path(base, u).is_file()]
    report = ArchiveReport(units=len(units), skipped=len(units) - len(todo))
    if on_plan is not None:
        on_plan(report.units, report.skipped)
    if not todo:
        report.seconds = time.perf_counter() - started
        return report
    from distributed import as_completed

    client, cluster = _client(scheduler, workers, processes)
    try:
        client.register_plugin(ExtractorPlugin(str(worker_data_dir or data_dir)), name=PLUGIN_NAME)
        report.workers = len(client.nthreads())
        out = str(Path(output).resolve()) if output is not None else None
        queue = iter(todo)
        by_key = {u.key: u for u in todo}
        window = max(1, report.workers) * WINDOW
        running = as_completed([client.submit(extract_unit, u, out, key=f"cw-unit-{u.key}", pure=False)
                                for u in _take(queue, window)])
        for future in running:
            result: UnitResult = future.result()
            unit = by_key[result.key]
            if store is not None:
                store.add_documents(d for d, _ in result.extracted)
                for doc, events in result.extracted:
                    store.save_extraction(doc.id, events, extractor=result.extractor)
                _write_marker(base, unit, result)
            report.done += 1
            report.documents += result.documents
            report.events += result.events
            report.failures += result.failures
            result.extracted = []
            future.release()
            if on_unit is not None:
                on_unit(result)
            for nxt in _take(queue, 1):
                running.add(client.submit(extract_unit, nxt, out, key=f"cw-unit-{nxt.key}", pure=False))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    report.seconds = time.perf_counter() - started
    return report


def _take(it: Iterable[Unit], n: int) -> list[Unit]:
    out = []
    for u in it:
        out.append(u)
        if len(out) >= n:
            break
    return out
