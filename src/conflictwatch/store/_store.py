"""The :class:`Store`: documents, events, merges and offensives in SQLite or PostgreSQL.

Every public method runs in one transaction: a run killed half-way leaves the database as it was
before the method started, and running it again completes the work. SQLAlchemy errors are
translated into :class:`~conflictwatch.errors.StoreError` naming the database (password hidden)
and saying what to do next.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, NamedTuple, Self, cast, get_args

from sqlalchemy import (
    Connection,
    Engine,
    and_,
    bindparam,
    create_engine,
    delete,
    event,
    exists,
    func,
    inspect,
    or_,
    select,
    update,
)
from sqlalchemy import text as sql_text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import (
    ArgumentError,
    IntegrityError,
    NoSuchModuleError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.schema import CreateColumn, CreateIndex
from sqlalchemy.sql.elements import UnaryExpression
from sqlalchemy.sql.operators import custom_op

from conflictwatch import config
from conflictwatch.errors import NotFound, SchemaOutOfDate, StoreError
from conflictwatch.records import (
    Document,
    Event,
    EventSource,
    EventStatus,
    Evidence,
    MergeLink,
    Offensive,
    WeekCount,
)
from conflictwatch.store import _schema as S
from conflictwatch.store._corrections import (
    CODED_FIELDS,
    Change,
    Conflict,
    Token,
    check_edits,
    dumps,
    field_value,
    hash_token,
    same_value,
)
from conflictwatch.store._countries import country_names
from conflictwatch.store._migrate import (
    HEAD_REVISION,
    current_revision,
    revision_for_schema,
    run_upgrade,
)

__all__ = ["SORTS", "STATUSES", "AddResult", "DatabaseError", "ImportReport", "Store", "open_store"]

#: The statuses an event can have.
STATUSES: tuple[str, ...] = get_args(EventStatus)

#: Fields :meth:`Store.weekly_counts` groups by (the ``event_weeks`` summary's columns).
COUNT_FIELDS: tuple[str, ...] = ("country", "admin1", "event_type", "sub_event_type", "status")
_CHUNK = 400  # ids per IN (...) clause: well under SQLite's parameter limit

# Event fields stored as plain columns (everything except the nested records and doc_ids).
_EVENT_COLUMNS = tuple(
    c.name for c in S.events.columns if c.name not in ("doc_ids", "origin_doc", "created", "updated")
)


#: Fields an import applies to its match (the coded ones and the descriptive ACLED columns).
_IMPORTED_FIELDS = (*CODED_FIELDS, "civilian_targeting", "notes", "tags", "source", "source_scale")


@dataclass(slots=True)
class ImportReport:
    """What :meth:`Store.import_reviewed` did: events added, matched to stored ones, matched events
    updated, and conflicts recorded against analysts' decisions."""

    added: int = 0
    matched: int = 0
    updated: int = 0
    conflicts: int = 0


def _analyst(name: str) -> str:
    who = (name or "").strip()
    if not who or len(who) > 128 or any(ch in who for ch in "\n\r\t"):
        raise StoreError(f"a change needs the analyst's name (1-128 characters on one line), got {name!r}: "
                         "pass --analyst NAME or set CONFLICTWATCH_ANALYST.")
    return who


def _change(r: Any) -> Change:
    return Change(id=r["id"], event_id=r["event_id"], kind=r["kind"], field=r["field"],
                  before=json.loads(r["before"]), after=json.loads(r["after"]), analyst=r["analyst"],
                  origin=r["origin"], reason=r["reason"], created=datetime.fromisoformat(r["created"]))


def _conflict_record(r: Any) -> Conflict:
    return Conflict(id=r["id"], event_id=r["event_id"], field=r["field"], kept=json.loads(r["kept"]),
                    proposed=json.loads(r["proposed"]), source=r["source"], detail=r["detail"],
                    created=datetime.fromisoformat(r["created"]), resolution=r["resolution"],
                    resolved_by=r["resolved_by"])


#: The orders :meth:`Store.query_events` can sort by: a column (``-`` first for descending) or
#: ``review``, the review queue's (lowest confidence first, then most fatalities, newest).
SORTS: tuple[str, ...] = ("event_date", "-event_date", "fatalities", "-fatalities", "confidence", "-confidence",
                          "location", "-location", "admin1", "-admin1", "event_type", "-event_type", "actor1",
                          "-actor1", "status", "-status", "review")


def _order(sort: str | None, table: Any = None) -> list[Any]:
    """The ORDER BY of ``sort`` over ``table``'s columns (default: the events table)."""
    ev = (S.events if table is None else table).c
    if sort is None or sort == "event_date":
        return [ev.event_date, ev.event_id]
    if sort == "review":
        return [ev.confidence, ev.fatalities.desc(), ev.event_date.desc(), ev.event_id]
    if sort not in SORTS:
        raise StoreError(f"cannot sort by {sort!r}: use one of {', '.join(SORTS)}.")
    column = ev[sort.lstrip("-")]
    if sort.startswith("-"):
        return [column.desc(), ev.event_id.desc()]
    return [column, ev.event_id]


#: The event columns :meth:`Store.event_page` can list (``year`` too).
_PAGE_COLUMNS = tuple(c.name for c in S.events.columns if c.name not in ("origin_doc", "created", "updated"))
#: How many totals :meth:`Store.count_events` keeps per connection (see ``_count_known``).
_KNOWN_TOTALS = 1000
#: From how many matching events a review-queue page on SQLite is read along the review index.
_REVIEW_INDEX_FROM = 2000
#: The LIMIT of a listing without a limit (:meth:`Store.iter_event_rows`).
_NO_LIMIT = 2**62


def _unindexed(column: Any) -> Any:
    """``+column``: the same value, which SQLite's planner does not match to an index."""
    return UnaryExpression(column, operator=custom_op("+"), type_=column.type)


def _page_value(field: str) -> Callable[[Any], Any]:
    """How :meth:`Event.to_dict` writes a stored column's value of ``field``."""
    if field == "event_date":
        return lambda v: v.isoformat()
    if field == "year":
        return lambda v: v.year
    if field == "fatalities_unknown":
        return bool
    if field == "doc_ids":
        return json.loads
    return _same


