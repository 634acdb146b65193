"""A killed run's claims on stored documents: released at once when its process on this host is
gone, kept (until the lease passes) when it lives or ran elsewhere."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from conflictwatch.extract import Extractor
from conflictwatch.extract.io import extract_stored, release_dead_claims
from conflictwatch.records import Document
from conflictwatch.store import open_store
from tests.extract._corpus import documents

pytestmark = pytest.mark.skipif(os.name != "posix", reason="a process's life is asked with os.kill(pid, 0): POSIX only")

#: a run of this host claims 5 documents for an hour, then is killed (SIGKILL: nothing released)
CLAIM_THEN_DIE = """
import os, signal, sys
from conflictwatch.extract.io import _run_owner
from conflictwatch.store import open_store
store = open_store(sys.argv[1])
store.claim_documents(_run_owner(), limit=5, lease_seconds=3600)
os.kill(os.getpid(), signal.SIGKILL)
"""
#: the same run, alive: it says it holds its claims, then waits to be stopped
CLAIM_THEN_WAIT = CLAIM_THEN_DIE.replace("os.kill(os.getpid(), signal.SIGKILL)", "print('claimed', flush=True)\nsys.stdin.read()")


def _stored_db(path: Path | str, n: int) -> str:
    with open_store(str(path)) as store:
        store.add_documents([Document.from_text(d["text"], language=d["lang"], source_id=d["id"])
                             for d in documents(n)])
    return str(path)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A store of 20 documents: a SQLite file, and (marked postgres) the test server."""
    if request.param == "sqlite":
        return _stored_db(tmp_path / "cw.db", 20)
    from tests.store.conftest import fresh_pg_url

    return _stored_db(fresh_pg_url(), 20)


def _child(script: str, db: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.Popen([sys.executable, "-c", script, db], env=env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def test_a_stored_run_takes_up_at_once_the_documents_a_killed_run_of_this_host_claimed(
        db: str, gazetteer) -> None:  # type: ignore[no-untyped-def]
    child = _child(CLAIM_THEN_DIE, db)
    child.communicate(timeout=120)
    assert child.returncode == -9
    with open_store(db) as store:
        assert [c.owner.split(":")[:2] for c in store.claims()] == [[socket.gethostname(), str(child.pid)]] * 5
        assert extract_stored(store, Extractor(gazetteer)).documents == 20
        assert set(store.extraction_counts().values()) == {1}
        assert store.claims() == []


def test_the_claims_of_a_live_run_of_this_host_are_kept(db: str) -> None:
    child = _child(CLAIM_THEN_WAIT, db)
    try:
        assert child.stdout is not None and child.stdout.readline() == "claimed\n"
        with open_store(db) as store:
            assert release_dead_claims(store) == 0
            assert len(store.claims()) == 5
    finally:
        child.communicate("", timeout=60)


def test_the_claims_of_another_host_or_of_an_owner_named_otherwise_are_kept(tmp_path: Path) -> None:
    db = _stored_db(tmp_path / "cw.db", 20)
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    ended.wait(timeout=60)  # a process id no process has now, here
    elsewhere = f"elsewhere.invalid:{ended.pid}:0a1b2c3d"
    with open_store(db) as store:
        store.claim_documents(elsewhere, limit=3, lease_seconds=3600)
        store.claim_documents("a-run-of-its-own", limit=3, lease_seconds=3600)
        assert release_dead_claims(store) == 0
        assert sorted({c.owner for c in store.claims()}) == ["a-run-of-its-own", elsewhere]
