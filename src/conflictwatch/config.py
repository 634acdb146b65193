"""Where conflictwatch keeps its data, and which database it uses.

* data directory: ``--data-dir``, else ``$CONFLICTWATCH_HOME``, else the user data directory
  (platformdirs, e.g. ``~/.local/share/conflictwatch``);
* database: ``--db URL``, else ``$CONFLICTWATCH_DB``, else ``sqlite:///<data dir>/conflictwatch.db``.
  A plain file path is taken as a SQLite file; ``postgresql://...`` URLs use PostgreSQL.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from conflictwatch.errors import ConfigError

__all__ = ["DEFAULT_COUNTRIES", "data_dir", "database_url"]

#: Countries `conflictwatch setup` installs: Mali and its neighbours.
DEFAULT_COUNTRIES: tuple[str, ...] = ("ML", "BF", "NE", "MR", "SN", "GN", "CI")


def data_dir(override: str | os.PathLike[str] | None = None, *, create: bool = True) -> Path:
    """The data directory (see module docstring), created when ``create`` is true."""
    raw = override or os.environ.get("CONFLICTWATCH_HOME") or platformdirs.user_data_dir("conflictwatch")
    path = Path(raw).expanduser()
    if create:
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ConfigError(
                f"cannot create the data directory {path}: {exc.strerror}. "
                "Pass --data-dir or set CONFLICTWATCH_HOME to a writable folder."
            ) from exc
    return path


def database_url(override: str | None = None, *, data_directory: str | os.PathLike[str] | None = None) -> str:
    """The SQLAlchemy URL of the database (see module docstring)."""
    raw = override or os.environ.get("CONFLICTWATCH_DB")
    if not raw:
        return f"sqlite:///{data_dir(data_directory) / 'conflictwatch.db'}"
    if "://" in raw:
        if raw.startswith("postgres://"):
            raw = "postgresql://" + raw[len("postgres://"):]
        if raw.startswith("postgresql://"):
            raw = "postgresql+psycopg://" + raw[len("postgresql://"):]
        return raw
    return f"sqlite:///{Path(raw).expanduser().resolve()}"
