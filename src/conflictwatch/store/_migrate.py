"""Alembic, run on conflictwatch's own connections: the packaged revisions
(:mod:`conflictwatch.store.migrations`) and what revision a database is at."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

__all__ = ["BASELINE_SCHEMA_VERSION", "HEAD_REVISION", "REVISION_SCHEMAS", "SCRIPT_LOCATION", "alembic_config",
           "current_revision", "head_revision", "revision_for_schema", "run_upgrade", "step_to"]

#: Where the revisions live, in Alembic's ``package:folder`` notation.
SCRIPT_LOCATION = "conflictwatch.store:migrations"
#: The schema version of the first revision, ``0001``: lower versions are releases before Alembic.
BASELINE_SCHEMA_VERSION = 5
#: The newest revision, written in ``alembic_version`` when a database is created (a test checks it is
#: the head of the revision scripts).
HEAD_REVISION = "0004"
#: The schema version each revision leaves (its module's ``SCHEMA_VERSION``), oldest first.
REVISION_SCHEMAS: tuple[tuple[str, int], ...] = (("0001", 5), ("0002", 7), ("0003", 8), ("0004", 9))


def revision_for_schema(version: int) -> str | None:
    """The newest revision a database of schema ``version`` has had run (None: before the
    baseline, a release before Alembic)."""
    done = [rev for rev, schema in REVISION_SCHEMAS if schema <= version]
    return done[-1] if done else None


def alembic_config(connection: Connection | None = None) -> Any:
    """An Alembic ``Config`` for the packaged revisions; with ``connection``, the revisions run
    on it, inside its transaction."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The head of the packaged revision scripts."""
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the packaged migrations have no revision"
    return head


def current_revision(connection: Connection) -> str | None:
    """The revision in the database's ``alembic_version`` (None: not stamped, e.g. made by a
    release before Alembic)."""
    from alembic.migration import MigrationContext

    return MigrationContext.configure(connection).get_current_revision()


def step_to(connection: Connection, version: int) -> None:
    """Bring the schema in ``schema_version`` up to ``version`` with the in-place steps of
    :data:`conflictwatch.store._store.MIGRATIONS`, one version at a time, keeping every row: the
    body of each Alembic revision. A database already at ``version`` or later is left alone."""
    from sqlalchemy import text

    from conflictwatch.store import _store
    from conflictwatch.store._schema import SCHEMA_APP

    found = connection.execute(text("SELECT version FROM schema_version WHERE app = :app"),
                               {"app": SCHEMA_APP}).scalar()
    if found is None:
        raise RuntimeError("the database's schema_version names another program: use another database")
    for step in range(int(found), version):
        _store.MIGRATIONS[step](connection)
        connection.execute(text("UPDATE schema_version SET version = :v WHERE app = :app"),
                           {"v": step + 1, "app": SCHEMA_APP})


def run_upgrade(connection: Connection, revision: str = "head") -> None:
    """Run the revisions up to ``revision`` on ``connection`` (in its transaction)."""
    from alembic import command

    command.upgrade(alembic_config(connection), revision)
