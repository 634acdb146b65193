"""``conflictwatch extract --workers N``: the same events in the same order whatever N, over a
file and over the store; a run killed half-way goes on where it stopped."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from conflictwatch.errors import ExtractError
from conflictwatch.extract import Extractor, ExtractorSpec, extract_parallel, worker_count
from conflictwatch.extract.io import extract_stored, progress_path
from conflictwatch.records import Document
from conflictwatch.store import open_store
from tests.extract._corpus import documents, write_jsonl


def _cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CONFLICTWATCH_HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([sys.executable, "-m", "conflictwatch", "extract", *args], check=False, env=env,
                          capture_output=True, text=True, timeout=280)


def _start(home: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "CONFLICTWATCH_HOME": str(home), "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-m", "conflictwatch", "extract", *args], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _kill_when(proc: subprocess.Popen[str], ready, what: str) -> None:  # type: ignore[no-untyped-def]
    """SIGKILL the run (and its workers) as soon as ``ready()``; fails if it ends first."""
    deadline = time.monotonic() + 240
    while not ready():
        assert proc.poll() is None, f"the run ended before {what}: {proc.stderr.read() if proc.stderr else ''}"
        assert time.monotonic() < deadline, f"no {what} after 240 s"
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    if proc.stderr is not None:
        proc.stderr.close()


def test_two_workers_write_the_same_events_in_the_same_order_as_one(tmp_path: Path, gazetteer_home: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", 60)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out, n in ((one, "1"), (two, "2")):
        result = _cli(gazetteer_home, str(src), "--output", str(out), "--workers", n)
        assert result.returncode == 0, result.stderr
        assert result.stderr.strip().endswith("60 documents, "
                                              f"{len(out.read_text().splitlines())} events "
                                              f"({len(out.read_text().splitlines())} documents with events), 0 failed")
    lines = one.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 20
    assert two.read_bytes() == one.read_bytes()
    order = [json.loads(line)["doc_id"] for line in lines]
    assert order == sorted(order)  # the input's order (its ids are numbered)
    assert not progress_path(two).exists()


def test_the_workers_keep_the_input_order_around_bad_lines(tmp_path: Path, gazetteer_home: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", 40)
    lines = src.read_text(encoding="utf-8").splitlines()
    lines[5] = "{not json"
    lines[33] = json.dumps({"id": "empty", "text": " "})
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _cli(gazetteer_home, str(src), "--output", str(tmp_path / "out.jsonl"), "--workers", "2")
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert errors == [(f"Error: {src}:6: not valid JSON (Expecting property name enclosed in double quotes, "
                      "column 2); fix or remove the line"),
                      f'Error: {src}:34: the "text" field is missing or empty']
    assert "38 documents" in result.stderr and "2 failed" in result.stderr


def test_a_killed_run_over_a_file_goes_on_where_it_stopped(tmp_path: Path, gazetteer_home: Path) -> None:
    src = write_jsonl(tmp_path / "in.jsonl", 240)
    whole, cut = tmp_path / "whole.jsonl", tmp_path / "cut.jsonl"
    assert _cli(gazetteer_home, str(src), "-o", str(whole), "--workers", "2").returncode == 0
    proc = _start(gazetteer_home, str(src), "-o", str(cut), "--workers", "2")
    _kill_when(proc, lambda: progress_path(cut).exists(), "a recorded checkpoint")
    saved = json.loads(progress_path(cut).read_text(encoding="utf-8"))
    assert 0 < saved["line"] < 240
    result = _cli(gazetteer_home, str(src), "-o", str(cut), "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert f"resuming after line {saved['line']} of {src}" in result.stderr
    assert "240 documents" in result.stderr
    assert cut.read_bytes() == whole.read_bytes()
    assert not progress_path(cut).exists()
    # and again: nothing changes
    assert _cli(gazetteer_home, str(src), "-o", str(cut), "--workers", "2").returncode == 0
    assert cut.read_bytes() == whole.read_bytes()


def _stored_events(db: Path) -> list[tuple[str, str, str, int]]:
    with open_store(str(db)) as store:
        return sorted((e.event_id, e.location, str(e.event_date), e.fatalities)
                      for e in store.query_events(merged_view=False))


def _stored_db(path: Path, n: int) -> Path:
    with open_store(str(path)) as store:
        store.add_documents([Document.from_text(d["text"], language=d["lang"], source_id=d["id"])
                             for d in documents(n)])
    return path


def test_stored_documents_give_the_same_events_with_one_or_two_workers_and_again(
        tmp_path: Path, gazetteer_home: Path) -> None:
    one, two = _stored_db(tmp_path / "one.db", 50), _stored_db(tmp_path / "two.db", 50)
    assert _cli(gazetteer_home, "--stored", "--db", str(one), "--workers", "1").returncode == 0
    assert _cli(gazetteer_home, "--stored", "--db", str(two), "--workers", "2").returncode == 0
    events = _stored_events(one)
    assert len(events) > 15 and _stored_events(two) == events
    again = _cli(gazetteer_home, "--stored", "--all", "--db", str(two), "--workers", "2")
    assert again.returncode == 0, again.stderr
    assert _stored_events(two) == events


def test_a_killed_stored_run_leaves_the_rest_for_the_next_run(tmp_path: Path, gazetteer_home: Path) -> None:
    # enough documents that the run is still going when the poll below sees its first saves (a
    # poll may wait on the writer's lock for half a second; 1,000 documents were done two seconds
    # after the first save once the extractor got faster, and a CI run finished before the kill)
    n = 2000  # the made-up corpus repeats itself past 2,000
    whole, cut = _stored_db(tmp_path / "whole.db", n), _stored_db(tmp_path / "cut.db", n)
    assert _cli(gazetteer_home, "--stored", "--db", str(whole), "--workers", "1").returncode == 0

    def some_saved() -> bool:
        with open_store(str(cut)) as store:
            return store.stats()["documents_extracted"] >= 20

    proc = _start(gazetteer_home, "--stored", "--db", str(cut), "--workers", "2", "--lease", "3")
    _kill_when(proc, some_saved, "20 saved extractions")
    with open_store(str(cut)) as store:
        assert store.stats()["documents_extracted"] < n
        assert store.claims(), "the killed run left no claims on the documents it was extracting"
    _wait_for_expiry(cut)
    result = _cli(gazetteer_home, "--stored", "--db", str(cut), "--workers", "2")
    assert result.returncode == 0, result.stderr
    with open_store(str(cut)) as store:
        assert store.stats()["documents_extracted"] == n
        assert set(store.extraction_counts().values()) == {1}
        assert store.claims() == []
    assert _stored_events(cut) == _stored_events(whole)


def _wait_for_expiry(db: Path) -> None:
    """Sleep until every claim stored in ``db`` has expired."""
    with open_store(str(db)) as store:
        last = max(c.until for c in store.claims())
    wait = (datetime.fromisoformat(last) - datetime.now(UTC)).total_seconds()
    time.sleep(max(0.0, wait) + 0.2)


def _done_by(result: subprocess.CompletedProcess[str]) -> int:
    """The documents a run says it extracted ("N documents, M events ...")."""
    found = re.search(r"(\d+) documents, \d+ events", result.stderr)
    assert found, result.stderr
    return int(found.group(1))


def _two_runs_at_once(home: Path, db: str) -> tuple[int, int]:
    procs = [subprocess.Popen([sys.executable, "-m", "conflictwatch", "extract", "--stored", "--db", db,
                               "--workers", "1"], env={**os.environ, "CONFLICTWATCH_HOME": str(home),
                                                        "PYTHONPATH": os.pathsep.join(sys.path)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    results = []
    for proc in procs:
        _, err = proc.communicate(timeout=280)
        results.append(subprocess.CompletedProcess(proc.args, proc.returncode, "", err))
    for r in results:
        assert r.returncode == 0, r.stderr
    first, second = (_done_by(r) for r in results)
    return first, second


def test_two_stored_runs_at_once_extract_each_document_once_between_them(
        tmp_path: Path, gazetteer_home: Path) -> None:
    # enough documents (several seconds of work) that the second run starts before the first is done
    alone, shared = _stored_db(tmp_path / "alone.db", 1000), _stored_db(tmp_path / "shared.db", 1000)
    assert _cli(gazetteer_home, "--stored", "--db", str(alone), "--workers", "1").returncode == 0
    first, second = _two_runs_at_once(gazetteer_home, str(shared))
    assert first + second == 1000
    assert first > 0 and second > 0, "the two runs did not overlap: one found nothing left to do"
    with open_store(str(shared)) as store:
        assert set(store.extraction_counts().values()) == {1}
        assert store.claims() == []
    assert _stored_events(shared) == _stored_events(alone)


@pytest.mark.postgres
def test_two_stored_runs_at_once_on_postgresql_extract_each_document_once_between_them(
        gazetteer_home: Path) -> None:
    from tests.store.conftest import fresh_pg_url

    url = fresh_pg_url()
    with open_store(url) as store:
        store.add_documents([Document.from_text(d["text"], language=d["lang"], source_id=d["id"])
                             for d in documents(1000)])
    first, second = _two_runs_at_once(gazetteer_home, url)
    assert first + second == 1000
    assert first > 0 and second > 0, "the two runs did not overlap: one found nothing left to do"
    with open_store(url) as store:
        assert set(store.extraction_counts().values()) == {1}
        assert store.claims() == []


def test_a_stored_run_leaves_the_documents_a_live_run_claimed(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    db = _stored_db(tmp_path / "cw.db", 20)
    extractor = Extractor(gazetteer)
    with open_store(str(db)) as store:
        held = [d.id for d in store.claim_documents("other-run", limit=5, lease_seconds=600)]
        report = extract_stored(store, extractor)
        assert report.documents == 15
        counts = store.extraction_counts()
        assert [counts[i] for i in held] == [0] * 5
        assert sum(counts.values()) == 15


def test_a_stored_run_takes_up_the_documents_of_an_expired_claim(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    db = _stored_db(tmp_path / "cw.db", 20)
    extractor = Extractor(gazetteer)
    with open_store(str(db)) as store:
        store.claim_documents("killed-run", limit=5, lease_seconds=0.05)
        time.sleep(0.2)
        assert extract_stored(store, extractor).documents == 20
        assert set(store.extraction_counts().values()) == {1}


def test_no_more_workers_start_than_the_documents_need() -> None:
    assert worker_count(8, 10) == 1
    assert worker_count(8, 40) == 3
    assert worker_count(2, 10_000) == 2
    assert worker_count(4, None) == 4
    with pytest.raises(ExtractError, match="--workers must be 1 or more, not 0"):
        worker_count(0, 10)


def test_several_workers_need_what_to_build_the_extractor_from(gazetteer) -> None:  # type: ignore[no-untyped-def]
    from conflictwatch.extract import Extractor

    docs = [Document.from_text(d["text"], language=d["lang"]) for d in documents(3)]
    with pytest.raises(ExtractError, match="needs an ExtractorSpec"):
        list(extract_parallel(docs, Extractor(gazetteer), workers=2))


def test_the_library_yields_each_document_with_its_events_in_order(gazetteer_home: Path) -> None:
    docs = [Document.from_text(d["text"], language=d["lang"], source_id=d["id"]) for d in documents(24)]
    outcomes = list(extract_parallel(iter(docs), ExtractorSpec(gazetteer_home), workers=2, chunk=3))
    assert [o.document for o in outcomes] == docs
    assert sum(bool(o.events) for o in outcomes) > 8 and not any(o.error for o in outcomes)
