"""The gazetteer's index file: one SQLite database that :class:`~conflictwatch.geo.Gazetteer` opens
lazily, so that loading costs milliseconds and each look-up reads only the rows it needs.

``<data dir>/gazetteer/gazetteer.sqlite3`` holds what the in-memory index of earlier versions
(a pickle) held, with the lists look-ups would otherwise build on first use:

- ``rows``: one row per place, ``idx`` its position (the order of the index build), with its
  1-degree cell (``cell_lat``, ``cell_lon``: the floors of its coordinates) for "what lies near"
  and its name keys (``keys``, one a line);
- ``keys``: each folded name key once, ``key_no`` its position in the build's order, with the
  positions of the rows it names (``ids``, in order, space-separated);
- ``compact``: the spaced keys each key without spaces stands for ("inates" → "in ates");
- ``lists``: lists of keys (one a line) read as one: those naming a place of each country (``kind``
  "country") and of each admin-1 area, by its folded name and by its code ("admin1");
- ``meta``: the layout version (:data:`INDEX_FORMAT`), the countries, the admin names, the rows
  per country and the content :func:`fingerprint`, computed when the file is written.

Every list keeps the order of the build, so that look-ups return the same records in the same
order as the in-memory index did. The file is written beside the old one and renamed over it; it
is opened read-only and immutable (an install replaces the file, never changes it in place).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import tempfile
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from conflictwatch.text import fold_key as fold

__all__ = ["CONTENT_FORMAT", "INDEX_FORMAT", "IndexFile", "admin1_key_lists", "fingerprint", "read_index",
           "write_index"]

#: The layout of the index file; another value (or an older pickle index) is rebuilt on load.
INDEX_FORMAT = 6
#: What the rows and name keys hold (bumped when the install keeps or names places otherwise):
#: part of the fingerprint, so that the same content in another file layout keeps its extractor id.
CONTENT_FORMAT = 3

# A row as the index holds it (see conflictwatch.geo._install.Row).
Row = tuple[int, str, str, float, float, str, str, str, str, str, str, str, int]

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE rows (idx INTEGER PRIMARY KEY, geonameid INTEGER NOT NULL, name TEXT NOT NULL,
                   asciiname TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, fclass TEXT NOT NULL,
                   fcode TEXT NOT NULL, cc TEXT NOT NULL, a1code TEXT NOT NULL, a1 TEXT NOT NULL,
                   a2code TEXT NOT NULL, a2 TEXT NOT NULL, pop INTEGER NOT NULL,
                   cell_lat INTEGER NOT NULL, cell_lon INTEGER NOT NULL, keys TEXT NOT NULL);
CREATE TABLE keys (key_no INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE, ids TEXT NOT NULL);
CREATE TABLE compact (ckey TEXT PRIMARY KEY, keys TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE lists (kind TEXT NOT NULL, cc TEXT NOT NULL, area TEXT NOT NULL, keys TEXT NOT NULL,
                    PRIMARY KEY (kind, cc, area)) WITHOUT ROWID;
"""
_INDEXES = """
CREATE INDEX rows_geonameid ON rows (geonameid);
CREATE INDEX rows_feature ON rows (cc, fcode);
CREATE INDEX rows_cell ON rows (cell_lat, cell_lon, lat, lon);
"""
_ROW_COLUMNS = "idx, geonameid, name, asciiname, lat, lon, fclass, fcode, cc, a1code, a1, a2code, a2, pop"
_BATCH = 500  # ids per "IN (...)" query, under SQLite's limit on bound parameters


def fingerprint(index: dict[str, Any]) -> str:
    """SHA-256 (hex) of an index's content: content format, countries, rows, name keys, admin names."""
    h = hashlib.sha256()
    for part in (str(CONTENT_FORMAT), ",".join(index["countries"]), repr(index["rows"]),
                 repr(sorted(index["names"].items())),
                 json.dumps(index["admin_names"], sort_keys=True, ensure_ascii=False)):
        h.update(hashlib.sha256(part.encode("utf-8")).digest())
    return h.hexdigest()


def admin1_key_lists(index: dict[str, Any], cc: str) -> dict[str, list[str]]:
    """The name keys of ``cc`` by the folded name and the code of each admin-1 area they have a
    place in, in the country's key order (what a filter by admin-1 keeps, for every area)."""
    rows, names = index["rows"], index["names"]
    out: dict[str, list[str]] = {}
    folded: dict[str, str] = {}
    for k in index["country_keys"].get(cc, ()):
        areas: dict[str, None] = {}
        for i in names[k]:
            r = rows[i]
            if r[7] != cc:
                continue
            a1 = folded.get(r[9])
            if a1 is None:
                a1 = folded[r[9]] = fold(r[9])
            areas[a1] = None
            areas[r[8].casefold()] = None
        for a1 in areas:
            out.setdefault(a1, []).append(k)
    return out


