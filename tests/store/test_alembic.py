"""Alembic migrations, packaged: ``alembic upgrade head`` and ``conflictwatch db upgrade`` on a
database made by the previous release keep every row; the revisions build the schema the code
declares."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from conflictwatch.config import database_url
from conflictwatch.records import MergeLink
from conflictwatch.store import migrations, open_store
from conflictwatch.store._migrate import HEAD_REVISION, head_revision
from conflictwatch.store._schema import SCHEMA_VERSION, TABLE_NAMES, metadata
from tests.store.conftest import fresh_pg_url, make_doc, make_event

ALEMBIC_INI = Path(migrations.__file__).parent / "alembic.ini"
ALEMBIC = Path(sys.executable).parent / "alembic"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


def _db(backend: str, tmp_path: Path) -> str:
    return str(tmp_path / "cw.db") if backend == "sqlite" else fresh_pg_url()


def _sql(db: str, *statements: str) -> list[list[tuple[object, ...]]]:
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


def _counts(db: str) -> dict[str, int]:
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as con:
            names = set(inspect(con).get_table_names())
            return {t: int(con.execute(text(f"SELECT count(*) FROM {t}")).scalar() or 0)
                    for t in TABLE_NAMES if t in names}
    finally:
        engine.dispose()


def _previous_release_database(db: str, version: int) -> dict[str, int]:
    """A database as the release before Alembic left it at schema ``version`` (5: conflictwatch
    0.1; 1 and 2: earlier ones), with rows in every table it had; returns its row counts."""
    a, b = make_doc("report about Boni"), make_doc("report about Djibo")
    with open_store(db) as store:
        store.add_documents([a, b])
        store.save_extraction(a.id, [make_event("ev-a1", a), make_event("ev-a2", a)], extractor="rules/1")
        store.save_extraction(b.id, [make_event("ev-b1", b)], extractor="rules/1")
        store.add_events([make_event("ev-imp", country="Niger")])
        store.save_clusters([(make_event("cl-1"), [MergeLink("cl-1", "ev-a1", "same day"),
                                                   MergeLink("cl-1", "ev-b1", "same day")])])
        store.set_status("ev-a2", "reviewed")
        store.correct("ev-a2", {"fatalities": 4}, analyst="amina")
        store.create_token("amina")
    statements = ["DROP TABLE alembic_version"]
    statements += ["DROP INDEX ix_documents_claimed_by"]
    statements += [f"ALTER TABLE documents DROP COLUMN {c}" for c in ("claimed_by", "claimed_until", "extractions")]
    if version < 5:
        statements += [f"DROP TABLE {t}" for t in ("monitor_sources", "monitor_items", "monitor_fingerprints",
                                                    "monitor_deliveries")]
        statements += [f"DROP INDEX {i}" for i in ("ix_events_admin1_date", "ix_events_country_date",
                                                   "ix_events_view", "ix_events_review")]
    if version < 3:
        statements += ["DROP TABLE changes", "DROP TABLE conflicts", "DROP TABLE tokens"]
    if version < 2:
        statements += ["ALTER TABLE events DROP COLUMN extractor"]
    _sql(db, *statements, f"UPDATE schema_version SET version = {version}")
    counts = _counts(db)
    assert counts["events"] == 5 and counts["evidence"] == 3 and counts["merge_links"] == 2
    return counts


def _alembic(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)}
    return subprocess.run([str(ALEMBIC), "-c", str(ALEMBIC_INI), "-x", f"db={db}", *args], check=False,
                          capture_output=True, text=True, env=env, timeout=120)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("version", [5, 2, 1])
def test_alembic_upgrade_head_on_a_previous_release_database_keeps_every_row(
        backend: str, version: int, tmp_path: Path) -> None:
    db = _db(backend, tmp_path)
    before = _previous_release_database(db, version)
    result = _alembic(db, "upgrade", "head")
    assert result.returncode == 0, result.stderr
    after = _counts(db)
    assert {t: n for t, n in after.items() if t in before} == before
    assert set(after) == set(TABLE_NAMES)
    assert _sql(db, "SELECT app, version FROM schema_version", "SELECT version_num FROM alembic_version") == [
        [("conflictwatch", SCHEMA_VERSION)], [(HEAD_REVISION,)]]
    assert _alembic(db, "current").stdout.split() == [HEAD_REVISION, "(head)"]
    with open_store(db) as store:
        assert store.event("ev-a2").fatalities == 4 and store.event("ev-a2").status == "reviewed"
        assert [(c.kind, c.field) for c in store.history("ev-a2")] == (
            [("status", ""), ("edit", "fatalities")] if version >= 3 else [])


@pytest.mark.parametrize("backend", BACKENDS)
def test_db_upgrade_stamps_a_previous_release_database_and_says_so(backend: str, tmp_path: Path, runner) -> None:  # type: ignore[no-untyped-def]
    from conflictwatch.cli import app

    db = _db(backend, tmp_path)
    before = _previous_release_database(db, 5)
    # any command opening the store brings the previous release's schema (5, unstamped) to the head
    result = runner.invoke(app, ["db", "current", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"revision {HEAD_REVISION}, schema version {SCHEMA_VERSION}, up to date" in result.output
    assert {t: n for t, n in _counts(db).items() if t in before} == before
    result = runner.invoke(app, ["db", "upgrade", "--db", db])
    assert result.exit_code == 0, result.output
    assert f"already at revision {HEAD_REVISION} (schema version {SCHEMA_VERSION})" in result.output
    assert {t: n for t, n in _counts(db).items() if t in before} == before


@pytest.mark.filterwarnings("ignore:.*expression-based index:UserWarning")  # compared by name below
@pytest.mark.filterwarnings("ignore:.*expression-based index")
@pytest.mark.parametrize("backend", BACKENDS)
def test_the_revisions_build_the_schema_the_code_declares(backend: str, tmp_path: Path) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    db = _db(backend, tmp_path)
    result = _alembic(db, "upgrade", "head")  # an empty database: the baseline creates the tables
    assert result.returncode == 0, result.stderr
    engine = create_engine(database_url(db))
    try:
        with engine.connect() as con:
            assert compare_metadata(MigrationContext.configure(con), metadata) == []
            if con.dialect.name == "sqlite":
                listed = "SELECT tbl_name, name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
            else:
                listed = ("SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public' "
                          "AND indexname NOT LIKE '%pkey' AND indexname NOT LIKE '%_key'")
            created: dict[str, set[str]] = {t: set() for t in TABLE_NAMES}
            for table, name in con.execute(text(listed)).all():
                created.setdefault(table, set()).add(name)
            created.pop("alembic_version", None)
    finally:
        engine.dispose()
    declared = {t.name: {i.name for i in t.indexes} for t in metadata.sorted_tables}
    assert created == declared  # expression indexes included
    with open_store(db) as store:  # conflictwatch takes it as its own
        assert store.revision() == HEAD_REVISION and store.stats()["events"] == 0


def test_a_new_database_is_stamped_with_the_head_revision(tmp_path: Path) -> None:
    assert HEAD_REVISION == head_revision()
    with open_store(str(tmp_path / "cw.db")) as store:
        assert store.revision() == HEAD_REVISION
    assert _alembic(str(tmp_path / "cw.db"), "current").stdout.split() == [HEAD_REVISION, "(head)"]
