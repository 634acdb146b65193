"""Alembic's entry point: runs the revisions on the connection conflictwatch passes
(``config.attributes["connection"]``, inside its transaction) or on the database named by
``-x db=URL`` / ``$CONFLICTWATCH_DB`` / the data directory's ``conflictwatch.db``."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from conflictwatch.store._schema import metadata


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True,
                      transactional_ddl=True)
    with context.begin_transaction():
        context.run_migrations()


def _online() -> None:
    given = context.config.attributes.get("connection")
    if given is not None:
        _run(given)
        return
    from conflictwatch import config

    db = context.get_x_argument(as_dictionary=True).get("db")
    engine = create_engine(config.database_url(db))
    try:
        with engine.connect() as connection:
            _run(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("conflictwatch's migrations run on a database: drop --sql")
_online()
