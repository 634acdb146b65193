"""A real HTTP server on 127.0.0.1, in a thread, serving tests/fixtures/ingest/site.

Files are served with ``{{BASE}}`` replaced by the server's address (so feeds can link to its
pages). A few routes misbehave on purpose: ``/slow`` sleeps past short timeouts, ``/big`` streams
more than small size caps without a Content-Length, ``/big-declared`` announces a huge body,
``/redirect/<path>`` redirects, ``/loop`` redirects to itself, ``/rss-as-html`` serves the RSS
feed as text/html, ``/binary`` serves bytes, ``/empty.html`` is an empty page, ``/broken-feed`` is a
truncated RSS document.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import FIXTURES

INGEST_FIXTURES = FIXTURES / "ingest"
SITE = INGEST_FIXTURES / "site"
SLOW_SECONDS = 3.0
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml",
}
_FEED_TYPES = {"rss.xml": "application/rss+xml", "atom.xml": "application/atom+xml"}


@dataclass
class Site:
    """The running server: its base URL and the requests it received (path, User-Agent)."""

    base: str
    requests: list[tuple[str, str]] = field(default_factory=list)
    #: What ``allow_hosts`` must hold to fetch from it: it is on a loopback address, which
    #: fetching refuses unless allowed.
    allow: tuple[str, ...] = ("127.0.0.1",)

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def paths(self) -> list[str]:
        return [p for p, _ in self.requests]


class _Handler(BaseHTTPRequestHandler):
    site: Site

    def log_message(self, format: str, *args: object) -> None:
        return

    def _send(self, status: int, body: bytes, ctype: str, *, length: int | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body) if length is None else length))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _static(self, name: str) -> tuple[bytes, str] | None:
        path = (SITE / name).resolve()
        if not path.is_file() or SITE.resolve() not in path.parents:
            return None
        body = path.read_bytes().replace(b"{{BASE}}", self.site.base.encode())
        return body, _FEED_TYPES.get(path.name) or _TYPES.get(path.suffix, "application/octet-stream")

    def do_GET(self) -> None:
        self.site.requests.append((self.path, self.headers.get("User-Agent", "")))
        try:
            self._route(self.path)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client stopped reading (size cap, timeout): expected

    def _route(self, path: str) -> None:
        if path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"<html><body><p>Too late to matter.</p></body></html>", _TYPES[".html"])
        elif path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", _TYPES[".txt"])
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"Reports from Gao keep coming in. " * 100)
        elif path == "/big-declared":
            self._send(200, b"Reports from Gao.", _TYPES[".txt"], length=50_000_000)
        elif path.startswith("/redirect/"):
            self._redirect("/" + path.removeprefix("/redirect/"))
        elif path == "/loop":
            self._redirect("/loop")
        elif path == "/rss-as-html":
            body, _ = self._static("rss.xml") or (b"", "")
            self._send(200, body, "text/html; charset=utf-8")
        elif path == "/binary":
            self._send(200, bytes(range(256)) * 4, "application/octet-stream")
        elif path == "/broken-feed":
            self._send(200, b"<?xml version='1.0'?><rss><channel><title>Sahel</ti", "application/rss+xml")
        elif path == "/empty.html":
            self._send(200, b"", _TYPES[".html"])
        else:
            found = self._static(path.lstrip("/"))
            if found is None:
                self._send(404, b"<html><body><h1>Not found</h1></body></html>", _TYPES[".html"])
            else:
                self._send(200, *found)


@pytest.fixture(scope="session")
def site() -> Iterator[Site]:
    """The local HTTP server, for the whole test session."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    state = Site(base=f"http://127.0.0.1:{server.server_address[1]}")
    _Handler.site = state
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.fixture
def fixtures() -> Path:
    """tests/fixtures/ingest."""
    return INGEST_FIXTURES
