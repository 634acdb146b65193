"""``conflictwatch db upgrade`` and ``db current``: the database's schema (Alembic revisions)."""

from __future__ import annotations

import typer

from conflictwatch.cli._options import DataDirOption, DbOption

__all__ = ["register"]

db_app = typer.Typer(help="The database's schema: Alembic migrations for SQLite and PostgreSQL.\n\n"
                     "Example: conflictwatch db upgrade --db postgresql://cw@db.example.org/conflictwatch",
                     no_args_is_help=True)


@db_app.command("upgrade")
def db_upgrade_command(db: DbOption = None, data_dir: DataDirOption = None) -> None:
    """Bring the database to this conflictwatch's schema, keeping every row.

    Runs the Alembic revisions the database lacks, in one transaction (an interrupted upgrade
    leaves the database as it was). A database made by an earlier release, before Alembic, is
    upgraded in place and stamped. The same as `alembic upgrade head` with the packaged
    alembic.ini (conflictwatch/store/migrations/).

    Example: conflictwatch db upgrade --db old.db
    """
    from rich.console import Console

    from conflictwatch.store import open_store
    from conflictwatch.store._schema import SCHEMA_VERSION

    with open_store(db, data_dir=data_dir) as store:
        before, after = store.upgrade()
        where = store.safe_url
    said = "already at" if before == after else f"upgraded from {before or 'an unstamped schema'} to"
    Console(highlight=False, soft_wrap=True).print(
        f"{where}: {said} revision {after} (schema version {SCHEMA_VERSION})")


@db_app.command("current")
def db_current_command(db: DbOption = None, data_dir: DataDirOption = None) -> None:
    """Print the database's revision and schema version (upgrading an older one, as any command does).

    Example: conflictwatch db current
    """
    from rich.console import Console

    from conflictwatch.store import open_store
    from conflictwatch.store._migrate import head_revision
    from conflictwatch.store._schema import SCHEMA_VERSION

    with open_store(db, data_dir=data_dir) as store:
        rev = store.revision()
        where = store.safe_url
    head = head_revision()
    state = "up to date" if rev == head else f"not stamped: run `conflictwatch db upgrade` (head is {head})" \
        if rev is None else f"behind the head {head}: run `conflictwatch db upgrade`"
    Console(highlight=False, soft_wrap=True).print(
        f"{where}: revision {rev or 'none'}, schema version {SCHEMA_VERSION}, {state}")


def register(app: typer.Typer) -> None:
    """Add ``db`` to the CLI."""
    app.add_typer(db_app, name="db")
