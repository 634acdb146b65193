"""Opening a database of the previous schema (version 1: no ``events.extractor``) migrates it in
place: events intact, ``extractor`` filled from the document that produced each event."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from conflictwatch.config import database_url
from conflictwatch.errors import SchemaOutOfDate
from conflictwatch.records import Event, MergeLink
from conflictwatch.store import _store, open_store
from conflictwatch.store._schema import SCHEMA_VERSION
from tests.store.conftest import fresh_pg_url, make_doc, make_event

RULES_3, RULES_4, RULES_5 = "conflictwatch-rules/3", "conflictwatch-rules/4", "conflictwatch-rules/5"


def _db(backend: str, tmp_path: Path) -> str:
    return str(tmp_path / "cw.db") if backend == "sqlite" else fresh_pg_url()


def _sql(db: str, *statements: str) -> list[list[tuple[object, ...]]]:
    """Run raw SQL on the database, outside conflictwatch (rows of each statement that returns any)."""
    engine = create_engine(database_url(db))
    out = []
    try:
        with engine.begin() as con:
            for stmt in statements:
                result = con.execute(text(stmt))
                out.append([tuple(r) for r in result.all()] if result.returns_rows else [])
    finally:
        engine.dispose()
    return out


def _columns(db: str, table: str) -> list[str]:
    engine = create_engine(database_url(db))
    try:
        return [c["name"] for c in inspect(engine).get_columns(table)]
    finally:
        engine.dispose()


def _version_1_database(db: str) -> list[Event]:
    """A database as conflictwatch with schema version 1 left it, and its events (unmerged view).

    Built with the store's own writes, then taken back to version 1: the column dropped and the
    old version number written. Holds: documents extracted by rules/4 (a, b) and rules/5 (c,
    re-extracted after rules/3, with a reviewed event kept from the rules/3 run), an imported
    event, a merged event of a and b (members agree) and one of c and the import (they do not).
    """
    a, b, c = make_doc("report a"), make_doc("report b"), make_doc("report c")
    with open_store(db) as store:
        store.add_documents([a, b, c])
        store.save_extraction(a.id, [make_event("ev-a1", a)], extractor=RULES_4)
        store.save_extraction(b.id, [make_event("ev-b1", b)], extractor=RULES_4)
        store.save_extraction(c.id, [make_event("ev-c1", c), make_event("ev-c2", c)], extractor=RULES_3)
        store.set_status("ev-c2", "reviewed")
        store.save_extraction(c.id, [make_event("ev-c1", c), make_event("ev-c2", c)], extractor=RULES_5)
        store.add_events([make_event("ev-imp", country="Burkina Faso")])
        store.save_clusters([
            (make_event("cl-ab"), [MergeLink("cl-ab", "ev-a1", "same day"), MergeLink("cl-ab", "ev-b1", "same day")]),
            (make_event("cl-ci"), [MergeLink("cl-ci", "ev-c1", "same day"), MergeLink("cl-ci", "ev-imp", "same day")]),
        ])
        events = store.query_events(merged_view=False)
    _sql(db,
         # the reviewed event was written by the rules/3 extraction, before rules/5's
         "UPDATE events SET created = '2020-01-01T00:00:00+00:00' WHERE event_id = 'ev-c2'",
         "ALTER TABLE events DROP COLUMN extractor",
         "UPDATE schema_version SET version = 1",
         "DROP TABLE alembic_version")  # releases before Alembic had none
    assert "extractor" not in _columns(db, "events")
    return sorted(events, key=lambda e: e.event_id)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_version_1_database_is_migrated_on_open_with_events_intact(backend: str, tmp_path: Path) -> None:
    db = _db(backend, tmp_path)
    before = _version_1_database(db)
    assert _sql(db, "SELECT version FROM schema_version")[0] == [(1,)]
    with open_store(db) as store:
        after = sorted(store.query_events(merged_view=False), key=lambda e: e.event_id)
        stats = store.stats()
    assert _sql(db, "SELECT app, version FROM schema_version")[0] == [("conflictwatch", SCHEMA_VERSION)]
    assert "extractor" in _columns(db, "events")
    assert [e.replace(extractor="") for e in after] == [e.replace(extractor="") for e in before]
    assert {e.event_id: e.extractor for e in after} == {
        "ev-a1": RULES_4, "ev-b1": RULES_4,
        "ev-c1": RULES_5,
        "ev-c2": "",  # kept from the rules/3 extraction: which extractor made it is not known
        "ev-imp": "",  # imported
        "cl-ab": RULES_4,  # merged: its members agree
        "cl-ci": "",  # merged: its members do not
    }
    assert stats["events"] == len(before) and stats["clusters"] == 2 and stats["documents_extracted"] == 3
    # opening again changes nothing
    with open_store(db) as store:
        assert sorted(store.query_events(merged_view=False), key=lambda e: e.event_id) == after


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_migrated_database_takes_new_extractions_with_their_extractor(backend: str, tmp_path: Path) -> None:
    db = _db(backend, tmp_path)
    _version_1_database(db)
    d = make_doc("report d")
    with open_store(db) as store:
        store.add_documents([d])
        store.save_extraction(d.id, [make_event("ev-d1", d)], extractor="conflictwatch-rules/0.1.0+data.x+geo.y")
        assert store.event("ev-d1").extractor == "conflictwatch-rules/0.1.0+data.x+geo.y"
        store.add_events([make_event("ev-imp2", extractor="conflictwatch-rules/0.1.0+data.z+geo.y")])
        assert store.event("ev-imp2").extractor == "conflictwatch-rules/0.1.0+data.z+geo.y"


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_migration_that_fails_half_way_leaves_version_1_and_the_next_open_completes_it(
        backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = _db(backend, tmp_path)
    before = _version_1_database(db)
    real = _store.MIGRATIONS[1]

    def broken(conn):  # type: ignore[no-untyped-def]
        real(conn)  # the column is added and filled...
        raise RuntimeError("killed half-way")  # ...and the run dies before committing

    monkeypatch.setitem(_store.MIGRATIONS, 1, broken)
    with pytest.raises(RuntimeError, match="killed half-way"):
        open_store(db)
    assert _sql(db, "SELECT version FROM schema_version")[0] == [(1,)]
    assert "extractor" not in _columns(db, "events")
    monkeypatch.setitem(_store.MIGRATIONS, 1, real)
    with open_store(db) as store:
        assert store.event("ev-a1").extractor == RULES_4
        assert len(store.query_events(merged_view=False)) == len(before)


def test_a_version_without_a_migration_is_refused_with_what_to_do(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    _version_1_database(db)
    _sql(db, "UPDATE schema_version SET version = 0")
    with pytest.raises(SchemaOutOfDate, match=r"schema version 0, older than any conflictwatch release \(the first "
                                              r"wrote version 1\), so it cannot be upgraded\. Pass another --db; "
                                              r"to carry its events over, export them as ACLED CSV .*"
                                              r"`conflictwatch import-acled FILE\.csv`"):
        open_store(db)
    assert _sql(db, "SELECT version FROM schema_version")[0] == [(0,)]


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_a_version_2_database_gets_the_desk_tables_and_keeps_its_reviews(backend: str, tmp_path: Path) -> None:
    db = _db(backend, tmp_path)
    before = _version_1_database(db)
    with open_store(db):
        pass  # now at the current version, with the extractor column
    _sql(db, "DROP TABLE changes", "DROP TABLE conflicts", "DROP TABLE tokens",
         "UPDATE schema_version SET version = 2")
    with open_store(db) as store:
        assert _sql(db, "SELECT version FROM schema_version")[0] == [(SCHEMA_VERSION,)]
        assert store.event("ev-c2").status == "reviewed"
        assert len(store.query_events(merged_view=False)) == len(before)
        assert store.history() == [] and store.conflicts() == [] and store.tokens() == []
        store.correct("ev-c2", {"fatalities": 1}, analyst="amina")
        assert [c.field for c in store.history("ev-c2")] == ["fatalities"]
