"""Three writers on one PostgreSQL database at once, as a team runs it: the monitor polling a
local feed that grows, ``serve`` taking analysts' reviews, and a batch ``extract --stored
--workers 2``. After a bounded run: every document, feed entry, event, source, evidence row and
review is there exactly once (0 lost, 0 duplicated), and the database is consistent."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from conflictwatch.config import database_url
from conflictwatch.extract import Extractor
from conflictwatch.extract.io import extract_stored
from conflictwatch.records import Document
from conflictwatch.store import MonitorState, open_store
from tests._localweb import LocalWeb, local_web, rss
from tests.extract._corpus import documents
from tests.store.conftest import fresh_pg_url

pytestmark = pytest.mark.postgres

ROOT = Path(__file__).resolve().parents[2]
SEEDED, BATCH, FEED = 24, 96, 30  # reviewed-by-analysts documents, batch documents, feed entries
LIMIT = 240.0  # seconds the whole run may take


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.pathsep.join(sys.path)}


def _cw(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "conflictwatch", *args], env=_env(), text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _docs(records: list[dict[str, str]]) -> list[Document]:
    return [Document.from_text(d["text"], language=d["lang"], source_id=d["id"]) for d in records]


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with local_web() as server:
        yield server


def _grow_feed(web: LocalWeb, entries: list[dict[str, str]], stop: threading.Event) -> None:
    """Publish the entries a few at a time, newest first, as a wire does."""
    for n in range(5, len(entries) + 5, 5):
        web.routes["/feed"] = rss("Test Wire", list(reversed(entries[:n])))
        if stop.wait(1.0):
            return


def _review(base: str, token: str, event_ids: list[str], done: list[tuple[str, str, float]],
            errors: list[str]) -> None:
    """Each event reviewed, taken back to automatic, then reviewed again: three recorded changes."""
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=30) as client:
        for status in ("reviewed", "automatic", "reviewed"):
            for eid in event_ids:
                r = client.post(f"/api/events/{eid}/review", json={"status": status})
                if r.status_code == 200:
                    done.append((eid, status, time.monotonic()))
                else:
                    errors.append(f"{eid} {status}: {r.status_code} {r.text}")


def _wait(what: str, ready, procs: list[subprocess.Popen[str]], deadline: float) -> None:  # type: ignore[no-untyped-def]
    while not ready():
        for p in procs:
            if p.poll() is not None and p.returncode != 0:
                raise AssertionError(f"a writer failed while waiting for {what}: {p.communicate()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {LIMIT} s")
        time.sleep(0.2)


def test_monitor_serve_and_a_batch_write_at_once_and_nothing_is_lost_or_doubled(
        tmp_path: Path, web: LocalWeb, gazetteer_home: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    db = fresh_pg_url()
    corpus = documents(SEEDED + BATCH + FEED)
    seeded, batch = _docs(corpus[:SEEDED]), _docs(corpus[SEEDED:SEEDED + BATCH])
    feed_records = corpus[SEEDED + BATCH:]
    entries = [{"title": f"Report {d['id']}", "link": web.url(f"a/{d['id']}"), "guid": f"urn:wire:{d['id']}",
                "description": d["text"], "pubDate": "Wed, 18 Nov 2026 09:00:00 GMT"} for d in feed_records]
    extractor = Extractor(gazetteer)
    with open_store(db) as store:
        store.add_documents(seeded)
        extract_stored(store, extractor)
        store.add_documents(batch)
        token = store.create_token("amina")
        to_review = sorted(e.event_id for e in store.query_events(merged_view=False))
    assert len(to_review) >= 10
    config = tmp_path / "sources.toml"
    config.write_text(f"""
[monitor]
allow_hosts = ["127.0.0.1"]
retries = 0
host_interval = 0
timeout = 30
every = "1s"

