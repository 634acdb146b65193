"""A run killed with SIGKILL half-way leaves a consistent database, and running it again completes."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.store import _interrupted_worker as worker

WORKER = Path(worker.__file__)
N = 400


def _run(db: Path, *, kill_after: int | None) -> tuple[int, str]:
    """Run the worker (killing it once ``kill_after`` extractions are committed); (status, stderr)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    with subprocess.Popen([sys.executable, str(WORKER), str(db), str(N)], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, env=env) as proc:
        assert proc.stdout is not None
        if kill_after is not None:
            for _ in range(kill_after):
                if not proc.stdout.readline():
                    break
            proc.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=240)
    return proc.returncode, err


def _check_consistent(db: Path) -> tuple[int, int]:
    """Integrity, and every extraction all-or-nothing; returns (documents, extracted)."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        per_doc = dict(con.execute(
            "SELECT d.id, count(e.event_id) FROM documents d LEFT JOIN events e ON e.origin_doc = d.id "
            "GROUP BY d.id").fetchall())
        extracted = {row[0] for row in con.execute("SELECT id FROM documents WHERE extracted_at IS NOT NULL")}
        for doc_id, n in per_doc.items():
            assert n == (worker.EVENTS if doc_id in extracted else 0), doc_id
        orphans = con.execute("SELECT count(*) FROM events WHERE origin_doc NOT IN (SELECT id FROM documents)")
        assert orphans.fetchone() == (0,)
        for table, per_event in (("event_sources", worker.SOURCES), ("evidence", worker.EVIDENCE)):
            counts = con.execute(
                f"SELECT e.event_id, count(t.id) FROM events e LEFT JOIN {table} t ON t.event_id = e.event_id "
                "GROUP BY e.event_id").fetchall()
            assert {n for _, n in counts} <= {per_event}, table
        return len(per_doc), len(extracted)
    finally:
        con.close()


def test_a_killed_run_leaves_a_consistent_database_and_a_rerun_completes(tmp_path: Path) -> None:
    db = tmp_path / "cw.db"
    status, err = _run(db, kill_after=25)
    assert status == -signal.SIGKILL, err
    docs, extracted = _check_consistent(db)
    assert 25 <= extracted < N
    assert docs - extracted <= 1

    status, err = _run(db, kill_after=None)
    assert status == 0, err
    assert _check_consistent(db) == (N, N)
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM events").fetchone() == (N * worker.EVENTS,)
    con.close()
