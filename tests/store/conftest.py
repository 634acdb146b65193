"""Fixtures for the store tests: a store on a real SQLite file, and the same on PostgreSQL.

The ``store`` fixture runs a test on both back ends; the PostgreSQL run needs a server whose
URL is in ``$CONFLICTWATCH_TEST_PG_URL`` (``.ci/start-postgres.sh`` starts one and prints it).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from conflictwatch.records import Document, Event, EventSource, Evidence
from conflictwatch.store import Store, open_store

PG_ENV = "CONFLICTWATCH_TEST_PG_URL"


def pg_url() -> str:
    """The test PostgreSQL URL, or skip with the reason."""
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f"PostgreSQL tests need a server: export {PG_ENV}=\"$(.ci/start-postgres.sh)\"")
    return url


def fresh_pg_url() -> str:
    """The test server's URL with every table dropped first."""
    from conflictwatch.config import database_url

    url = database_url(pg_url())
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh store on a SQLite file in tmp_path, and (marked postgres) on the test server."""
    url = str(tmp_path / "cw.db") if request.param == "sqlite" else fresh_pg_url()
    with open_store(url) as s:
        yield s


def make_doc(text: str, **meta: object) -> Document:
    meta.setdefault("published", date(2019, 6, 2))
    meta.setdefault("outlet", "Studio Tamani")
    meta.setdefault("language", "en")
    return Document.from_text(text, **meta)  # type: ignore[arg-type]


def make_event(event_id: str, doc: Document | None = None, **fields: object) -> Event:
    """A small, valid event (with one source and one evidence row when a document is given)."""
    base: dict[str, object] = {
        "event_id": event_id, "event_date": date(2019, 6, 1), "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "JNIM: Group for Support of Islam and Muslims", "inter1": 2,
        "actor2": "Military Forces of Mali (2013-2020)", "inter2": 1, "interaction": 12,
        "country": "Mali", "iso": 466, "region": "Western Africa", "admin1": "Mopti", "admin2": "Djenne",
        "location": "Djenne", "latitude": 13.906, "longitude": -4.555, "fatalities": 3,
    }
    if doc is not None:
        base["doc_ids"] = (doc.id,)
        base["sources"] = (EventSource(doc_id=doc.id, outlet=doc.outlet, published=doc.published,
                                       language=doc.language, source_scale="National"),)
        base["evidence"] = (Evidence(field="actor1", text=doc.text[:20], start=0, end=20, doc_id=doc.id),)
    base.update(fields)
    return Event(**base)  # type: ignore[arg-type]
