"""``conflictwatch archive``: JSONL, Parquet and WARC archives extracted on a Dask LocalCluster,
one extractor per worker, to partitioned Parquet or the store, skipping what a run finished."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conflictwatch.archive import marker_path, plan_units, run_archive, unit_documents
from conflictwatch.errors import ConfigError
from conflictwatch.extract import Extractor
from conflictwatch.extract.io import LineError, document_from_record
from conflictwatch.records import Document
from conflictwatch.store import open_store
from tests.extract._corpus import documents, write_jsonl

# our own page texts (no gold text): two captured news pages and an image
PAGES = [
    ("https://news.example.org/2021/03/tillaberi",
     ("<html><head><title>Attack near Téra</title><meta name='date' content='2021-03-09'></head><body><article>"
     "<p>On 8 March 2021, gunmen on motorbikes stormed the weekly market of Téra, killing five traders, "
     "local officials told reporters the next day.</p><p>The market had reopened in January.</p>"
     "</article></body></html>")),
    ("https://news.example.org/2020/11/council",
     ("<html><head><title>Budget</title></head><body><article><p>The regional council of Dori adopted its "
     "budget for the coming year at a session on 3 November 2020.</p></article></body></html>")),
]


def _warc(path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for uri, html in PAGES:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = html.encode("utf-8")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                          length=len(body), http_headers=headers))
        image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example.org/logo.png", "response",
                                                      payload=io.BytesIO(b"\x89PNG...."), length=8,
                                                      http_headers=image))
    return path


def _parquet(path: Path, rows: list[dict[str, object]], group: int) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=group)
    return path


def _archives(tmp_path: Path) -> Path:
    """A folder with a JSONL archive (60 reports), a Parquet one (30, in row groups of 8) and a WARC."""
    folder = tmp_path / "archives"
    folder.mkdir()
    docs = documents(90)
    (folder / "a.jsonl").write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs[:60]),
                                    encoding="utf-8")
    _parquet(folder / "b.parquet", docs[60:], 8)
    _warc(folder / "c.warc.gz")
    return folder


def _expected(extractor: Extractor, folder: Path) -> set[tuple[str, str, str, int]]:
    """The events one extractor in this process finds in the archives, unit by unit."""
    out = set()
    for unit in plan_units([folder], block=10**9):
        for item in unit_documents(unit):
            assert not isinstance(item, LineError), item
            out |= {(e.event_id, e.location, str(e.event_date), e.fatalities) for e in extractor.extract(item)}
    return out


def _parquet_events(out: Path) -> list[tuple[str, str, str, int]]:
    rows = []
    for part in sorted((out / "events").rglob("*.parquet")):
        year = int(part.parent.name.removeprefix("year="))
        for r in pq.read_table(part).to_pylist():
            assert r["event_date"].year == year
            rows.append((r["event_id"], r["location"], str(r["event_date"]), r["fatalities"]))
    return rows


def test_jsonl_units_cut_at_line_starts_read_every_line_once(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", 50)
    for block in (1, 97, 500, 4096, 10**9):
        units = plan_units([src], block=block)
        ids = [d.source_id for u in units for d in unit_documents(u) if isinstance(d, Document)]
        assert ids == [f"r{i:05d}" for i in range(50)], block


def test_a_bad_line_is_reported_with_its_file_and_place(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "text": "The council met in Gao on 2 May 2019."}\n{broken\n', encoding="utf-8")
    [unit] = plan_units([src])
    items = list(unit_documents(unit))
    assert isinstance(items[0], Document)
    assert str(items[1]) == f"{src.resolve()}:2: line 2: not valid JSON (Expecting property name enclosed in " \
                            "double quotes at column 2)"


def test_other_files_are_refused_with_the_kinds_read(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"notes.txt is not an archive this reads: name it .jsonl, .ndjson, "
                                          r"\.parquet, \.warc, \.warc\.gz"):
        plan_units([tmp_path / "notes.txt"])


def test_warc_html_responses_become_documents_named_by_their_uri(tmp_path: Path) -> None:
    [unit] = plan_units([_warc(tmp_path / "c.warc.gz")])
    docs = list(unit_documents(unit))
    assert [d.source_id for d in docs if isinstance(d, Document)] == [u for u, _ in PAGES]
    first = docs[0]
    assert isinstance(first, Document) and "weekly market of Téra" in first.text and first.title == "Attack near Téra"


def test_two_workers_write_the_events_one_extractor_finds_as_year_partitions(
        tmp_path: Path, gazetteer_home: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    folder = _archives(tmp_path)
    out = tmp_path / "out"
    report = run_archive([folder], output=out, data_dir=gazetteer_home, workers=2, processes=False, block=2000)
    assert report.workers == 2 and report.failures == []
    assert report.units == len(plan_units([folder], block=2000)) > 6 and report.done == report.units
    assert report.documents == 92
    events = _parquet_events(out)
    assert len(events) == len(set(events)) == report.events
    assert set(events) == _expected(Extractor(gazetteer), folder)
    assert any(loc == "Téra" and day == "2021-03-08" for _, loc, day, _ in events)  # from the WARC


def test_a_stopped_run_does_only_the_units_left(tmp_path: Path, gazetteer_home: Path) -> None:
    folder = _archives(tmp_path)
    out = tmp_path / "out"
    first = run_archive([folder], output=out, data_dir=gazetteer_home, workers=1, processes=False, block=2000)
    whole = sorted(_parquet_events(out))
    units = plan_units([folder], block=2000)
    # as if the run had stopped before its last two units: their markers and parts are not there
    for unit in units[-2:]:
        marker_path(out, unit).unlink()
        for part in (out / "events").rglob(f"part-{unit.key}.parquet"):
            part.unlink()
    again = run_archive([folder], output=out, data_dir=gazetteer_home, workers=1, processes=False, block=2000)
    assert (again.units, again.skipped, again.done) == (first.units, first.units - 2, 2)
    assert sorted(_parquet_events(out)) == whole
    done = run_archive([folder], output=out, data_dir=gazetteer_home, workers=1, processes=False, block=2000)
    assert (done.skipped, done.done, done.documents) == (first.units, 0, 0)


def test_to_the_store_each_document_and_event_is_saved_once_even_when_a_unit_is_done_again(
        tmp_path: Path, gazetteer_home: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    folder = _archives(tmp_path)
    state = tmp_path / "state"
    with open_store(str(tmp_path / "cw.db")) as store:
        report = run_archive([folder], store=store, state_dir=state, data_dir=gazetteer_home, workers=2,
                             processes=False, block=2000)
        stats = store.stats()
        saved = {(e.event_id, e.location, str(e.event_date), e.fatalities)
                 for e in store.query_events(merged_view=False)}
        assert stats["documents"] == stats["documents_extracted"] == report.documents == 92
        assert saved == _expected(Extractor(gazetteer), folder) and stats["events"] == len(saved)
        marker_path(state, plan_units([folder], block=2000)[0]).unlink()  # saved, but not marked done
        again = run_archive([folder], store=store, state_dir=state, data_dir=gazetteer_home, workers=2,
                            processes=False, block=2000)
        assert again.done == 1
        assert store.stats() == stats


def test_a_running_scheduler_is_used_by_its_address(tmp_path: Path, gazetteer_home: Path) -> None:
    from distributed import LocalCluster

    src = write_jsonl(tmp_path / "in.jsonl", 20)
    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        report = run_archive([src], output=tmp_path / "out", data_dir=gazetteer_home,
                             scheduler=cluster.scheduler_address)
        assert report.workers == 1 and report.documents == 20
        assert len(cluster.scheduler.workers) == 1  # the cluster goes on: the run only left it


def test_the_command_wants_an_output_or_the_store(tmp_path: Path, gazetteer_home: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from conflictwatch.cli import app

    src = write_jsonl(tmp_path / "in.jsonl", 3)
    result = runner.invoke(app, ["archive", str(src)], env={"CONFLICTWATCH_HOME": str(gazetteer_home)})
    assert result.exit_code == 1
    assert isinstance(result.exception, ConfigError)
    assert str(result.exception) == ("give either --output DIR (partitioned Parquet) or --store (the database): "
                                     "e.g. `conflictwatch archive news.jsonl --output events/`")


def test_a_parquet_row_without_text_is_reported_with_its_row(tmp_path: Path) -> None:
    src = _parquet(tmp_path / "d.parquet", [{"id": "a", "text": "The council met in Gao."}, {"id": "b", "text": ""}], 5)
    [unit] = plan_units([src])
    items = list(unit_documents(unit))
    assert str(items[1]) == f'{src.resolve()}: row group 0, row 1: the "text" field is missing or empty'
    assert document_from_record({"id": 7, "text": "x y"}).source_id == "7"


def test_the_command_runs_a_local_cluster_of_worker_processes_and_skips_what_it_did(
        tmp_path: Path, gazetteer_home: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from conflictwatch.cli import app

    src = write_jsonl(tmp_path / "in.jsonl", 40)
    env = {"CONFLICTWATCH_HOME": str(gazetteer_home)}
    args = ["archive", str(src), "--output", str(tmp_path / "out"), "--workers", "2"]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert "1 pieces (0 skipped, 1 done on 2 workers): 40 documents, " in result.output
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 0, result.output
    assert "1 of 1 pieces done by an earlier run: skipped" in result.output
    assert "1 pieces (1 skipped, 0 done on 0 workers): 0 documents, 0 events, 0 failed" in result.output


def test_a_killed_run_starts_again_where_it_stopped(tmp_path: Path, gazetteer_home: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    src = write_jsonl(tmp_path / "in.jsonl", 300)
    env = {**os.environ, "CONFLICTWATCH_HOME": str(gazetteer_home), "PYTHONPATH": os.pathsep.join(sys.path)}

    def archive(out: Path) -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "conflictwatch", "archive", str(src), "--output", str(out),
                                 "--workers", "1", "--block-mb", "0.01"], env=env, text=True,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)

    whole, cut = tmp_path / "whole", tmp_path / "cut"
    assert archive(whole).wait(timeout=240) == 0
    units = plan_units([src], block=int(0.01 * 1024 * 1024))
    assert len(units) >= 6
    proc = archive(cut)
    deadline = time.monotonic() + 240
    while not (cut / "_done").is_dir() or not any((cut / "_done").glob("*.json")):
        assert proc.poll() is None, "the run ended before any piece was done"
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)  # the driver, its scheduler and its worker processes
    proc.wait(timeout=30)
    done = len(list((cut / "_done").glob("*.json")))
    assert 1 <= done < len(units)
    again = subprocess.run([sys.executable, "-m", "conflictwatch", "archive", str(src), "--output", str(cut),
                            "--workers", "1", "--block-mb", "0.01"], env=env, text=True, capture_output=True,
                           timeout=240, check=False)
    assert again.returncode == 0, again.stderr
    assert f"{done} of {len(units)} pieces done by an earlier run: skipped" in again.stderr
    assert sorted(_parquet_events(cut)) == sorted(_parquet_events(whole))