def _page_shape(filters: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The filters of :meth:`Store.query_events` (no actor) as a shape (which are given, how many
    country names, and the constant parts) and the values of the parameters :func:`_shaped` uses."""
    values: dict[str, Any] = {}
    lo, hi = _as_date(filters.get("since"), "--since"), _as_date(filters.get("until"), "--until")
    if lo is not None:
        values["cw_since"] = lo
    if hi is not None:
        values["cw_until"] = hi
    if filters.get("country"):
        values["cw_countries"] = sorted(country_names(filters["country"]))
    if filters.get("admin1"):
        values["cw_admin1"] = filters["admin1"].strip().lower()
    if filters.get("event_type"):
        values["cw_type"] = filters["event_type"].strip().lower()
    status = filters.get("status")
    if status is not None:
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}.")
        values["cw_status"] = status
    shape = {"cw_shape": tuple(sorted(values)), "merged_view": filters.get("merged_view", True),
             "_unindexed_place": filters.get("_unindexed_place", False)}
    return shape, values


def _shaped(query: Any, shape: dict[str, Any]) -> Any:
    """``query`` with the filters of a :func:`_page_shape` shape, as parameters: the same terms
    :meth:`Store._filtered` writes (``test_event_page`` holds the two to the same rows)."""
    ev = S.events.c
    given = set(shape["cw_shape"])
    country, admin1 = (_unindexed(ev.country), _unindexed(ev.admin1)) if shape["_unindexed_place"] else \
        (ev.country, ev.admin1)
    if "cw_since" in given:
        query = query.where(ev.event_date >= bindparam("cw_since", type_=ev.event_date.type))
    if "cw_until" in given:
        query = query.where(ev.event_date <= bindparam("cw_until", type_=ev.event_date.type))
    if "cw_countries" in given:
        query = query.where(func.lower(country).in_(bindparam("cw_countries", expanding=True)))
    if "cw_admin1" in given:
        query = query.where(func.lower(admin1) == bindparam("cw_admin1"))
    if "cw_type" in given:
        t: Any = bindparam("cw_type")
        query = query.where(or_(func.lower(ev.event_type) == t, func.lower(ev.sub_event_type) == t))
    query = query.where(ev.status == bindparam("cw_status") if "cw_status" in given else ev.status != "rejected")
    if shape["merged_view"]:
        query = query.where(ev.cluster_id == "")
    return query


def _same(value: Any) -> Any:
    return value


def _page_dicts(fields: Sequence[str], wanted: Sequence[str], result: Iterable[Any]) -> Iterator[dict[str, Any]]:
    """The rows of :meth:`Store._page_statement` as :meth:`Store.event_page` gives them: ``fields``
    as :meth:`Event.to_dict` writes them, then ``sources`` and ``evidence`` (counts)."""
    index = {c: i for i, c in enumerate(wanted)}
    spots = [index["event_date" if f == "year" else f] for f in fields]
    convert = [(i, _page_value(f)) for i, f in enumerate(fields) if _page_value(f) is not _same]
    names = [*fields, "sources", "evidence"]
    for r in result:
        cells = [r[i] for i in spots]
        for i, fn in convert:
            cells[i] = fn(cells[i])
        cells.append(r[-2])
        cells.append(r[-1])
        yield dict(zip(names, cells))


def _week_split(lo: date | None, hi: date | None) -> tuple[date | None, date | None, bool,
                                                            list[tuple[date | None, date | None]]]:
    """Dates ``lo..hi`` as the ACLED weeks they hold whole (``first``/``last`` week starts, None
    when open; ``whole`` False when they hold none) and the ``edges``: the days around them."""
    first = None if lo is None else _week_start(lo + timedelta(days=6))
    last = None if hi is None else _week_start(hi + timedelta(days=1)) - timedelta(days=7)
    edges: list[tuple[date | None, date | None]] = []
    if first is not None and last is not None and first > last:
        return first, last, False, [(lo, hi)]
    if lo is not None and first is not None and lo < first:
        edges.append((lo, first - timedelta(days=1)))
    if hi is not None and last is not None and hi > last + timedelta(days=6):
        edges.append((last + timedelta(days=7), hi))
    return first, last, True, edges


class DatabaseError(StoreError):
    """The database itself failed (cannot be reached, locked, damaged, a constraint broken): not a
    problem with the values asked for. The message names the database (password hidden)."""


@dataclass(frozen=True, slots=True)
class ExtractionFailure:
    """A stored document the extractor failed on (see :meth:`Store.save_extraction_failure`)."""

    doc_id: str
    extractor: str
    message: str
    failed_at: str
    attempts: int


@dataclass(frozen=True, slots=True)
class Claim:
    """A run's claim on a stored document it is extracting (see :meth:`Store.claim_documents`):
    the run's id and when the claim expires (ISO 8601 UTC) unless renewed."""

    doc_id: str
    owner: str
    until: str


class AddResult(NamedTuple):
    """What :meth:`Store.add_documents` did: documents newly stored, and ones already there."""

    added: int
    existing: int


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _stamp(moment: datetime) -> str:
    """A claim's time: ISO 8601 UTC with microseconds, so that text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _as_date(value: date | str | None, what: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise StoreError(f"{what} {value!r} is not a date: write it as YYYY-MM-DD, e.g. 2019-12-30.") from exc


def open_store(db: str | os.PathLike[str] | None = None, *, data_dir: Path | None = None) -> Store:
    """Open (creating on first use) the database ``db`` names, or the default one.

    ``db`` is a SQLite file path, a ``sqlite:///`` URL or a ``postgresql://`` URL; without it,
    ``$CONFLICTWATCH_DB`` or ``conflictwatch.db`` in the data directory (see :mod:`conflictwatch.config`).
    """
    url = config.database_url(None if db is None else os.fspath(db), data_directory=data_dir)
    return Store(url)


@dataclass(frozen=True, slots=True)
class _Loaded:
    sources: dict[str, list[EventSource]]
    evidence: dict[str, list[Evidence]]


class Store:
    """A conflictwatch database. Use :func:`open_store` to get one; close it (or use ``with``)."""

    def __init__(self, url: str) -> None:
        self.url = url
        try:
            parsed = make_url(url)
        except ArgumentError as exc:
            raise StoreError(
                f"{url!r} is not a database URL: pass a SQLite file path or a postgresql://user@host/db URL."
            ) from exc
        self.safe_url = parsed.render_as_string(hide_password=True)
        self.dialect = parsed.get_backend_name()
        self._page_statements: dict[Any, Any] = {}  # event_page's statements by shape
        if self.dialect == "sqlite" and parsed.database and parsed.database != ":memory:":
            parent = Path(parsed.database).parent
            if not parent.is_dir():
                raise StoreError(
                    f"cannot open the database {self.safe_url}: the folder {parent} does not exist. "
                    "Create it, or pass another --db."
                )
        try:
            self.engine: Engine = create_engine(url, pool_pre_ping=self.dialect != "sqlite")
        except (ArgumentError, NoSuchModuleError, ImportError) as exc:
            raise StoreError(
                f"cannot use the database {self.safe_url}: {exc}. Use a SQLite file path or a "
                "postgresql:// URL (PostgreSQL needs the 'postgres' extra: pip install 'conflictwatch[postgres]')."
            ) from exc
        if self.dialect == "sqlite":
            _configure_sqlite(self.engine)
        try:
            self._ensure_schema()
        except BaseException:
            self.engine.dispose()
            raise

    # -- plumbing ---------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.safe_url!r})"

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    @contextmanager
    def _tx(self, what: str, *, write: bool = False) -> Iterator[Connection]:
        """One transaction; SQLAlchemy errors become :class:`StoreError` saying what failed."""
        try:
            with self.engine.connect() as conn:
                conn = conn.execution_options(cw_write=write)
                with conn.begin():
                    yield conn
        except StoreError:
            raise
        except SQLAlchemyError as exc:
            raise self._error(what, exc) from exc

    def _error(self, what: str, exc: SQLAlchemyError) -> DatabaseError:
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        if isinstance(exc, IntegrityError):
            hint = ("the data refers to rows that are not stored (save events before linking them) "
                    "or breaks a constraint; nothing was written")
        elif self.dialect == "sqlite" and "not a database" in detail:
            hint = "the file is not a SQLite database (or is damaged); pass another --db"
        elif isinstance(exc, OperationalError):
            if self.dialect == "sqlite":
                hint = ("check that the file is a writable SQLite database and that no other process "
                        "holds a long write lock, then run the command again")
            else:
                hint = ("check that the PostgreSQL server is running and reachable, and that the URL's "
                        "user, password and database are right, then run the command again")
        else:
            hint = "nothing was written; run the command again, and report a bug if it keeps failing"
        return DatabaseError(f"{what} failed on the database {self.safe_url}: {detail}. Next: {hint}.")

    def _insert(self, table: Any) -> Any:
        # the dialect's own INSERT (ON CONFLICT), imported here: reading a SQLite store needs no PostgreSQL
        if self.dialect == "postgresql":
            from sqlalchemy.dialects import postgresql

            return postgresql.insert(table)
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(table)

    def _ensure_schema(self) -> None:
        """Create the schema in an empty database, migrate an older one in place, refuse others.

        All of it in one write transaction: a migration interrupted half-way leaves the database at
        its old version, and opening it again runs the migration again.
        """
        with self._tx("opening the database", write=True) as conn:
            names = set(inspect(conn).get_table_names())
            if S.schema_version.name not in names:
                if names:
                    raise SchemaOutOfDate(
                        f"the database {self.safe_url} holds tables that are not conflictwatch's "
                        f"({', '.join(sorted(names)[:5])}) and no schema_version table. "
                        "Pass another --db (a new file or an empty PostgreSQL database)."
                    )
                S.metadata.create_all(conn)
                _create_summary_triggers(conn)
                conn.execute(S.schema_version.insert().values(
                    app=S.SCHEMA_APP, version=S.SCHEMA_VERSION, created=_now()))
                conn.exec_driver_sql("CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                                     "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))")
                conn.exec_driver_sql(f"INSERT INTO alembic_version (version_num) VALUES ('{HEAD_REVISION}')")
                return
            rows = conn.execute(select(S.schema_version.c.app, S.schema_version.c.version)).all()
            versions = {app: version for app, version in rows}
            found = versions.get(S.SCHEMA_APP)
            if found is None:
                raise SchemaOutOfDate(
                    f"the database {self.safe_url} belongs to another program "
                    f"({', '.join(sorted(versions)) or 'no schema row'}). Pass another --db."
                )
            if found > S.SCHEMA_VERSION:
                raise SchemaOutOfDate(
                    f"the database {self.safe_url} has schema version {found}, made by a newer conflictwatch "
                    f"(this one reads version {S.SCHEMA_VERSION}). Upgrade conflictwatch "
                    "(pip install -U conflictwatch), or pass another --db."
                )
            if found < S.SCHEMA_VERSION:
                if found < min(MIGRATIONS):
                    raise SchemaOutOfDate(
                        f"the database {self.safe_url} has schema version {found}, older than any "
                        f"conflictwatch release (the first wrote version {min(MIGRATIONS)}), so it cannot be "
                        "upgraded. Pass another --db; to carry its events over, export them as ACLED CSV "
                        "with the program that made it and load them into a new database with "
                        "`conflictwatch import-acled FILE.csv` (evidence and sources are not carried)."
                    )
                if "alembic_version" in names:
                    # the schema version is what the tables are: a stamp saying more is wrong (a
                    # version before the baseline's is a pre-Alembic schema whatever a stamp says)
                    stamp = revision_for_schema(found)
                    conn.exec_driver_sql("DELETE FROM alembic_version")
                    if stamp is not None:
                        conn.execute(sql_text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": stamp})
                run_upgrade(conn)  # the Alembic revisions (the baseline runs the steps of earlier releases)

    def upgrade(self) -> tuple[str | None, str]:
        """Run the Alembic revisions this database lacks (``conflictwatch db upgrade``) and return
        its revision before and after. Opening the store already brings an older schema up to
        date; this also stamps a database made before conflictwatch used Alembic (no
        ``alembic_version``), so that ``alembic current`` and later revisions know where it is."""
        with self._tx("upgrading the database", write=True) as conn:
            before = current_revision(conn)
            run_upgrade(conn)
            after = current_revision(conn) or ""
        return before, after

    def revision(self) -> str | None:
        """The database's Alembic revision (None when not stamped: made before Alembic)."""
        with self._tx("reading the schema revision") as conn:
            return current_revision(conn)

    # -- documents --------------------------------------------------------------------------

    def add_documents(self, docs: Iterable[Document]) -> AddResult:
        """Store documents not stored yet (ids are content-derived: the same report is stored once)."""
        unique: dict[str, Document] = {}
        seen = 0
        for doc in docs:
            seen += 1
            unique.setdefault(doc.id, doc)
        added = 0
        with self._tx("storing documents", write=True) as conn:
            ids = list(unique)
            present: set[str] = set()
            for part in _chunks(ids):
                present.update(conn.scalars(select(S.documents.c.id).where(S.documents.c.id.in_(part))))
            rows = [_document_row(d) for i, d in unique.items() if i not in present]
            for part in _chunks(rows, 200):
                conn.execute(S.documents.insert(), list(part))
            added = len(rows)
        return AddResult(added=added, existing=seen - added)

    def documents(self, *, ids: Iterable[str] | None = None, not_extracted: bool = False,
                  skip_failed_by: str | None = None) -> Iterator[Document]:
        """Stored documents in id order (those given by ``ids``; only unextracted ones if asked;
        none whose last extraction by the extractor ``skip_failed_by`` failed, if given).

        Documents are read a page at a time, so callers may save extractions while iterating.
        """
        failed = (None if skip_failed_by is None else select(S.extraction_failures.c.doc_id)
                  .where(S.extraction_failures.c.extractor == skip_failed_by))
        wanted = sorted(set(ids)) if ids is not None else None
        if wanted is not None:
            for part in _chunks(wanted):
                query = select(S.documents).where(S.documents.c.id.in_(part)).order_by(S.documents.c.id)
                if not_extracted:
                    query = query.where(S.documents.c.extracted_at.is_(None))
                if failed is not None:
                    query = query.where(S.documents.c.id.not_in(failed))
                with self._tx("reading documents") as conn:
                    rows = conn.execute(query).mappings().all()
                yield from (_document(r) for r in rows)
            return
        after = ""
        while True:
            query = (select(S.documents).where(S.documents.c.id > after)
                     .order_by(S.documents.c.id).limit(_CHUNK))
            if not_extracted:
                query = query.where(S.documents.c.extracted_at.is_(None))
            if failed is not None:
                query = query.where(S.documents.c.id.not_in(failed))
            with self._tx("reading documents") as conn:
                rows = conn.execute(query).mappings().all()
            if not rows:
                return
            yield from (_document(r) for r in rows)
            after = rows[-1]["id"]

    def claim_documents(self, owner: str, *, limit: int, lease_seconds: float, after: str = "",
                        not_extracted: bool = True, extracted_before: str | None = None,
                        skip_failed_by: str | None = None) -> list[Document]:
        """Claim for the run ``owner`` up to ``limit`` stored documents (in id order, ids above
        ``after``) that no live run holds, and return them: until the claim expires, in
        ``lease_seconds`` unless :meth:`renew_claims` moves it on, no other run's claim takes
        them. :meth:`save_extraction` and :meth:`save_extraction_failure` end the claim; a run
        killed half-way leaves claims that expire, and its documents are available again.

        The documents: unextracted ones (``not_extracted``), or with ``not_extracted=False`` those
        not extracted since ``extracted_before`` (an ISO timestamp; None: all of them); none whose
        last extraction by ``skip_failed_by`` failed, if given. The claim is one write
        transaction: on SQLite the write lock serialises concurrent runs, on PostgreSQL the
        candidate rows are locked with ``FOR UPDATE SKIP LOCKED``, so two runs never claim one
        document.
        """
        d = S.documents
        start = datetime.now(UTC)
        now = _stamp(start)
        until = _stamp(start + timedelta(seconds=lease_seconds))
        query = (select(d).where(d.c.id > after, or_(d.c.claimed_until.is_(None), d.c.claimed_until < now))
                 .order_by(d.c.id).limit(limit))
        if not_extracted:
            query = query.where(d.c.extracted_at.is_(None))
        elif extracted_before is not None:
            query = query.where(or_(d.c.extracted_at.is_(None), d.c.extracted_at < extracted_before))
        if skip_failed_by is not None:
            query = query.where(d.c.id.not_in(select(S.extraction_failures.c.doc_id)
                                              .where(S.extraction_failures.c.extractor == skip_failed_by)))
        if self.dialect == "postgresql":
            query = query.with_for_update(skip_locked=True, of=d)
        with self._tx(f"claiming documents to extract for {owner}", write=True) as conn:
            rows = conn.execute(query).mappings().all()
            ids = [r["id"] for r in rows]
            for part in _chunks(ids):
                conn.execute(update(d).where(d.c.id.in_(part)).values(claimed_by=owner, claimed_until=until))
        return [_document(r) for r in rows]

    def renew_claims(self, owner: str, *, lease_seconds: float) -> int:
        """Move the expiry of the claims ``owner`` holds to ``lease_seconds`` from now (a run
        calls it while it works); returns how many it holds."""
        d = S.documents
        until = _stamp(datetime.now(UTC) + timedelta(seconds=lease_seconds))
        with self._tx(f"renewing the extraction claims of {owner}", write=True) as conn:
            return int(conn.execute(update(d).where(d.c.claimed_by == owner)
                                    .values(claimed_until=until)).rowcount)

    def release_claims(self, owner: str) -> int:
        """End the claims ``owner`` still holds (documents it claimed but did not save: a run
        stopped early); returns how many."""
        d = S.documents
        with self._tx(f"releasing the extraction claims of {owner}", write=True) as conn:
            return int(conn.execute(update(d).where(d.c.claimed_by == owner)
                                    .values(claimed_by=None, claimed_until=None)).rowcount)

    def claims(self) -> list[Claim]:
        """The claims stored (live or expired, not yet ended), in document id order."""
        d = S.documents
        with self._tx("reading the extraction claims") as conn:
            rows = conn.execute(select(d.c.id, d.c.claimed_by, d.c.claimed_until)
                                .where(d.c.claimed_by.is_not(None)).order_by(d.c.id)).all()
        return [Claim(doc_id=r[0], owner=r[1], until=r[2] or "") for r in rows]

    def extraction_counts(self) -> dict[str, int]:
        """How many extractions of each stored document were saved (0: never), by id."""
        d = S.documents
        with self._tx("reading the extraction counts") as conn:
            return {r[0]: int(r[1]) for r in conn.execute(select(d.c.id, d.c.extractions))}

    def document(self, doc_id: str) -> Document:
        """One stored document; :class:`NotFound` when there is none with that id."""
        with self._tx("reading a document") as conn:
            row = conn.execute(select(S.documents).where(S.documents.c.id == doc_id)).mappings().first()
        if row is None:
            raise NotFound(f"no document {doc_id!r} in {self.safe_url}: ingest it first (conflictwatch ingest).")
        return _document(row)

    def save_extraction_failure(self, doc_id: str, message: str, *, extractor: str) -> None:
        """Record that the extractor ``extractor`` (its id) failed on ``doc_id`` with ``message``:
        :meth:`documents` with ``skip_failed_by=extractor`` leaves it out from then on, until a
        successful :meth:`save_extraction` of it."""
        now = _now()
        t = S.extraction_failures
        with self._tx(f"recording the failed extraction of {doc_id}", write=True) as conn:
            attempts = conn.scalar(select(t.c.attempts).where(t.c.doc_id == doc_id))
            conn.execute(update(S.documents).where(S.documents.c.id == doc_id)
                         .values(claimed_by=None, claimed_until=None))
            if attempts is None:
                conn.execute(t.insert().values(doc_id=doc_id, extractor=extractor, message=message,
                                               failed_at=now, attempts=1))
            else:
                conn.execute(update(t).where(t.c.doc_id == doc_id).values(
                    extractor=extractor, message=message, failed_at=now, attempts=attempts + 1))

    def extraction_failures(self, *, extractor: str | None = None) -> list[ExtractionFailure]:
        """The documents whose last extraction failed (by ``extractor`` only, if given), in id order."""
        t = S.extraction_failures
        query = select(t).order_by(t.c.doc_id)
        if extractor is not None:
            query = query.where(t.c.extractor == extractor)
        with self._tx("reading the failed extractions") as conn:
            rows = conn.execute(query).mappings().all()
        return [ExtractionFailure(doc_id=r["doc_id"], extractor=r["extractor"], message=r["message"],
                                  failed_at=r["failed_at"], attempts=r["attempts"]) for r in rows]

    # -- events -----------------------------------------------------------------------------

    def save_extraction(self, doc_id: str, events: Sequence[Event], *, extractor: str) -> None:
        """Replace the automatic events extracted from ``doc_id`` by ``events``, and mark it extracted
        (ending its claim, if a run held one, and counting the extraction).

        ``extractor`` (the extractor id, e.g. ``Extractor.extractor_id``) is recorded with the
        document and with each event that does not name its own (``Event.extractor``). Events an
        analyst decided on (reviewed or rejected) are kept as they are: where the new extraction
        codes a kept reviewed event differently, or no longer finds it, a :class:`Conflict` (source
        ``extract``) is recorded for review instead. All of it happens in one transaction.
        """
        now = _now()
        events = [e if e.extractor else e.replace(extractor=extractor) for e in events]
        with self._tx(f"saving the extraction of {doc_id}", write=True) as conn:
            found = conn.execute(
                update(S.documents).where(S.documents.c.id == doc_id)
                .values(extracted_at=now, extractor=extractor, claimed_by=None, claimed_until=None,
                        extractions=S.documents.c.extractions + 1)
            ).rowcount
            if not found:
                raise StoreError(
                    f"cannot save events for document {doc_id!r}: it is not in {self.safe_url}. "
                    "Store the document first (Store.add_documents / conflictwatch ingest)."
                )
            conn.execute(S.extraction_failures.delete().where(S.extraction_failures.c.doc_id == doc_id))
            old = list(conn.scalars(select(S.events.c.event_id).where(
                S.events.c.origin_doc == doc_id, S.events.c.status == "automatic")))
            self._delete_events(conn, old)
            ids = [e.event_id for e in events]
            kept: dict[str, Event] = {}
            for part in _chunks(ids):
                rows = conn.execute(select(S.events).where(
                    S.events.c.event_id.in_(part), S.events.c.status != "automatic")).mappings().all()
                kept.update((r["event_id"], _event(r, _Loaded({}, {}))) for r in rows)
            for e in events:
                held = kept.get(e.event_id)
                if held is not None and held.status == "reviewed":
                    for name in CODED_FIELDS:
                        mine, theirs = field_value(held, name), field_value(e, name)
                        if not same_value(name, mine, theirs):
                            self._conflict(conn, held.event_id, name, mine, theirs, "extract",
                                           f"re-extracting {doc_id} codes {name} otherwise", now)
            gone = conn.scalars(select(S.events.c.event_id).where(
                S.events.c.origin_doc == doc_id, S.events.c.status == "reviewed",
                S.events.c.event_id.not_in(ids) if ids else S.events.c.event_id.is_not(None)))
            for eid in list(gone):
                self._conflict(conn, eid, "", "kept", "absent", "extract",
                               f"re-extracting {doc_id} no longer finds this reviewed event", now)
            self._upsert_events(conn, [e for e in events if e.event_id not in kept], origin_doc=doc_id, now=now)

    def add_events(self, events: Iterable[Event]) -> int:
        """Insert or update events by ``event_id`` (imports); returns how many were written.

        An event's stored ``cluster_id`` and ``offensive_id`` survive an update that leaves them empty.
        """
        batch = list({e.event_id: e for e in events}.values())
        with self._tx("storing events", write=True) as conn:
            self._upsert_events(conn, batch, origin_doc="", now=_now())
        return len(batch)

    def query_events(
        self,
        *,
        since: date | str | None = None,
        until: date | str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        actor: str | None = None,
        status: str | None = None,
        merged_view: bool = True,
        limit: int | None = None,
        offset: int = 0,
        sort: str | None = None,
        children: bool = True,
    ) -> list[Event]:
        """Events matching every filter given, ordered by date then id, with sources and evidence.

        ``country``: name or ISO-2 code; ``event_type``: type or sub-event type; ``actor``: a substring
        of actor1, actor2 or the associated actors (all case-insensitive). ``status``: only events with
        that status; without it rejected events are hidden. ``merged_view``: events merged into a
        cluster are hidden (their cluster event "cl-..." stands for them). ``sort``: one of
        :data:`SORTS` (default oldest first); ``offset``/``limit``: a page of the sorted events;
        ``children``: load sources and evidence (False leaves them empty, for lists and counts).
        """
        query = self._filtered(select(S.events), since=since, until=until, country=country, admin1=admin1,
                               event_type=event_type, actor=actor, status=status, merged_view=merged_view)
        query = query.order_by(*_order(sort))
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self._tx("querying events") as conn:
            rows = conn.execute(query).mappings().all()
            loaded = self._load_children(conn, [r["event_id"] for r in rows]) if children else _Loaded({}, {})
        return [_event(r, loaded) for r in rows]

    def weekly_counts(
        self,
        *,
        by: Sequence[str] = ("country", "admin1"),
        since: date | str | None = None,
        until: date | str | None = None,
        country: str | None = None,
        admin1: str | None = None,
        event_type: str | None = None,
        status: str | None = None,
        merged_view: bool = True,
    ) -> list[WeekCount]:
        """Events and fatalities per ACLED week (Saturday to Friday) and group (the values of the
        fields ``by``, a subset of :data:`COUNT_FIELDS`), for the events :meth:`query_events` with
        the same filters returns, sorted by week then group; weeks without events are left out.

        The weeks ``since`` and ``until`` hold whole come from the ``event_weeks`` summary the
        database keeps (a million events are a few thousand rows); the days of a week cut by
        ``since`` or ``until`` are counted from the events themselves.
        """
        unknown = [name for name in by if name not in COUNT_FIELDS]
        if unknown:
            raise StoreError(f"cannot count events by {', '.join(unknown)}: use {', '.join(COUNT_FIELDS)}.")
        first, last, whole, edges = _week_split(_as_date(since, "--since"), _as_date(until, "--until"))
        filters: dict[str, Any] = {"country": country, "admin1": admin1, "event_type": event_type,
                                   "status": status, "merged_view": merged_view}
        sums: dict[tuple[date, tuple[str, ...]], list[int]] = {}

        def add(week: date, group: tuple[str, ...], events: int, fatalities: int) -> None:
            cell = sums.setdefault((week, group), [0, 0])
            cell[0] += events
            cell[1] += fatalities

        with self._tx("counting events per week") as conn:
            if whole:
                w = S.event_weeks.c
                keys = [w[name] for name in by]
                query = select(w.week_start, *keys, func.sum(w.events), func.sum(w.fatalities))
                if first is not None:
                    query = query.where(w.week_start >= first)
                if last is not None:
                    query = query.where(w.week_start <= last)
                query = self._filtered(query, table=S.event_weeks, **filters)
                for r in conn.execute(query.group_by(w.week_start, *keys)):
                    add(r[0], tuple(r[1:-2]), int(r[-2]), int(r[-1] or 0))
            for start, end in edges:
                e = S.events.c
                keys = [e[name] for name in by]
                query = self._filtered(select(e.event_date, *keys, func.count(), func.sum(e.fatalities)),
                                       since=start, until=end, **filters)
                for r in conn.execute(query.group_by(e.event_date, *keys)):
                    add(_week_start(r[0]), tuple(r[1:-2]), int(r[-2]), int(r[-1] or 0))
        return [WeekCount(week_start=week, group=group, events=n, fatalities=f)
                for (week, group), (n, f) in sorted(sums.items())]

    def count_events(self, **filters: Any) -> int:
        """How many events :meth:`query_events` with these filters (no paging) returns."""
        with self._tx("counting events") as conn:
            return self._count_known(conn, filters)

    def _count_known(self, conn: Connection, filters: dict[str, Any]) -> int:
        """:meth:`_count`, reused while the database is unchanged (SQLite only).

        SQLite says cheaply whether anything changed since a connection last looked: ``PRAGMA
        data_version`` moves when another connection (of this process or another) commits, and the
        connection's ``total_changes`` when it writes itself. A total is kept on its connection with
        both and reused while neither has moved, so a dashboard paging through a million events
        counts them once. Inside a transaction the pragma gives the version of the snapshot the
        transaction reads (reading it starts that snapshot), so the total and the page agree.
        """
        if self.dialect != "sqlite":
            return self._count(conn, **filters)
        raw = conn.connection.dbapi_connection
        if raw is None:
            return self._count(conn, **filters)
        version = (raw.execute("PRAGMA data_version").fetchone()[0], raw.total_changes)
        known: dict[Any, tuple[Any, int]] = conn.connection.info.setdefault("cw_totals", {})
        key = tuple(sorted((k, v) for k, v in filters.items() if v is not None))
        hit = known.get(key)
        if hit is not None and hit[0] == version:
            return hit[1]
        total = self._count(conn, **filters)
        if len(known) >= _KNOWN_TOTALS:
            known.clear()
        known[key] = (version, total)
        return total

    def _count(self, conn: Connection, *, since: date | str | None = None, until: date | str | None = None,
               actor: str | None = None, **filters: Any) -> int:
        """:meth:`count_events` in ``conn``: the weeks the dates hold whole from the ``event_weeks``
        summary (a few rows a week instead of every event), the days around them from the events
        (the index on admin1 or country and date); with an actor filter, from the events alone."""
        lo, hi = _as_date(since, "--since"), _as_date(until, "--until")
        if actor:
            query = self._filtered(select(func.count()).select_from(S.events), since=lo, until=hi, actor=actor,
                                   **filters)
            return int(conn.scalar(query) or 0)
        first, last, whole, edges = _week_split(lo, hi)
        total = 0
        if whole:
            w = S.event_weeks.c
            query = select(func.sum(w.events))
            if first is not None:
                query = query.where(w.week_start >= first)
            if last is not None:
                query = query.where(w.week_start <= last)
            total += int(conn.scalar(self._filtered(query, table=S.event_weeks, **filters)) or 0)
        for start, end in edges:
            query = self._filtered(select(func.count()).select_from(S.events), since=start, until=end, **filters)
            total += int(conn.scalar(query) or 0)
        return total

    def event_page(self, *, fields: Sequence[str], limit: int = 100, offset: int = 0, sort: str | None = None,
                   **filters: Any) -> tuple[int, list[dict[str, Any]]]:
        """One page of :meth:`query_events` for lists, read in one transaction: ``(total, rows)``.

        ``total``: :meth:`count_events` with the same filters. ``rows``: JSON-ready dicts of
        ``fields`` (event fields, as :meth:`Event.to_dict` writes them, and ``year``), each followed
        by ``sources`` and ``evidence``: how many of each the event has (one query for the page and
        its counts; no Event objects are built).
        """
        wanted = self._page_fields(fields)
        with self._tx("listing events") as conn:
            total = self._count_known(conn, filters)
            result = self._page_result(conn, wanted, sort, filters, limit=limit, offset=offset, total=total)
            return total, list(_page_dicts(fields, wanted, result))

    def iter_event_rows(self, *, fields: Sequence[str], limit: int | None = None, offset: int = 0,
                        sort: str | None = None, batch: int = 1000, **filters: Any) -> Iterator[dict[str, Any]]:
        """The rows of :meth:`event_page` (same ``fields``, ``sort`` and filters) without a total and,
        with ``limit`` None, all of them: one query in one transaction, fetched ``batch`` rows at a
        time, so that listing a million events takes no more memory than listing a thousand. The
        transaction lasts until the iterator is exhausted or closed."""
        wanted = self._page_fields(fields)
        with self._tx("listing events") as conn:
            result = self._page_result(conn.execution_options(yield_per=batch), wanted, sort, filters,
                                       limit=limit, offset=offset, total=None)
            yield from _page_dicts(fields, wanted, result)

    def iter_events(self, *, batch: int = 500, **query: Any) -> Iterator[Event]:
        """:meth:`query_events` (the same filters, ``sort``, ``limit`` and ``offset``) one event at a
        time: one query in one transaction, read ``batch`` events at a time with their sources and
        evidence, so that memory stays bounded however many events match. The transaction lasts
        until the iterator is exhausted or closed."""
        limit, offset, sort = query.pop("limit", None), query.pop("offset", 0), query.pop("sort", None)
        statement = self._filtered(select(S.events), **query).order_by(*_order(sort))
        if limit is not None:
            statement = statement.limit(limit)
        if offset:
            statement = statement.offset(offset)
        with self._tx("querying events") as conn:
            for part in conn.execution_options(yield_per=batch).execute(statement).mappings().partitions():
                loaded = self._load_children(conn, [r["event_id"] for r in part])
                for r in part:
                    yield _event(r, loaded)

    def _page_fields(self, fields: Sequence[str]) -> list[str]:
        """The stored columns :meth:`event_page` reads for ``fields``; :class:`StoreError` for an unknown one."""
        unknown = [f for f in fields if f != "year" and f not in _PAGE_COLUMNS]
        if unknown:
            raise StoreError(f"cannot list the field {', '.join(map(repr, unknown))}: use event fields "
                             f"({', '.join(_PAGE_COLUMNS)}) or year.")
        return list(dict.fromkeys(["event_date" if f == "year" else f for f in fields]))

    def _page_result(self, conn: Connection, wanted: list[str], sort: str | None, filters: dict[str, Any], *,
                     limit: int | None, offset: int, total: int | None) -> Any:
        """The result of :meth:`_page_statement` for ``filters`` in ``conn`` (``limit`` None: every
        row from ``offset``); ``total``, when known, picks the plan of a large review queue."""
        if sort == "review" and self.dialect == "sqlite" and (total is None or total >= _REVIEW_INDEX_FROM):
            # the review index (status, confidence, fatalities, date) finds the page after reading
            # a few pages' worth of rows; SQLite's planner would rather sort every event of the
            # region (its admin1 or country index), which is slower once the region holds many
            filters = {**filters, "_unindexed_place": True}
        values: dict[str, Any] = {}
        if filters.get("actor"):
            statement = self._page_statement(wanted, sort, filters)
        else:
            shape, values = _page_shape(filters)
            key = (tuple(wanted), sort, tuple(sorted(shape.items())))
            statement = self._page_statements.get(key)
            if statement is None:
                if len(self._page_statements) >= 256:
                    self._page_statements.clear()
                statement = self._page_statements[key] = self._page_statement(wanted, sort, shape)
        # no limit: a bound no store reaches (LIMIT takes a number in both SQLite and PostgreSQL)
        return conn.execute(statement, {**values, "cw_limit": _NO_LIMIT if limit is None else limit,
                                        "cw_offset": offset})

    def _page_statement(self, wanted: Sequence[str], sort: str | None, filters: dict[str, Any]) -> Any:
        """The query of :meth:`event_page`: the page (``cw_limit`` rows from ``cw_offset``) of the
        events ``filters`` keep, and the sources and evidence each has. ``filters`` is either the
        filters themselves, or the shape :func:`_page_shape` made of them: then the filters' values
        are parameters (``cw_since`` ...) and the statement is built once for every request of that shape."""
        ev = S.events.c
        by = ["confidence", "fatalities", "event_date"] if sort == "review" else [(sort or "event_date").lstrip("-")]
        inner = select(*(ev[c] for c in dict.fromkeys([*wanted, *by, "event_id"])))
        if "cw_shape" in filters:
            inner = _shaped(inner, filters)
        else:
            inner = self._filtered(inner, **filters)
        inner = inner.order_by(*_order(sort)).limit(bindparam("cw_limit")).offset(bindparam("cw_offset"))
        page = inner.subquery("page")
        src, evd = S.event_sources, S.evidence
        outer = select(*(page.c[c] for c in wanted),
                       select(func.count()).where(src.c.event_id == page.c.event_id).scalar_subquery(),
                       select(func.count()).where(evd.c.event_id == page.c.event_id).scalar_subquery())
        return outer.order_by(*_order(sort, page))

    def has_value(self, column: str, value: str) -> bool:
        """Whether any event's ``country`` or ``admin1`` is ``value`` (any case; an index look-up)."""
        if column not in ("country", "admin1"):
            raise StoreError(f"cannot look up {column!r}: use country or admin1.")
        names = sorted(country_names(value)) if column == "country" else [value.strip().lower()]
        c = S.events.c[column]
        with self._tx(f"looking up {column}") as conn:
            return conn.scalar(select(c).where(func.lower(c).in_(names)).limit(1)) is not None

    def distinct_values(self, column: str, *, limit: int = 1000) -> list[str]:
        """The distinct non-empty values of an event column (``country``, ``admin1``...), sorted."""
        if column not in S.events.c or column in ("notes", "doc_ids"):
            raise StoreError(f"cannot list the values of {column!r}.")
        c = S.events.c[column]
        with self._tx(f"listing {column} values") as conn:
            return [v for v in conn.scalars(select(c).where(c != "").distinct().order_by(c).limit(limit)) if v]

    def _filtered(self, query: Any, *, since: date | str | None = None, until: date | str | None = None,
                  country: str | None = None, admin1: str | None = None, event_type: str | None = None,
                  actor: str | None = None, status: str | None = None, merged_view: bool = True,
                  table: Any = None, _unindexed_place: bool = False) -> Any:
        """``query`` with the filters of :meth:`query_events`; ``table``: the ``event_weeks``
        summary instead of ``events`` (no dates, no actor: the summary has neither).
        ``_unindexed_place``: write the country and admin1 terms so that SQLite does not use their
        indexes (``lower(+admin1)``: same rows, another plan)."""
        summary = table is not None
        ev = (table if summary else S.events).c
        lo, hi = _as_date(since, "--since"), _as_date(until, "--until")
        if lo is not None:
            query = query.where(ev.event_date >= lo)
        if hi is not None:
            query = query.where(ev.event_date <= hi)
        country_col, admin1_col = (_unindexed(ev.country), _unindexed(ev.admin1)) if _unindexed_place else \
            (ev.country, ev.admin1)
        if country:
            query = query.where(func.lower(country_col).in_(sorted(country_names(country))))
        if admin1:
            query = query.where(func.lower(admin1_col) == admin1.strip().lower())
        if event_type:
            t = event_type.strip().lower()
            query = query.where(or_(func.lower(ev.event_type) == t, func.lower(ev.sub_event_type) == t))
        if actor:
            a = actor.strip()
            query = query.where(or_(*(c.icontains(a, autoescape=True)
                                      for c in (ev.actor1, ev.actor2, ev.assoc_actor_1, ev.assoc_actor_2))))
        if status is not None:
            if status not in STATUSES:
                raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}.")
            query = query.where(ev.status == status)
        else:
            query = query.where(ev.status != "rejected")
        if merged_view:
            query = query.where(ev.merged == 0 if summary else ev.cluster_id == "")
        return query

    def event(self, event_id: str) -> Event:
        """One event by id (any status, merged or not); :class:`NotFound` when there is none."""
        with self._tx("reading an event") as conn:
            row = conn.execute(select(S.events).where(S.events.c.event_id == event_id)).mappings().first()
            if row is None:
                raise NotFound(
                    f"no event {event_id!r} in {self.safe_url}: list events with `conflictwatch events`."
                )
            loaded = self._load_children(conn, [event_id])
        return _event(row, loaded)

    def set_status(self, event_id: str, status: str, *, analyst: str = "", reason: str = "",
                   origin: str = "analyst") -> None:
        """Record an analyst's review: ``reviewed`` (accepted) or ``rejected`` (or back to
        ``automatic``), as a recorded change (who, when, before, after, why) when it changes."""
        if status not in STATUSES:
            raise StoreError(f"unknown status {status!r}: use one of {', '.join(STATUSES)}.")
        now = _now()
        with self._tx(f"setting the status of {event_id}", write=True) as conn:
            before = conn.scalar(select(S.events.c.status).where(S.events.c.event_id == event_id))
            if before is None:
                raise NotFound(f"no event {event_id!r} in {self.safe_url}: list events with `conflictwatch events`.")
            conn.execute(update(S.events).where(S.events.c.event_id == event_id).values(status=status, updated=now))
            if before != status or reason:
                self._record(conn, event_id, "status", "", before, status, analyst=analyst, origin=origin,
                             reason=reason, now=now)

    # -- clusters ---------------------------------------------------------------------------

    def save_clusters(self, clusters: Sequence[tuple[Event, Sequence[MergeLink]]], *,
                      by_analyst: bool = False) -> list[str]:
        """Store merged events and their links, and set each member's ``cluster_id``.

        A cluster's links are replaced by the ones given; a member moved here from another cluster
        leaves that one (which is deleted when fewer than two members remain).

        An automatic run (``by_analyst`` false) never overrides an analyst: a merged event an
        analyst decided on keeps its fields, and a cluster that would change the members of one
        (a new report joining it) is not saved; each disagreement is recorded as a
        :class:`Conflict` (source ``merge``). Returns the ids of the clusters not saved.
        """
        now = _now()
        refused: list[str] = []
        with self._tx("saving merged events", write=True) as conn:
            if not by_analyst:
                clusters, refused = self._guard_clusters(conn, clusters, now)
            held: set[str] = set()
            for part in _chunks([c.event_id for c, _ in clusters]):
                held.update(conn.scalars(select(S.events.c.event_id).where(
                    S.events.c.event_id.in_(part), S.events.c.status != "automatic")))
            self._upsert_events(conn, [c for c, _ in clusters if by_analyst or c.event_id not in held],
                                origin_doc="", now=now)
            touched: set[str] = set()
            for cluster, links in clusters:
                cid = cluster.event_id
                members = [link.event_id for link in links]
                old = conn.execute(select(S.merge_links.c.cluster_id, S.merge_links.c.event_id).where(
                    or_(S.merge_links.c.cluster_id == cid, S.merge_links.c.event_id.in_(members)))).all()
                touched.update(c for c, _ in old if c != cid)
                conn.execute(delete(S.merge_links).where(or_(
                    S.merge_links.c.cluster_id == cid, S.merge_links.c.event_id.in_(members))))
                dropped = [e for c, e in old if c == cid and e not in members]
                if dropped:
                    conn.execute(update(S.events).where(S.events.c.event_id.in_(dropped))
                                 .values(cluster_id="", updated=now))
                if links:
                    conn.execute(S.merge_links.insert(), [
                        {"cluster_id": cid, "event_id": link.event_id, "reason": link.reason,
                         "score": link.score,
                         "created": (link.created.isoformat() if link.created else now)}
                        for link in links
                    ])
                    conn.execute(update(S.events).where(S.events.c.event_id.in_(members))
                                 .values(cluster_id=cid, updated=now))
            self._prune_clusters(conn, touched - {c.event_id for c, _ in clusters})
        return refused

    def _guard_clusters(self, conn: Connection, clusters: Sequence[tuple[Event, Sequence[MergeLink]]],
                        now: str) -> tuple[list[tuple[Event, Sequence[MergeLink]]], list[str]]:
        """The clusters an automatic merge may save, and the ids of those it may not (with the
        conflicts recorded): see :meth:`save_clusters`."""
        ev, ml = S.events.c, S.merge_links.c
        keep: list[tuple[Event, Sequence[MergeLink]]] = []
        refused: list[str] = []
        for cluster, links in clusters:
            cid = cluster.event_id
            members = sorted(link.event_id for link in links)
            old = set(conn.scalars(select(ml.cluster_id).where(ml.event_id.in_(members)))) - {cid}
            held = {r["event_id"]: r for r in conn.execute(select(S.events).where(
                ev.event_id.in_([cid, *old]), ev.status != "automatic")).mappings()}
            moved = sorted(o for o in old if o in held)
            if moved:
                for oid in moved:
                    before = sorted(conn.scalars(select(ml.event_id).where(ml.cluster_id == oid)))
                    self._conflict(conn, oid, "", before, members, "merge",
                                   f"merging would make this reviewed merged event part of {cid} "
                                   f"(adding {', '.join(sorted(set(members) - set(before))) or 'nothing'}); "
                                   "left as it is", now)
                refused.append(cid)
                continue
            if cid in held:
                mine = _event(held[cid], _Loaded({}, {}))
                for name in CODED_FIELDS:
                    a, b = field_value(mine, name), field_value(cluster, name)
                    if not same_value(name, a, b):
                        self._conflict(conn, cid, name, a, b, "merge",
                                       f"re-merging codes {name} of this reviewed merged event otherwise", now)
            keep.append((cluster, links))
        return keep, refused

    def split_cluster(self, cluster_id: str, event_ids: Iterable[str] | None = None, *,
                      analyst: str = "", reason: str = "") -> None:
        """Take ``event_ids`` (default: all members) out of a cluster; the source events stay.

        The cluster event is deleted when fewer than two members remain. The split is recorded in
        the history of the cluster and of each event taken out.
        """
        now = _now()
        with self._tx(f"splitting {cluster_id}", write=True) as conn:
            members = set(conn.scalars(select(S.merge_links.c.event_id)
                                       .where(S.merge_links.c.cluster_id == cluster_id)))
            if not members:
                raise StoreError(
                    f"no merged event {cluster_id!r} in {self.safe_url}: list merges with Store.merge_links()."
                )
            out = members if event_ids is None else set(event_ids)
            strangers = out - members
            if strangers:
                raise StoreError(
                    f"{', '.join(sorted(strangers))} not in {cluster_id}; its members are "
                    f"{', '.join(sorted(members))}."
                )
            self._unlink(conn, cluster_id, sorted(out))
            for eid in [cluster_id, *sorted(out)]:
                self._record(conn, eid, "split", "", sorted(members), sorted(members - out), analyst=analyst,
                             origin="analyst", reason=reason, now=now)
            self._prune_clusters(conn, {cluster_id})

    def merge_links(self, cluster_id: str | None = None) -> list[MergeLink]:
        """The stored links (of one cluster, or all), ordered by cluster then event."""
        ml = S.merge_links.c
        query = select(S.merge_links).order_by(ml.cluster_id, ml.event_id)
        if cluster_id is not None:
            query = query.where(ml.cluster_id == cluster_id)
        with self._tx("reading merge links") as conn:
            rows = conn.execute(query).mappings().all()
        return [MergeLink(cluster_id=r["cluster_id"], event_id=r["event_id"], reason=r["reason"],
                          score=r["score"],
                          created=datetime.fromisoformat(r["created"]) if r["created"] else None)
                for r in rows]

    # -- offensives -------------------------------------------------------------------------

    def save_offensives(self, offs: Sequence[Offensive], *, replace_from: date | None = None,
                        replace_all: bool = False) -> None:
        """Store offensives (replacing ones with the same id) and set their events' ``offensive_id``.

        With ``replace_all`` (or ``replace_from``), stored offensives (dated ``replace_from`` or later)
        that ``offs`` does not hold are deleted first: an offensive that no longer qualifies after
        a merge or a split goes away, and its events lose their ``offensive_id``.
        """
        now = _now()
        with self._tx("saving offensives", write=True) as conn:
            if replace_all or replace_from is not None:
                keep = {off.offensive_id for off in offs}
                stale_q = select(S.offensives.c.offensive_id)
                if replace_from is not None:
                    stale_q = stale_q.where(S.offensives.c.event_date >= replace_from)
                stale = [oid for oid in conn.scalars(stale_q) if oid not in keep]
                for part in _chunks(stale):
                    conn.execute(update(S.events).where(S.events.c.offensive_id.in_(part))
                                 .values(offensive_id="", updated=now))
                    conn.execute(delete(S.offensive_events).where(S.offensive_events.c.offensive_id.in_(part)))
                    conn.execute(delete(S.offensives).where(S.offensives.c.offensive_id.in_(part)))
            for off in offs:
                oid = off.offensive_id
                previous = list(conn.scalars(select(S.offensive_events.c.event_id)
                                             .where(S.offensive_events.c.offensive_id == oid)))
                conn.execute(delete(S.offensives).where(S.offensives.c.offensive_id == oid))
                if previous:
                    conn.execute(update(S.events).where(S.events.c.event_id.in_(previous),
                                                        S.events.c.offensive_id == oid)
                                 .values(offensive_id="", updated=now))
                conn.execute(S.offensives.insert().values(
                    offensive_id=oid, event_date=off.event_date, actor=off.actor,
                    admin1s=json.dumps(list(off.admin1s)), admin2s=json.dumps(list(off.admin2s)),
                    span_km=off.span_km, reason=off.reason, extra=json.dumps(off.extra, default=str)))
                event_ids = list(dict.fromkeys(off.event_ids))
                if event_ids:
                    conn.execute(S.offensive_events.insert(), [
                        {"offensive_id": oid, "event_id": e, "position": i} for i, e in enumerate(event_ids)])
                    conn.execute(update(S.events).where(S.events.c.event_id.in_(event_ids))
                                 .values(offensive_id=oid, updated=now))

    def offensives(self, *, since: date | str | None = None, until: date | str | None = None) -> list[Offensive]:
        """Stored offensives in date then id order, optionally between two dates (inclusive)."""
        oc = S.offensives.c
        query = select(S.offensives).order_by(oc.event_date, oc.offensive_id)
        lo, hi = _as_date(since, "--since"), _as_date(until, "--until")
        if lo is not None:
            query = query.where(oc.event_date >= lo)
        if hi is not None:
            query = query.where(oc.event_date <= hi)
        with self._tx("reading offensives") as conn:
            rows = conn.execute(query).mappings().all()
            members: dict[str, list[str]] = {}
            for part in _chunks([r["offensive_id"] for r in rows]):
                for oid, eid in conn.execute(
                        select(S.offensive_events.c.offensive_id, S.offensive_events.c.event_id)
                        .where(S.offensive_events.c.offensive_id.in_(part))
                        .order_by(S.offensive_events.c.offensive_id, S.offensive_events.c.position)):
                    members.setdefault(oid, []).append(eid)
        return [Offensive(offensive_id=r["offensive_id"], event_date=r["event_date"], actor=r["actor"],
                          event_ids=tuple(members.get(r["offensive_id"], ())),
                          admin1s=tuple(json.loads(r["admin1s"])), admin2s=tuple(json.loads(r["admin2s"])),
                          span_km=r["span_km"], reason=r["reason"], extra=json.loads(r["extra"]))
                for r in rows]

    # -- the analyst's desk: corrections, history, conflicts, tokens -------------------------

    def correct(self, event_id: str, edits: dict[str, Any], *, analyst: str, reason: str = "") -> Event:
        """Edit coded fields of an event (``edits``: field name to new value, see
        :data:`~conflictwatch.store.EDITABLE_FIELDS`), each recorded as a change (who, when, before,
        after, why). An automatic event becomes ``reviewed``: later re-extractions, re-merges and
        imports keep the analyst's values and report disagreements as conflicts. Returns the event
        as stored; a bad value changes nothing (:class:`StoreError` naming the field)."""
        who = _analyst(analyst)
        now = _now()
        with self._tx(f"correcting {event_id}", write=True) as conn:
            current = self._event_in(conn, event_id)
            updated, changed = check_edits(current, edits)
            if changed:
                row = _event_row(updated)
                conn.execute(update(S.events).where(S.events.c.event_id == event_id).values(
                    **{k: row[k] for k in _EVENT_COLUMNS if k != "event_id"}, updated=now))
                for name, (before, after) in changed.items():
                    self._record(conn, event_id, "edit", name, before, after, analyst=who, origin="analyst",
                                 reason=reason, now=now)
                if current.status == "automatic":
                    conn.execute(update(S.events).where(S.events.c.event_id == event_id)
                                 .values(status="reviewed"))
                    self._record(conn, event_id, "status", "", "automatic", "reviewed", analyst=who,
                                 origin="analyst", reason="edited", now=now)
            loaded = self._load_children(conn, [event_id])
            stored = conn.execute(select(S.events).where(S.events.c.event_id == event_id)).mappings().one()
        return _event(stored, loaded)

    def add_note(self, event_id: str, note: str, *, analyst: str) -> None:
        """Attach an analyst's note to an event's history (the event itself is unchanged)."""
        who = _analyst(analyst)
        text = note.strip()
        if not text or len(text) > 4000:
            raise StoreError(f"a note on {event_id} needs 1 to 4000 characters of text (got {len(text)}).")
        with self._tx(f"adding a note to {event_id}", write=True) as conn:
            self._event_in(conn, event_id)
            self._record(conn, event_id, "note", "", None, text, analyst=who, origin="analyst", reason="",
                         now=_now())

    def history(self, event_id: str | None = None, *, since: datetime | None = None,
                limit: int | None = None) -> list[Change]:
        """Recorded changes, oldest first: of one event (and, for a merged event, of its members),
        or of every event; ``since``: only changes made then or later."""
        ch = S.changes.c
        query = select(S.changes).order_by(ch.id)
        with self._tx("reading the history") as conn:
            if event_id is not None:
                ids = {event_id, *conn.scalars(select(S.merge_links.c.event_id)
                                                .where(S.merge_links.c.cluster_id == event_id))}
                query = query.where(ch.event_id.in_(sorted(ids)))
            if since is not None:
                query = query.where(ch.created >= since.isoformat(timespec="seconds"))
            if limit is not None:
                query = query.limit(limit)
            rows = conn.execute(query).mappings().all()
        return [_change(r) for r in rows]

    def conflicts(self, *, event_id: str | None = None, open_only: bool = True) -> list[Conflict]:
        """Conflicts recorded against analysts' decisions, oldest first (open ones only by default)."""
        cc = S.conflicts.c
        query = select(S.conflicts).order_by(cc.id)
        if event_id is not None:
            query = query.where(cc.event_id == event_id)
        if open_only:
            query = query.where(cc.resolution == "")
        with self._tx("reading conflicts") as conn:
            rows = conn.execute(query).mappings().all()
        return [_conflict_record(r) for r in rows]

    def resolve_conflict(self, conflict_id: int, *, take: bool, analyst: str, reason: str = "") -> Conflict:
        """Settle an open conflict: keep the analyst's value, or ``take`` the proposed one (a field
        conflict only; applied as an edit by ``analyst``). Recorded in the event's history."""
        who = _analyst(analyst)
        with self._tx(f"reading conflict {conflict_id}") as conn:
            row = conn.execute(select(S.conflicts).where(S.conflicts.c.id == conflict_id)).mappings().first()
        if row is None:
            raise NotFound(f"no conflict {conflict_id} in {self.safe_url}: list them with `conflictwatch conflicts`.")
        found = _conflict_record(row)
        if found.resolution:
            raise StoreError(f"conflict {conflict_id} on {found.event_id} was already resolved "
                             f"({found.resolution}, by {found.resolved_by}).")
        if take:
            if not found.field:
                raise StoreError(f"conflict {conflict_id} concerns the whole of {found.event_id} "
                                 f"({found.detail}): keep it, or change the event by hand (edit, split, merge).")
            self.correct(found.event_id, {found.field: found.proposed}, analyst=who,
                         reason=reason or f"took the {found.source} value of conflict {conflict_id}")
        now = _now()
        with self._tx(f"resolving conflict {conflict_id}", write=True) as conn:
            conn.execute(update(S.conflicts).where(S.conflicts.c.id == conflict_id).values(
                resolution="taken" if take else "kept", resolved_by=who, resolved_at=now))
            self._record(conn, found.event_id, "resolve", found.field, found.kept,
                         found.proposed if take else found.kept, analyst=who, origin="analyst",
                         reason=reason or f"conflict {conflict_id} ({found.source}): "
                                          f"{'took the proposed value' if take else 'kept the value'}", now=now)
            row = conn.execute(select(S.conflicts).where(S.conflicts.c.id == conflict_id)).mappings().one()
        return _conflict_record(row)

    def join_events(self, event_ids: Sequence[str], *, analyst: str, reason: str = "") -> Event:
        """An analyst's merge: the events (or merged events, taken with all their members) become one
        reviewed merged event, recorded in the history of each. Returns the merged event."""
        from conflictwatch.merge import build_cluster  # the store sits downstream of merge

        who = _analyst(analyst)
        wanted = list(dict.fromkeys(event_ids))
        if len(wanted) < 2:
            raise StoreError("an analyst's merge needs at least two event ids (events or merged events).")
        leaves: dict[str, Event] = {}
        with self._tx("reading events to merge") as conn:
            for eid in wanted:
                event = self._event_in(conn, eid)
                members = list(conn.scalars(select(S.merge_links.c.event_id)
                                            .where(S.merge_links.c.cluster_id == eid)))
                for mid in members or [eid]:
                    if mid not in leaves:
                        leaves[mid] = event if mid == eid else self._event_in(conn, mid)
                if event.cluster_id:
                    raise StoreError(f"{eid} is part of the merged event {event.cluster_id}: merge that one "
                                     "instead, or split it out first.")
            links = self.merge_links()
        if len(leaves) < 2:
            raise StoreError(f"{', '.join(wanted)} hold only one event between them: nothing to merge.")
        loaded = [self._with_children(e) for e in leaves.values()]
        cluster, new_links = build_cluster(loaded, previous_links=links)
        cluster = cluster.replace(status="reviewed")
        self.save_clusters([(cluster, new_links)], by_analyst=True)
        now = _now()
        with self._tx(f"recording the merge into {cluster.event_id}", write=True) as conn:
            conn.execute(update(S.events).where(S.events.c.event_id == cluster.event_id).values(status="reviewed"))
            for eid in dict.fromkeys([cluster.event_id, *wanted, *leaves]):
                self._record(conn, eid, "merge", "", wanted, cluster.event_id, analyst=who, origin="analyst",
                             reason=reason, now=now)
        return self.event(cluster.event_id)

    def create_token(self, analyst: str) -> str:
        """A new write token for ``analyst`` (returned once; only its hash is stored)."""
        who = _analyst(analyst)
        token = "cw_" + secrets.token_urlsafe(32)
        with self._tx(f"creating a token for {who}", write=True) as conn:
            conn.execute(S.tokens.insert().values(analyst=who, token_hash=hash_token(token), prefix=token[:9],
                                                  created=_now(), revoked=None))
        return token

    def tokens(self) -> list[Token]:
        """Every token ever made (hashes not included), oldest first."""
        with self._tx("reading tokens") as conn:
            rows = conn.execute(select(S.tokens).order_by(S.tokens.c.id)).mappings().all()
        return [Token(id=r["id"], analyst=r["analyst"], prefix=r["prefix"],
                      created=datetime.fromisoformat(r["created"]),
                      revoked=datetime.fromisoformat(r["revoked"]) if r["revoked"] else None) for r in rows]

    def revoke_tokens(self, analyst: str) -> int:
        """Revoke every live token of ``analyst``; returns how many."""
        with self._tx(f"revoking the tokens of {analyst}", write=True) as conn:
            return int(conn.execute(update(S.tokens).where(S.tokens.c.analyst == analyst.strip(),
                                                           S.tokens.c.revoked.is_(None))
                                    .values(revoked=_now())).rowcount)

    def analyst_for_token(self, token: str) -> str | None:
        """The analyst a live token belongs to, or None for an unknown or revoked one."""
        if not token or len(token) > 200:
            return None
        with self._tx("checking a token") as conn:
            return conn.scalar(select(S.tokens.c.analyst).where(S.tokens.c.token_hash == hash_token(token),
                                                                  S.tokens.c.revoked.is_(None)))

    def import_reviewed(self, events: Sequence[Event], *, label: str) -> ImportReport:
        """Import events coded elsewhere (an ACLED file named ``label``) into the store.

        Each is matched to a stored event: by id or ``event_id_cnty`` first, else to the best
        compatible event of the merged view (same day window, place, type and actors, as merging
        judges them; each stored event matched once). A matched event keeps its id, evidence and
        sources; the imported values of fields no analyst has decided are applied as recorded
        changes (origin ``import``) and the event becomes reviewed; a field an analyst has edited
        (or an event an analyst rejected) keeps the analyst's value, and the disagreement is stored
        as a conflict (source ``import``). Unmatched events are added as reviewed events.
        Importing the same file again changes nothing.
        """
        report = ImportReport()
        now = _now()
        with self._tx(f"importing events from {label}", write=True) as conn:
            claimed: set[str] = set()
            new: list[Event] = []
            for incoming in events:
                match = self._match_import(conn, incoming, claimed)
                if match is None:
                    new.append(incoming)
                    continue
                claimed.add(match.event_id)
                report.matched += 1
                applied, conflicts = self._apply_import(conn, match, incoming, label, now)
                report.updated += bool(applied)
                report.conflicts += conflicts
            self._upsert_events(conn, new, origin_doc="", now=now)
            for e in new:
                self._record(conn, e.event_id, "status", "", None, e.status, analyst=f"import:{label}",
                             origin="import", reason=f"imported from {label}", now=now)
            report.added = len({e.event_id for e in new})
        return report

    def _match_import(self, conn: Connection, incoming: Event, claimed: set[str]) -> Event | None:
        from conflictwatch.merge import compare

        ev = S.events.c
        keys = [k for k in (incoming.event_id, incoming.event_id_cnty) if k]
        row = conn.execute(select(S.events).where(or_(ev.event_id.in_(keys), ev.event_id_cnty.in_(keys)))
                           .order_by(ev.cluster_id != "", ev.event_id)).mappings().first()
        if row is not None:
            found = _event(row, _Loaded({}, {}))
            if found.cluster_id:  # an export of a member: the merged event stands for it
                found = self._event_in(conn, found.cluster_id)
            return None if found.event_id in claimed else found
        days = 31 if incoming.time_precision == 3 else 7 if incoming.time_precision == 2 else 1
        lo = incoming.event_date.toordinal() - days
        hi = incoming.event_date.toordinal() + days
        rows = conn.execute(select(S.events).where(
            ev.event_date >= date.fromordinal(lo), ev.event_date <= date.fromordinal(hi), ev.cluster_id == "",
            ev.status != "rejected", func.lower(ev.country).in_(sorted(country_names(incoming.country))),
            ev.event_id_cnty == "")).mappings().all()
        best: tuple[float, str, Event] | None = None
        for r in rows:
            candidate = _event(r, _Loaded({}, {}))
            if candidate.event_id in claimed:
                continue
            c = compare(candidate, incoming.replace(status="automatic"))
            if c.compatible and (best is None or (c.score, candidate.event_id) > best[:2]):
                best = (c.score, candidate.event_id, candidate)
        return best[2] if best else None

    def _apply_import(self, conn: Connection, stored: Event, incoming: Event, label: str,
                      now: str) -> tuple[int, int]:
        """Apply an imported event's values to its stored match (see :meth:`import_reviewed`)."""
        who = f"import:{label}"
        decided = {r["field"] for r in conn.execute(
            select(S.changes.c.field).where(S.changes.c.event_id == stored.event_id,
                                            S.changes.c.kind == "edit", S.changes.c.origin == "analyst")).mappings()}
        rejected_by_analyst = stored.status == "rejected" and (conn.scalar(select(func.count()).where(
            S.changes.c.event_id == stored.event_id, S.changes.c.kind == "status",
            S.changes.c.origin == "analyst")) or 0) > 0
        edits: dict[str, Any] = {}
        conflicts = 0
        for name in _IMPORTED_FIELDS:
            mine, theirs = field_value(stored, name), field_value(incoming, name)
            if same_value(name, mine, theirs) or (name not in CODED_FIELDS and not theirs):
                continue
            if name in decided or rejected_by_analyst:
                conflicts += self._conflict(conn, stored.event_id, name, mine, theirs, "import",
                                            f"{label} codes {name} otherwise than the analyst", now)
            else:
                edits[name] = theirs
        applied = 0
        if edits:
            updated, changed = check_edits(stored, edits)
            extra = {"event_id_cnty": incoming.event_id_cnty or stored.event_id_cnty,
                     "disorder_type": incoming.disorder_type or updated.disorder_type,
                     "interaction": incoming.interaction, "iso": incoming.iso or stored.iso,
                     "region": incoming.region or stored.region}
            if "fatalities" not in changed:
                extra.update(fatalities_unknown=stored.fatalities_unknown, fatalities_low=stored.fatalities_low,
                             fatalities_high=stored.fatalities_high)
            updated = updated.replace(**extra)
            row = _event_row(updated)
            conn.execute(update(S.events).where(S.events.c.event_id == stored.event_id).values(
                **{k: row[k] for k in _EVENT_COLUMNS if k != "event_id"}, updated=now))
            for name, (before, after) in changed.items():
                self._record(conn, stored.event_id, "edit", name, before, after, analyst=who, origin="import",
                             reason=f"imported from {label}", now=now)
            applied = len(changed)
        elif incoming.event_id_cnty and incoming.event_id_cnty != stored.event_id_cnty \
                and not stored.event_id_cnty:
            conn.execute(update(S.events).where(S.events.c.event_id == stored.event_id)
                         .values(event_id_cnty=incoming.event_id_cnty))
        if stored.status == "automatic":
            conn.execute(update(S.events).where(S.events.c.event_id == stored.event_id)
                         .values(status="reviewed", updated=now))
            self._record(conn, stored.event_id, "status", "", "automatic", "reviewed", analyst=who,
                         origin="import", reason=f"matched in {label}", now=now)
            applied += 1
        return applied, conflicts

    def _event_in(self, conn: Connection, event_id: str) -> Event:
        row = conn.execute(select(S.events).where(S.events.c.event_id == event_id)).mappings().first()
        if row is None:
            raise NotFound(f"no event {event_id!r} in {self.safe_url}: list events with `conflictwatch events`.")
        return _event(row, self._load_children(conn, [event_id]))

    def _with_children(self, e: Event) -> Event:
        return e if e.sources or e.evidence else self.event(e.event_id)

    def _record(self, conn: Connection, event_id: str, kind: str, field: str, before: Any, after: Any, *,
                analyst: str, origin: str, reason: str, now: str) -> None:
        conn.execute(S.changes.insert().values(
            event_id=event_id, kind=kind, field=field, before=dumps(before), after=dumps(after),
            analyst=analyst, origin=origin, reason=reason.strip()[:4000], created=now))

    def _conflict(self, conn: Connection, event_id: str, field: str, kept: Any, proposed: Any, source: str,
                  detail: str, now: str) -> int:
        """Record a conflict unless the same one (same event, field, proposal, source) is open or was
        kept already; returns 1 when recorded."""
        cc = S.conflicts.c
        proposed_json = dumps(proposed)
        seen = conn.scalar(select(func.count()).where(
            cc.event_id == event_id, cc.field == field, cc.proposed == proposed_json, cc.source == source,
            cc.resolution != "taken"))
        if seen:
            return 0
        conn.execute(S.conflicts.insert().values(
            event_id=event_id, field=field, kept=dumps(kept), proposed=proposed_json, source=source,
            detail=detail, created=now, resolution="", resolved_by="", resolved_at=None))
        return 1

    # -- summary ----------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        """Row counts: documents (and how many are extracted), events by status, clusters, links,
        offensives."""
        ev = S.events.c
        with self._tx("counting rows") as conn:
            out = {
                "documents": conn.scalar(select(func.count()).select_from(S.documents)) or 0,
                "documents_extracted": conn.scalar(select(func.count()).select_from(S.documents)
                                                   .where(S.documents.c.extracted_at.is_not(None))) or 0,
                "events": conn.scalar(select(func.count()).select_from(S.events)) or 0,
            }
            by_status: dict[str, int] = dict(conn.execute(select(ev.status, func.count()).group_by(ev.status)).all())
            for status in STATUSES:
                out[f"events_{status}"] = int(by_status.get(status, 0))
            out["clusters"] = conn.scalar(select(func.count(func.distinct(S.merge_links.c.cluster_id)))) or 0
            out["merge_links"] = conn.scalar(select(func.count()).select_from(S.merge_links)) or 0
            out["offensives"] = conn.scalar(select(func.count()).select_from(S.offensives)) or 0
        return {k: int(v) for k, v in out.items()}

    # -- internals --------------------------------------------------------------------------

    def _upsert_events(self, conn: Connection, events: Sequence[Event], *, origin_doc: str, now: str) -> None:
        """Insert or update events with their sources and evidence (the last of duplicate ids wins)."""
        events = list({e.event_id: e for e in events}.values())
        if not events:
            return
        ids = [e.event_id for e in events]
        for part in _chunks(ids):
            conn.execute(delete(S.event_sources).where(S.event_sources.c.event_id.in_(part)))
            conn.execute(delete(S.evidence).where(S.evidence.c.event_id.in_(part)))
        rows = [{**_event_row(e), "origin_doc": origin_doc, "created": now, "updated": now} for e in events]
        ins = self._insert(S.events)
        ex = ins.excluded
        changes: dict[str, Any] = {c: ex[c] for c in rows[0] if c not in ("event_id", "created")}
        for keep in ("cluster_id", "offensive_id"):
            changes[keep] = func.coalesce(func.nullif(ex[keep], ""), S.events.c[keep])
        stmt = ins.on_conflict_do_update(index_elements=[S.events.c.event_id], set_=changes)
        for part in _chunks(rows, 100):
            conn.execute(stmt, list(part))
        sources = [_source_row(e.event_id, s) for e in events for s in e.sources]
        evid = [_evidence_row(e.event_id, x) for e in events for x in e.evidence]
        for part in _chunks(sources, 200):
            conn.execute(S.event_sources.insert(), list(part))
        for part in _chunks(evid, 200):
            conn.execute(S.evidence.insert(), list(part))

    def _delete_events(self, conn: Connection, ids: Sequence[str]) -> None:
        """Delete events with their rows; clusters they belonged to are pruned."""
        if not ids:
            return
        clusters: set[str] = set()
        for part in _chunks(list(ids)):
            clusters.update(conn.scalars(select(S.merge_links.c.cluster_id)
                                         .where(S.merge_links.c.event_id.in_(part))))
            for table in (S.event_sources, S.evidence, S.offensive_events):
                conn.execute(delete(table).where(table.c.event_id.in_(part)))
            conn.execute(delete(S.merge_links).where(or_(S.merge_links.c.event_id.in_(part),
                                                         S.merge_links.c.cluster_id.in_(part))))
            conn.execute(update(S.events).where(S.events.c.cluster_id.in_(part)).values(cluster_id=""))
            conn.execute(delete(S.events).where(S.events.c.event_id.in_(part)))
        self._prune_clusters(conn, clusters - set(ids))

    def _unlink(self, conn: Connection, cluster_id: str, event_ids: Sequence[str]) -> None:
        for part in _chunks(list(event_ids)):
            conn.execute(delete(S.merge_links).where(S.merge_links.c.cluster_id == cluster_id,
                                                     S.merge_links.c.event_id.in_(part)))
            conn.execute(update(S.events).where(S.events.c.event_id.in_(part),
                                                S.events.c.cluster_id == cluster_id)
                         .values(cluster_id="", updated=_now()))

    def _prune_clusters(self, conn: Connection, cluster_ids: Iterable[str]) -> None:
        """Delete the cluster events of ``cluster_ids`` that have fewer than two members left."""
        for cid in sorted(cluster_ids):
            left = list(conn.scalars(select(S.merge_links.c.event_id).where(S.merge_links.c.cluster_id == cid)))
            if len(left) >= 2:
                continue
            self._unlink(conn, cid, left)
            conn.execute(update(S.events).where(S.events.c.cluster_id == cid).values(cluster_id=""))
            self._delete_events(conn, [cid])

    def _load_children(self, conn: Connection, ids: Sequence[str]) -> _Loaded:
        sources: dict[str, list[EventSource]] = {}
        evid: dict[str, list[Evidence]] = {}
        for part in _chunks(list(ids)):
            for r in conn.execute(select(S.event_sources).where(S.event_sources.c.event_id.in_(part))
                                  .order_by(S.event_sources.c.id)).mappings():
                sources.setdefault(r["event_id"], []).append(EventSource(
                    doc_id=r["doc_id"], outlet=r["outlet"], url=r["url"], published=r["published"],
                    language=r["language"], source_scale=r["source_scale"], claimed_by=r["claimed_by"]))
            for r in conn.execute(select(S.evidence).where(S.evidence.c.event_id.in_(part))
                                  .order_by(S.evidence.c.id)).mappings():
                evid.setdefault(r["event_id"], []).append(Evidence(
                    field=r["field"], text=r["text"], start=r["start"], end=r["end"], doc_id=r["doc_id"]))
        return _Loaded(sources, evid)


# -- migrations -------------------------------------------------------------------------------


def _add_column(conn: Connection, column: Any) -> None:
    """``ALTER TABLE ... ADD COLUMN`` for a column of :mod:`._schema` (its DDL, default included)."""
    ddl = CreateColumn(column).compile(dialect=conn.dialect)
    conn.exec_driver_sql(f"ALTER TABLE {column.table.name} ADD COLUMN {ddl}")


def _migrate_1_to_2(conn: Connection) -> None:
    """Version 2: ``events.extractor``. An event written by its document's latest extraction
    (``origin_doc`` set, created no earlier than ``documents.extracted_at``) gets that document's
    ``documents.extractor``; a merged event, the extractor all its members share. Others (imports,
    reviewed events kept from an earlier extraction, whose extractor is not known) keep ""."""
    ev, doc, ml = S.events, S.documents, S.merge_links
    _add_column(conn, ev.c.extractor)
    produced_by = and_(doc.c.id == ev.c.origin_doc, doc.c.extractor.is_not(None),
                       doc.c.extracted_at.is_not(None), ev.c.created >= doc.c.extracted_at)
    conn.execute(update(ev).where(ev.c.origin_doc != "", exists().where(produced_by))
                 .values(extractor=select(doc.c.extractor).where(produced_by).scalar_subquery()))
    member = ev.alias("member")
    of_cluster = (ml.c.cluster_id == ev.c.event_id, member.c.event_id == ml.c.event_id)
    shared = select(func.min(member.c.extractor)).where(*of_cluster).scalar_subquery()
    kinds = select(func.count(func.distinct(member.c.extractor))).where(*of_cluster).scalar_subquery()
    conn.execute(update(ev).where(ev.c.origin_doc == "", exists().where(ml.c.cluster_id == ev.c.event_id),
                                  kinds == 1, shared != "")
                 .values(extractor=shared))


def _migrate_2_to_3(conn: Connection) -> None:
    """Version 3: the analyst's desk tables (changes, conflicts, tokens). Statuses set before it
    have no recorded change: their history starts here."""
    S.metadata.create_all(conn, tables=list(S.DESK_TABLES), checkfirst=True)


def _migrate_3_to_4(conn: Connection) -> None:
    """Version 4: indexes for the web API's filtered pages and counts."""
    for index in S.API_INDEXES:  # IF NOT EXISTS: reflecting expression indexes is not supported
        conn.execute(CreateIndex(index, if_not_exists=True))


