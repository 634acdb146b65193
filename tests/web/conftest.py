"""Fixtures for the web tests: a real SQLite store filled with events written here, the app over
it (Starlette's TestClient), and a real uvicorn server on 127.0.0.1 for the browser tests."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.exceptions import StarletteDeprecationWarning

from conflictwatch.records import Document, Event, EventSource, Evidence, MergeLink, Offensive
from conflictwatch.report import install_boundaries
from conflictwatch.store import open_store
from conflictwatch.web import create_app
from tests.conftest import BOUNDARIES

with warnings.catch_warnings():
    # Starlette 1.x asks for httpx2 in its TestClient; this project uses httpx, which it still supports.
    warnings.filterwarnings("ignore", "Using `httpx` with `starlette.testclient`", StarletteDeprecationWarning)
    from starlette.testclient import TestClient

__all__ = ["TestClient"]

XSS_NOTES = "Gunmen struck <script>document.body.setAttribute('data-pwned', 'notes')</script> at dawn."
XSS_EVIDENCE = "Witnesses said <img src=x onerror=\"document.body.setAttribute('data-pwned', 'evidence')\"> fled."

FIRST = "Armed men attacked an army post near Boni on Tuesday; the army said 12 assailants were killed."
REPORT = ("Armed men attacked an army post near Boni on Tuesday; the army said 12 assailants were killed. "
          "On the same day a roadside bomb hit a convoy near Macina, killing three soldiers.")


def _source(doc: Document) -> EventSource:
    return EventSource(doc_id=doc.id, outlet=doc.outlet, url=doc.url, published=doc.published,
                       language=doc.language, source_scale="National")


def sample_document() -> Document:
    return Document.from_text(REPORT, url="https://news.example.org/mali/boni", outlet="Sahel Daily",
                              language="en", published=date(2025, 6, 4), title="Boni post attacked")


def sample_events(doc: Document) -> list[Event]:
    """Five events in Mali and Burkina Faso, one per main event type, the last one carrying markup
    in every text field a report can fill."""
    src = _source(doc)
    return [
        Event(event_id="ev-boni", event_date=date(2025, 6, 3), event_type="Battles", sub_event_type="Armed clash",
              actor1="JNIM: Group for Support of Islam and Muslims", actor2="Military Forces of Mali (2021-)",
              country="Mali", admin1="Mopti", admin2="Douentza", location="Boni", latitude=15.03, longitude=-1.98,
              geo_precision=1, fatalities=12, notes="Armed men attacked an army post near Boni.",
              sources=(src,), doc_ids=(doc.id,),
              evidence=(Evidence("event_type", FIRST, 0, len(FIRST), doc.id),
                        Evidence("fatalities", FIRST, 0, len(FIRST), doc.id))),
        Event(event_id="ev-macina", event_date=date(2025, 6, 3), event_type="Explosions/Remote violence",
              sub_event_type="Remote explosive/landmine/IED", actor1="Unidentified Armed Group (Mali)",
              actor2="Military Forces of Mali (2021-)", country="Mali", admin1="Segou", admin2="Macina",
              location="Macina", latitude=13.96, longitude=-5.36, fatalities=3,
              sources=(src,), doc_ids=(doc.id,), evidence=(Evidence("event_type", REPORT[len(FIRST) + 1:], len(FIRST) + 1, len(REPORT), doc.id),)),
    ]


def imported_events() -> list[Event]:
    return [
        Event(event_id="ev-djibo", event_date=date(2025, 6, 12), event_type="Violence against civilians",
              sub_event_type="Attack", actor1="JNIM: Group for Support of Islam and Muslims", actor2="Civilians (Burkina Faso)",
              country="Burkina Faso", admin1="Sahel", location="Djibo", latitude=14.10, longitude=-1.63, fatalities=25,
              sources=(EventSource(doc_id="", outlet="Radio Omega", url="https://omega.example.bf/djibo",
                                   published=date(2025, 6, 13)),)),
        Event(event_id="ev-bamako", event_date=date(2025, 6, 20), event_type="Protests", sub_event_type="Peaceful protest",
              actor1="Protesters (Mali)", country="Mali", admin1="Bamako", location="Bamako",
              latitude=12.65, longitude=-8.0, fatalities=0),
        Event(event_id="ev-xss", event_date=date(2025, 6, 21), event_type="Strategic developments",
              sub_event_type="Looting/property destruction", actor1="<b>Unknown</b> gunmen", country="Mali",
              admin1="Tombouctou", location="Goundam <i>town</i>", latitude=16.41, longitude=-3.67,
              notes=XSS_NOTES,
              sources=(EventSource(doc_id="", outlet="<img src=y onerror=\"document.body.setAttribute('data-pwned', 'outlet')\">",
                                   url="javascript:document.body.setAttribute('data-pwned','url')",
                                   published=date(2025, 6, 22)),),
              evidence=(Evidence("notes", XSS_EVIDENCE, 0, len(XSS_EVIDENCE)),)),
    ]


CLUSTER = Event(event_id="cl-boni", event_date=date(2025, 6, 3), event_type="Battles", sub_event_type="Armed clash",
                actor1="JNIM: Group for Support of Islam and Muslims", actor2="Military Forces of Mali (2021-)",
                country="Mali", admin1="Mopti", admin2="Douentza", location="Boni", latitude=15.03, longitude=-1.98,
                fatalities=12)
OFFENSIVE = Offensive(offensive_id="off-2025-06-03", event_date=date(2025, 6, 3), actor="JNIM",
                      event_ids=("cl-boni", "ev-macina"), admin1s=("Mopti", "Segou"), span_km=420.5,
                      reason="two attacks by one actor on one day")

#: Events the default (merged, not rejected) view shows: ev-boni is merged into cl-boni.
VISIBLE = ["cl-boni", "ev-macina", "ev-djibo", "ev-bamako", "ev-xss"]


def fill(db: Path) -> None:
    """Store the sample document, its extraction, the imported events, a cluster and an offensive."""
    doc = sample_document()
    with open_store(db) as store:
        store.add_documents([doc])
        store.save_extraction(doc.id, sample_events(doc), extractor="test")
        store.add_events(imported_events())
        store.save_clusters([(CLUSTER, [MergeLink("cl-boni", "ev-boni", "same place, day and actors", 0.93)])])
        store.save_offensives([OFFENSIVE])


@dataclass
class Site:
    db: Path
    home: Path
    token: str  # analyst "amina"


@pytest.fixture
def site(tmp_path: Path) -> Site:
    """A filled database and a data directory with the shared admin-1 boundaries installed."""
    home = tmp_path / "home"
    home.mkdir()
    install_boundaries(BOUNDARIES, data_dir=home)
    db = tmp_path / "cw.db"
    fill(db)
    with open_store(db) as store:
        token = store.create_token("amina")
    return Site(db=db, home=home, token=token)


@pytest.fixture
def app(site: Site) -> Starlette:
    return create_app(db=str(site.db), data_dir=site.home)


@pytest.fixture
def client(app: Starlette, site: Site) -> Iterator[TestClient]:
    """A client that signs its requests with the analyst token of "amina"."""
    with TestClient(app, raise_server_exceptions=False, headers={"Authorization": f"Bearer {site.token}"}) as c:
        yield c


@pytest.fixture
def anonymous(app: Starlette) -> Iterator[TestClient]:
    """A client without a token."""
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@contextlib.contextmanager
def serving(app: Starlette) -> Iterator[str]:
    """Serve ``app`` with uvicorn on 127.0.0.1 (a free port) in a thread; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", ws="none", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the uvicorn server did not start within 10 s")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture
def live_url(app: Starlette) -> Iterator[str]:
    """The app served by uvicorn on 127.0.0.1, shut down at the end of the test."""
    with serving(app) as url:
        yield url