def _fill(conn: sqlite3.Connection, index: dict[str, Any]) -> None:
    """Write the tables of ``index`` (the dict :func:`conflictwatch.geo._install._build_index`
    returns) into an empty database."""
    conn.executescript(_SCHEMA)
    rows: list[Row] = index["rows"]
    names: dict[str, Sequence[int]] = index["names"]
    per_country: dict[str, int] = {}
    for r in rows:
        per_country[r[7]] = per_country.get(r[7], 0) + 1
    meta = {"format": INDEX_FORMAT, "content_format": CONTENT_FORMAT, "countries": list(index["countries"]),
            "admin_names": index["admin_names"], "rows": dict(sorted(per_country.items())),
            "n_rows": len(rows), "fingerprint": fingerprint(index)}
    conn.executemany("INSERT INTO meta VALUES (?, ?)", ((k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()))
    row_keys: list[list[str]] = [[] for _ in rows]
    for key, ids in names.items():
        for i in ids:
            row_keys[i].append(key)
    conn.executemany(f"INSERT INTO rows ({_ROW_COLUMNS}, cell_lat, cell_lon, keys) VALUES ({', '.join('?' * 17)})",
                     ((i, *r, math.floor(r[3]), math.floor(r[4]), _dump(row_keys[i])) for i, r in enumerate(rows)))
    conn.executemany("INSERT INTO keys VALUES (?, ?, ?)",
                     ((n, k, " ".join(map(str, ids))) for n, (k, ids) in enumerate(names.items())))
    conn.executemany("INSERT INTO compact VALUES (?, ?)", ((c, _dump(ks)) for c, ks in index["compact"].items()))
    conn.executemany("INSERT INTO lists VALUES ('country', ?, '', ?)",
                     ((cc, _dump(ks)) for cc, ks in index["country_keys"].items()))
    for cc in index["countries"]:
        conn.executemany("INSERT INTO lists VALUES ('admin1', ?, ?, ?)",
                         ((cc, area, _dump(ks)) for area, ks in admin1_key_lists(index, cc).items()))
    conn.executescript(_INDEXES)
    conn.commit()


def _dump(keys: Iterable[str]) -> str:
    """Keys as one text, a line each (a folded key holds no line break: punctuation and white
    space fold to one space); :func:`_keys` reads it back."""
    text = "\n".join(keys)
    if "\n\n" in text or text.startswith("\n") or text.endswith("\n"):
        raise ValueError("an empty name key cannot be written to the gazetteer index")
    return text


def _keys(text: str) -> list[str]:
    return text.split("\n") if text else []


def write_index(path: Path, index: dict[str, Any]) -> None:
    """Write ``index`` as the SQLite index file ``path``: built beside it, then renamed over it, so
    that a reader never sees half a file and an interrupted build leaves the old one."""
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        os.chmod(tmp, 0o644)
        conn = sqlite3.connect(tmp)
        try:
            conn.execute("PRAGMA journal_mode = OFF")
            conn.execute("PRAGMA synchronous = OFF")
            _fill(conn, index)
            conn.execute("VACUUM")
        finally:
            conn.close()
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def memory_index(index: dict[str, Any]) -> sqlite3.Connection:
    """An in-memory SQLite index of ``index`` (a gazetteer built in memory, in tests)."""
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(conn, index)
    return conn


class IndexFile:
    """Read access to one index database, by the queries the gazetteer needs.

    The connection is opened on first use (and again in a forked child process); queries run under
    a lock, so that one gazetteer may serve several threads.
    """

    def __init__(self, path: Path | None = None, *, conn: sqlite3.Connection | None = None) -> None:
        self.path = path
        self._conn = conn
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._meta: dict[str, Any] | None = None

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None or (self.path is not None and self._pid != os.getpid()):
            assert self.path is not None
            self._conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                         check_same_thread=False)
            self._pid = os.getpid()
        return self._conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            return self._connection().execute(sql, params).fetchall()

    def meta(self) -> dict[str, Any]:
        """The ``meta`` table, values decoded (read once)."""
        if self._meta is None:
            self._meta = {k: json.loads(v) for k, v in self.query("SELECT key, value FROM meta")}
        return self._meta

    # ---- rows ------------------------------------------------------------------------------

    def rows(self, ids: Iterable[int]) -> dict[int, Row]:
        """The rows at these positions."""
        wanted = list(ids)
        out: dict[int, Row] = {}
        for start in range(0, len(wanted), _BATCH):
            part = wanted[start:start + _BATCH]
            for r in self.query(f"SELECT {_ROW_COLUMNS} FROM rows WHERE idx IN ({','.join('?' * len(part))})", part):
                out[r[0]] = r[1:]
        return out

    def all_rows(self) -> list[Row]:
        """Every row, in index order (seconds for a large gazetteer: benchmarks and tests)."""
        return [r[1:] for r in self.query(f"SELECT {_ROW_COLUMNS} FROM rows ORDER BY idx")]

    def ids_where(self, sql: str, params: Sequence[Any]) -> list[int]:
        """Positions of the rows matching a WHERE clause over the ``rows`` table, in index order."""
        return [i for (i,) in self.query(f"SELECT idx FROM rows WHERE {sql} ORDER BY idx", params)]

    def cell_rows(self, cell_lat: int, cell_lon: int) -> list[tuple[int, float, float, str]]:
        """(position, latitude, longitude, name keys as stored: :meth:`split_keys`) of the rows of
        one one-degree cell, by position."""
        return [(r[0], r[1], r[2], r[3]) for r in self.query("SELECT idx, lat, lon, keys FROM rows WHERE cell_lat = ? AND cell_lon = ? "
                                             "ORDER BY idx", (cell_lat, cell_lon))]

    # ---- name keys ---------------------------------------------------------------------------

    @staticmethod
    def split_keys(text: str) -> list[str]:
        """The keys of a ``keys`` column."""
        return _keys(text)

    def key_ids(self, keys: Sequence[str]) -> dict[str, tuple[int, ...]]:
        """The row positions each of these keys names (keys naming nothing left out)."""
        out: dict[str, tuple[int, ...]] = {}
        for start in range(0, len(keys), _BATCH):
            part = list(keys[start:start + _BATCH])
            for key, ids in self.query(f"SELECT key, ids FROM keys WHERE key IN ({','.join('?' * len(part))})", part):
                out[key] = tuple(int(i) for i in ids.split())
        return out

    def all_keys(self) -> list[str]:
        """Every name key, in index order."""
        return [k for (k,) in self.query("SELECT key FROM keys ORDER BY key_no")]

    def all_names(self) -> dict[str, tuple[int, ...]]:
        """Every name key with its rows, in index order."""
        return {k: tuple(int(i) for i in ids.split())
                for k, ids in self.query("SELECT key, ids FROM keys ORDER BY key_no")}

    def compact_keys(self, ckey: str) -> tuple[str, ...]:
        """The spaced keys that read ``ckey`` without their spaces."""
        found = self.query("SELECT keys FROM compact WHERE ckey = ?", (ckey,))
        return tuple(_keys(found[0][0])) if found else ()

    def row_keys(self, ids: Sequence[int]) -> dict[int, list[str]]:
        """The name keys of each of these rows, in index order."""
        out: dict[int, list[str]] = {}
        for start in range(0, len(ids), _BATCH):
            part = list(ids[start:start + _BATCH])
            for idx, keys in self.query(f"SELECT idx, keys FROM rows WHERE idx IN ({','.join('?' * len(part))})", part):
                out[idx] = _keys(keys)
        return out

    def key_list(self, kind: str, cc: str, area: str = "") -> list[str]:
        """A list of keys: ``kind`` "country", those naming a place of ``cc``; "admin1", those
        naming a place of ``cc`` in the admin-1 area ``area`` (folded name or code); in index order."""
        found = self.query("SELECT keys FROM lists WHERE kind = ? AND cc = ? AND area = ?", (kind, cc, area))
        return _keys(found[0][0]) if found else []


def read_index(index: IndexFile) -> dict[str, Any]:
    """The whole index as the dict it was written from (seconds: tests and benchmarks)."""
    meta = index.meta()
    names = index.all_names()
    compacts = {c: tuple(_keys(ks)) for c, ks in index.query("SELECT ckey, keys FROM compact")}
    country_keys = {cc: tuple(index.key_list("country", cc)) for cc in meta["countries"]}
    return {"format": meta["content_format"], "rows": index.all_rows(), "names": names, "compact": compacts,
            "country_keys": {cc: ks for cc, ks in country_keys.items() if ks},
            "admin_names": meta["admin_names"], "countries": tuple(meta["countries"])}