def _migrate_4_to_5(conn: Connection) -> None:
    """Version 5: the monitor's state tables (sources, items, fingerprints, deliveries)."""
    S.metadata.create_all(conn, tables=list(S.MONITOR_TABLES), checkfirst=True)


def _week_start(d: date) -> date:
    """The Saturday opening the ACLED week of ``d`` (as the ``event_weeks`` triggers compute it)."""
    return d - timedelta(days=(d.weekday() - 5) % 7)


def _create_summary_triggers(conn: Connection) -> None:
    for statement in S.SUMMARY_TRIGGERS[conn.dialect.name]:
        conn.exec_driver_sql(statement)


def _migrate_5_to_6(conn: Connection) -> None:
    """Version 6: ``event_weeks``, filled from the stored events, and the triggers that keep it."""
    S.metadata.create_all(conn, tables=[S.event_weeks], checkfirst=True)
    conn.execute(delete(S.event_weeks))
    conn.exec_driver_sql(S.SUMMARY_FILL[conn.dialect.name])
    _create_summary_triggers(conn)


def _migrate_6_to_7(conn: Connection) -> None:
    """Version 7: the per-day summary of some version-6 databases gives way to ``event_weeks``."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS event_days_apply ON events")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS event_days_apply()")
    else:
        for trigger in ("event_days_insert", "event_days_delete", "event_days_update"):
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {trigger}")
    conn.exec_driver_sql("DROP TABLE IF EXISTS event_days")
    _migrate_5_to_6(conn)


def _migrate_7_to_8(conn: Connection) -> None:
    """Version 8: the extraction failures table."""
    S.metadata.create_all(conn, tables=list(S.FAILURE_TABLES), checkfirst=True)


def _migrate_8_to_9(conn: Connection) -> None:
    """Version 9: the extraction claims on ``documents`` (``claimed_by``, ``claimed_until``) and
    ``extractions``, the saved extractions of each document (1 for those extracted before)."""
    d = S.documents
    present = {c["name"] for c in inspect(conn).get_columns(d.name)}
    for column in (d.c.claimed_by, d.c.claimed_until, d.c.extractions):
        if column.name not in present:  # like create_all's checkfirst
            _add_column(conn, column)
    conn.execute(CreateIndex(S.CLAIM_INDEX, if_not_exists=True))
    conn.execute(update(d).where(d.c.extracted_at.is_not(None)).values(extractions=1))


#: Schema migrations: ``MIGRATIONS[v]`` takes a database from version ``v`` to ``v + 1`` (inside
#: the opening transaction; the caller records the new version in ``schema_version``).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _migrate_1_to_2, 2: _migrate_2_to_3, 3: _migrate_3_to_4,
                                                              4: _migrate_4_to_5, 5: _migrate_5_to_6,
                                                              6: _migrate_6_to_7, 7: _migrate_7_to_8,
                                                              8: _migrate_8_to_9}


# -- row conversion ---------------------------------------------------------------------------


def _document_row(d: Document) -> dict[str, Any]:
    return {"id": d.id, "source_id": d.source_id, "url": d.url, "title": d.title, "outlet": d.outlet,
            "language": d.language, "published": d.published,
            "retrieved": d.retrieved.isoformat() if d.retrieved else None, "text": d.text,
            "extracted_at": None, "extractor": None}


def _document(r: Any) -> Document:
    return Document(id=r["id"], text=r["text"], url=r["url"], title=r["title"], outlet=r["outlet"],
                    language=r["language"], published=r["published"],
                    retrieved=datetime.fromisoformat(r["retrieved"]) if r["retrieved"] else None,
                    source_id=r["source_id"])


def _event_row(e: Event) -> dict[str, Any]:
    row = {name: getattr(e, name) for name in _EVENT_COLUMNS}
    row["doc_ids"] = json.dumps(list(e.doc_ids))
    return row


def _event(r: Any, loaded: _Loaded) -> Event:
    kw = {name: r[name] for name in _EVENT_COLUMNS}
    kw["fatalities_unknown"] = bool(kw["fatalities_unknown"])
    kw["status"] = cast(EventStatus, kw["status"])
    eid = r["event_id"]
    return Event(**kw, doc_ids=tuple(json.loads(r["doc_ids"])),
                 sources=tuple(loaded.sources.get(eid, ())), evidence=tuple(loaded.evidence.get(eid, ())))


def _source_row(event_id: str, s: EventSource) -> dict[str, Any]:
    return {"event_id": event_id, "doc_id": s.doc_id, "outlet": s.outlet, "url": s.url,
            "published": s.published, "language": s.language, "source_scale": s.source_scale,
            "claimed_by": s.claimed_by}


def _evidence_row(event_id: str, x: Evidence) -> dict[str, Any]:
    return {"event_id": event_id, "doc_id": x.doc_id, "field": x.field, "text": x.text,
            "start": x.start, "end": x.end}


def _configure_sqlite(engine: Engine) -> None:
    """WAL journal, foreign keys, a busy timeout, and transactions that SQLAlchemy controls
    (``BEGIN IMMEDIATE`` for writes, so that concurrent writers queue instead of failing)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we emit BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("cw_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
