"""A run killed with SIGKILL half-way leaves a consistent database, and running it again completes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conflictwatch.config import database_url
from tests.store import _interrupted_worker as worker
from tests.store.conftest import fresh_pg_url

WORKER = Path(worker.__file__)
N = 120


def _run(db: str, *, kill_after: int | None) -> tuple[int, str]:
    """Run the worker (killing it once ``kill_after`` extractions are committed); (status, stderr)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with subprocess.Popen([sys.executable, str(WORKER), db, str(N)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stdout is not None
        if kill_after is not None:
            for _ in range(kill_after):
                if not proc.stdout.readline():
                    break
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=240)
    return proc.returncode, err


def _check_consistent(db: str) -> tuple[int, int]:
    """Integrity, and every extraction all-or-nothing; returns (documents, extracted)."""
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as con:
            if engine.dialect.name == "sqlite":
                assert con.execute(text("PRAGMA integrity_check")).all() == [("ok",)]
                assert con.execute(text("PRAGMA foreign_key_check")).all() == []
            per_doc = dict(con.execute(text(
                "SELECT d.id, count(e.event_id) FROM documents d LEFT JOIN events e ON e.origin_doc = d.id "
                "GROUP BY d.id")).all())
            extracted = set(con.execute(text("SELECT id FROM documents WHERE extracted_at IS NOT NULL")).scalars())
            for doc_id, n in per_doc.items():
                assert n == (worker.EVENTS if doc_id in extracted else 0), doc_id
            orphans = con.execute(text(
                "SELECT count(*) FROM events WHERE origin_doc NOT IN (SELECT id FROM documents)")).scalar()
            assert orphans == 0
            for table, per_event in (("event_sources", worker.SOURCES), ("evidence", worker.EVIDENCE)):
                counts = con.execute(text(
                    f"SELECT e.event_id, count(t.id) FROM events e LEFT JOIN {table} t ON t.event_id = e.event_id "
                    "GROUP BY e.event_id")).all()
                assert {n for _, n in counts} <= {per_event}, table
            total = con.execute(text("SELECT count(*) FROM events")).scalar()
            assert total == len(extracted) * worker.EVENTS
    finally:
        engine.dispose()
    return len(per_doc), len(extracted)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_killed_run_leaves_a_consistent_database_and_a_rerun_completes(backend: str, tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db") if backend == "sqlite" else fresh_pg_url()
    status, err = _run(db, kill_after=25)
    assert status == -signal.SIGKILL, err
    docs, extracted = _check_consistent(db)
    assert 25 <= extracted < N
    assert docs - extracted <= 1

    status, err = _run(db, kill_after=None)
    assert status == 0, err
    assert _check_consistent(db) == (N, N)
