"""A programmable HTTP server on 127.0.0.1, in a thread, for tests that need pages and feeds
that change between requests (the fetch policy, the monitor).

Routes map a path to a :class:`Reply` (or a function of the request returning one); tests change
them while the server runs. Every request is logged with its headers. Nothing here talks to any
address but 127.0.0.1: a route that redirects to a private or file:// address is only a
``Location`` header, which the code under test must refuse to follow.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


@dataclass
class Reply:
    """What a route answers. ``delay`` sleeps before answering; ``chunks`` streams the body in
    that many pieces without a Content-Length; ``etag``/``last_modified`` make the route answer
    304 to a matching conditional request."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    chunks: int = 0
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float
    method: str = "GET"
    body: bytes = b""


Route = Reply | Callable[[Request], Reply]


@dataclass
class LocalWeb:
    """The running server: its address, its routes and the requests it received."""

    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str, *, host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}/{path.lstrip('/')}"

    def hits(self, path: str) -> int:
        with self.lock:
            return sum(1 for r in self.requests if r.path.split("?", 1)[0] == path)

    def paths(self) -> list[str]:
        with self.lock:
            return [r.path for r in self.requests]


class _Handler(BaseHTTPRequestHandler):
    web: LocalWeb
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        return

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        self._serve(self.rfile.read(length), "POST")

    def do_GET(self) -> None:
        self._serve(b"", "GET")

    def _serve(self, body: bytes, method: str) -> None:
        request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic(),
                          method=method, body=body)
        with self.web.lock:
            self.web.requests.append(request)
            route = self.web.routes.get(self.path.split("?", 1)[0])
        reply = Reply(b"<html><body><h1>Not found</h1></body></html>", status=404) if route is None \
            else route(request) if callable(route) else route
        try:
            self._answer(request, reply)
        except (BrokenPipeError, ConnectionResetError):
            return  # the client stopped reading (size cap, timeout): expected

    def _answer(self, request: Request, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        validators = {}
        if reply.etag:
            validators["ETag"] = reply.etag
        if reply.last_modified:
            validators["Last-Modified"] = reply.last_modified
        if (reply.etag and request.headers.get("if-none-match") == reply.etag) or \
                (reply.last_modified and request.headers.get("if-modified-since") == reply.last_modified):
            self.send_response(304)
            for k, v in validators.items():
                self.send_header(k, v)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        for k, v in {**validators, **reply.headers}.items():
            self.send_header(k, v)
        if reply.chunks:
            self.send_header("Connection", "close")
            self.end_headers()
            for _ in range(reply.chunks):
                self.wfile.write(reply.body)
            self.close_connection = True
            return
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body)


@contextmanager
def local_web() -> Iterator[LocalWeb]:
    """Start a :class:`LocalWeb` server for the duration of the ``with`` block."""
    handler = type("Handler", (_Handler,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    web = LocalWeb(port=server.server_address[1])
    handler.web = web  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield web
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def http_date(ts: float) -> str:
    return formatdate(ts, usegmt=True)


def rss(title: str, items: list[dict[str, str]], *, language: str = "en") -> Reply:
    """An RSS 2.0 feed of ``items`` (keys: title, link, guid, pubDate, description, content)."""
    parts = [(f"<?xml version='1.0' encoding='utf-8'?>\n<rss version='2.0' "
              f"xmlns:content='http://purl.org/rss/1.0/modules/content/'><channel>"
              f"<title>{escape(title)}</title><language>{language}</language>")]
    for it in items:
        parts.append("<item>")
        for key in ("title", "link", "guid", "pubDate", "description"):
            if key in it:
                parts.append(f"<{key}>{escape(it[key])}</{key}>")
        if "content" in it:
            parts.append(f"<content:encoded><![CDATA[{it['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return Reply("".join(parts).encode("utf-8"), content_type="application/rss+xml")


def html_page(title: str, paragraphs: list[str], *, canonical: str = "", published: str = "") -> Reply:
    head = f"<title>{escape(title)}</title>"
    if canonical:
        head += f"<link rel='canonical' href='{escape(canonical)}'>"
    if published:
        head += f"<meta property='article:published_time' content='{published}'>"
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return Reply(f"<!doctype html><html><head>{head}</head><body><article><h1>{escape(title)}</h1>"
                 f"{body}</article></body></html>".encode())