[[source]]
name = "wire"
url = "{web.url('feed')}"
follow_links = false
""", encoding="utf-8")
    web.routes["/feed"] = rss("Test Wire", [])
    port = _port()
    deadline = time.monotonic() + LIMIT
    stop = threading.Event()
    serve = _cw("serve", "--port", str(port), "--db", db, "--data-dir", str(gazetteer_home))
    monitor = _cw("monitor", str(config), "--db", db, "--data-dir", str(gazetteer_home))
    procs = [serve, monitor]
    reviewed: list[tuple[str, str, float]] = []
    review_errors: list[str] = []
    try:
        def serving() -> bool:
            try:
                return httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=2).status_code == 200
            except httpx.TransportError:
                return False

        _wait("answer from serve", serving, procs, deadline)
        feeder = threading.Thread(target=_grow_feed, args=(web, entries, stop), daemon=True)
        feeder.start()
        batch_run = _cw("extract", "--stored", "--workers", "2", "--db", db, "--data-dir", str(gazetteer_home))
        procs.append(batch_run)
        reviewer = threading.Thread(target=_review, args=(f"http://127.0.0.1:{port}", token, to_review, reviewed,
                                                          review_errors), daemon=True)
        reviewer.start()

        def everything_in() -> bool:
            with open_store(db) as s:
                stats = s.stats()
                items = len(MonitorState(s).all_items())
            return (items == FEED and stats["documents_extracted"] == SEEDED + BATCH + FEED
                    and batch_run.poll() is not None and not reviewer.is_alive())

        _wait("complete run", everything_in, procs, deadline)
        _batch_out, batch_err = batch_run.communicate(timeout=30)
        batch_seen_done = time.monotonic()
        assert batch_run.returncode == 0, batch_err
    finally:
        stop.set()
        for p, stop_signal in ((monitor, signal.SIGTERM), (serve, signal.SIGINT)):
            if p.poll() is None:
                p.send_signal(stop_signal)
        outputs = [p.communicate(timeout=60) for p in (monitor, serve)]
    assert monitor.returncode == 0, outputs[0]
    assert serve.returncode == 0, outputs[1]
    assert review_errors == []
    assert len(reviewed) == 3 * len(to_review)
    assert min(t for _, _, t in reviewed) < batch_seen_done  # the writers overlapped

    feed_docs = _docs(feed_records)
    every_doc = {d.id: d for d in seeded + batch + feed_docs}
    with open_store(db) as store:
        as_stored = {d.id: d for d in store.documents()}  # with what the feed said: dates, titles, links
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as con:
            def rows(sql: str) -> list[tuple[object, ...]]:
                return [tuple(r) for r in con.execute(text(sql)).all()]

            # documents: each once, each extracted
            assert sorted(r[0] for r in rows("SELECT id FROM documents")) == sorted(every_doc)
            assert rows("SELECT count(*) FROM documents WHERE extracted_at IS NULL") == [(0,)]
            # feed entries: each once, each the document of its text
            items = rows("SELECT entry_key, status, doc_id FROM monitor_items")
            assert sorted(k for k, _, _ in items) == sorted(e["guid"] for e in entries)
            assert {s for _, s, _ in items} == {"stored"}
            assert sorted(d for _, _, d in items) == sorted(d.id for d in feed_docs)
            # events: per document exactly what one extractor finds, with their sources and evidence once
            stored = rows("SELECT event_id, origin_doc FROM events WHERE origin_doc <> ''")
            expected = {e.event_id: (doc_id, len(e.sources), len(e.evidence))
                        for doc_id, d in as_stored.items() for e in extractor.extract(d)}
            assert sorted(stored) == sorted((eid, v[0]) for eid, v in expected.items())
            sources = dict(rows("SELECT event_id, count(*) FROM event_sources GROUP BY event_id"))
            evidence = dict(rows("SELECT event_id, count(*) FROM evidence GROUP BY event_id"))
            for eid, (_, n_sources, n_evidence) in expected.items():
                assert (sources.get(eid, 0), evidence.get(eid, 0)) == (n_sources, n_evidence), eid
            # reviews: every accepted one recorded once, the last one standing
            changes = rows("SELECT event_id, after FROM changes WHERE kind = 'status'")
            assert sorted(changes) == sorted((eid, f'"{status}"') for eid, status, _ in reviewed)
            assert {s for (s,) in rows("SELECT status FROM events WHERE event_id IN ("
                                       + ",".join(f"'{e}'" for e in to_review) + ")")} == {"reviewed"}
            # consistency: no row points at a missing one
            for sql in ("SELECT count(*) FROM event_sources WHERE event_id NOT IN (SELECT event_id FROM events)",
                        "SELECT count(*) FROM evidence WHERE event_id NOT IN (SELECT event_id FROM events)",
                        ("SELECT count(*) FROM merge_links WHERE event_id NOT IN (SELECT event_id FROM events) "
                        "OR cluster_id NOT IN (SELECT event_id FROM events)"),
                        ("SELECT count(*) FROM events WHERE origin_doc <> '' AND origin_doc NOT IN "
                        "(SELECT id FROM documents)")):
                assert rows(sql) == [(0,)], sql
    finally:
        engine.dispose()
