"""Claims on stored documents (schema 9): a run claims a batch no live run holds, saving a
document ends its claim, a claim expires unless renewed; on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conflictwatch.config import database_url
from conflictwatch.store import Store, open_store
from tests.store.conftest import make_doc, make_event

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _docs(store: Store, n: int) -> list[str]:
    docs = [make_doc(f"Report number {i} on a meeting of herders near Tillabéri, filed on a quiet day.")
            for i in range(n)]
    store.add_documents(docs)
    return sorted(d.id for d in docs)


def test_two_runs_claim_different_documents(store: Store) -> None:
    ids = _docs(store, 6)
    first = store.claim_documents("run-a", limit=4, lease_seconds=60)
    second = store.claim_documents("run-b", limit=4, lease_seconds=60)
    assert [d.id for d in first] == ids[:4]
    assert [d.id for d in second] == ids[4:]
    assert store.claim_documents("run-c", limit=4, lease_seconds=60) == []


def test_claims_name_their_run_and_expiry(store: Store) -> None:
    ids = _docs(store, 2)
    store.claim_documents("run-a", limit=1, lease_seconds=60)
    [claim] = store.claims()
    assert (claim.doc_id, claim.owner) == (ids[0], "run-a")
    assert claim.until > time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())


def test_an_expired_claim_lets_another_run_take_the_documents(store: Store) -> None:
    ids = _docs(store, 3)
    store.claim_documents("killed-run", limit=3, lease_seconds=0.05)
    time.sleep(0.2)
    assert [d.id for d in store.claim_documents("next-run", limit=5, lease_seconds=60)] == ids


def test_renewing_keeps_the_claims_past_their_first_expiry(store: Store) -> None:
    _docs(store, 3)
    store.claim_documents("run-a", limit=3, lease_seconds=0.3)
    assert store.renew_claims("run-a", lease_seconds=60) == 3
    time.sleep(0.5)
    assert store.claim_documents("run-b", limit=5, lease_seconds=60) == []


def test_saving_an_extraction_ends_its_claim_and_counts_it(store: Store) -> None:
    ids = _docs(store, 2)
    [doc] = store.claim_documents("run-a", limit=1, lease_seconds=60)
    store.save_extraction(doc.id, [make_event("ev-1", doc)], extractor="rules/9")
    assert store.claims() == []
    assert store.extraction_counts() == {ids[0]: 1, ids[1]: 0}
    store.save_extraction(doc.id, [make_event("ev-1", doc)], extractor="rules/9")
    assert store.extraction_counts()[ids[0]] == 2


def test_an_extracted_document_is_not_claimed_again(store: Store) -> None:
    ids = _docs(store, 2)
    [doc] = store.claim_documents("run-a", limit=1, lease_seconds=60)
    store.save_extraction(doc.id, [], extractor="rules/9")
    assert [d.id for d in store.claim_documents("run-b", limit=5, lease_seconds=60)] == ids[1:]


def test_a_failed_extraction_ends_its_claim_and_its_extractor_skips_it(store: Store) -> None:
    ids = _docs(store, 2)
    [doc] = store.claim_documents("run-a", limit=1, lease_seconds=60)
    store.save_extraction_failure(doc.id, "over the time budget", extractor="rules/9")
    assert store.claims() == []
    again = store.claim_documents("run-b", limit=5, lease_seconds=60, skip_failed_by="rules/9")
    assert [d.id for d in again] == ids[1:]


def test_releasing_ends_the_claims_a_run_left(store: Store) -> None:
    ids = _docs(store, 3)
    store.claim_documents("run-a", limit=3, lease_seconds=60)
    assert store.release_claims("run-a") == 3
    assert [d.id for d in store.claim_documents("run-b", limit=5, lease_seconds=60)] == ids


def test_a_run_goes_on_after_the_last_document_it_claimed(store: Store) -> None:
    ids = _docs(store, 4)
    first = store.claim_documents("run-a", limit=2, lease_seconds=60)
    store.release_claims("run-a")
    rest = store.claim_documents("run-a", limit=5, lease_seconds=60, after=first[-1].id)
    assert [d.id for d in rest] == ids[2:]


def test_extracted_documents_are_claimed_again_only_when_extracted_before_the_given_time(store: Store) -> None:
    ids = _docs(store, 2)
    store.save_extraction(ids[0], [], extractor="rules/9")
    assert store.claim_documents("run-a", limit=5, lease_seconds=60, not_extracted=False,
                                 extracted_before="2000-01-01T00:00:00+00:00")[0].id == ids[1]
    store.release_claims("run-a")
    claimed = store.claim_documents("run-a", limit=5, lease_seconds=60, not_extracted=False,
                                    extracted_before="2999-01-01T00:00:00+00:00")
    assert [d.id for d in claimed] == ids


@pytest.mark.parametrize("backend", BACKENDS)
def test_runs_claiming_at_once_never_claim_one_document_twice(backend: str, tmp_path: Path) -> None:
    from tests.store.conftest import fresh_pg_url

    db = str(tmp_path / "cw.db") if backend == "sqlite" else fresh_pg_url()
    with open_store(db) as store:
        ids = _docs(store, 120)
    claimed: dict[str, list[str]] = {}

    def run(owner: str) -> None:
        mine: list[str] = []
        with open_store(db) as store:
            while docs := store.claim_documents(owner, limit=3, lease_seconds=60):
                mine += [d.id for d in docs]
        claimed[owner] = mine

    threads = [threading.Thread(target=run, args=(f"run-{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    everything = [i for mine in claimed.values() for i in mine]
    assert len(claimed) == 4
    assert sorted(everything) == ids  # each document once, none left


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_version_8_database_gets_the_claim_columns_and_counts_earlier_extractions(
        backend: str, tmp_path: Path) -> None:
    from tests.store.conftest import fresh_pg_url

    db = str(tmp_path / "cw.db") if backend == "sqlite" else fresh_pg_url()
    with open_store(db) as store:
        ids = _docs(store, 2)
        store.save_extraction(ids[0], [], extractor="rules/8")
    engine = create_engine(database_url(db))
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_documents_claimed_by"))
        for column in ("claimed_by", "claimed_until", "extractions"):
            conn.execute(text(f"ALTER TABLE documents DROP COLUMN {column}"))
        conn.execute(text("UPDATE schema_version SET version = 8"))
        conn.execute(text("UPDATE alembic_version SET version_num = '0003'"))
    engine.dispose()
    with open_store(db) as store:
        assert store.extraction_counts() == {ids[0]: 1, ids[1]: 0}
        assert [d.id for d in store.claim_documents("run-a", limit=5, lease_seconds=60)] == ids[1:]
        assert store.revision() == "0004"
