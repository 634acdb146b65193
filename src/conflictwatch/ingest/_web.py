"""Reading reports from http(s) URLs: article pages, plain text, and RSS/Atom feeds.

Every fetch streams the body and stops at ``max_bytes``; a whole fetch (connect, redirects and
body) gives up after ``timeout`` seconds. Feeds are recognised by content type
(``application/rss+xml``, ``application/atom+xml``) or, for generic XML or HTML types and missing
types, by sniffing the start of the body for ``<rss``, ``<feed`` or ``<rdf:RDF``. Each feed entry
becomes a document; when an entry carries only a short summary and ``follow_links`` is on, its
link is fetched (same caps) and the page's main text used, falling back to the summary with a note
when that fetch fails.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import feedparser
import httpx

from conflictwatch.errors import FeedParseError, FeedUnreachable, IngestError
from conflictwatch.ingest._files import dated, normalise_lang
from conflictwatch.ingest._results import IngestFailure, IngestNote, UndatedDocument
from conflictwatch.ingest._text import (
    check_not_binary,
    decode_text,
    extract_html,
    format_size,
    has_words,
    html_fragment_text,
)
from conflictwatch.records import Document

__all__ = ["SHORT_SUMMARY_CHARS", "USER_AGENT", "Fetched", "fetch", "is_url", "read_url"]

USER_AGENT = "conflictwatch/0.1 (+https://github.com/conflictwatch)"
#: A feed entry with less text than this is "only a summary": its page is fetched (follow_links).
SHORT_SUMMARY_CHARS = 500

Item = Document | IngestFailure | IngestNote | UndatedDocument

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_SNIFF = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_SNIFF = re.compile(rb"<(?:!doctype html|html|head|body|p|div|article)[\s>]")


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL (anything else is taken as a path)."""
    return source.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body with the URL it came from after redirects."""

    url: str
    content_type: str
    charset: str
    body: bytes
    retrieved: datetime


def _headers(client: httpx.Client) -> dict[str, str]:
    ua = client.headers.get("user-agent", "")
    return {"User-Agent": USER_AGENT} if not ua or ua.startswith("python-httpx/") else {}


def fetch(url: str, *, client: httpx.Client, max_bytes: int, timeout: float, what: str = "page") -> Fetched:
    """GET ``url`` with the caps; raise :class:`FeedUnreachable` with a message users can act on."""
    deadline = time.monotonic() + timeout
    try:
        with client.stream("GET", url, headers=_headers(client), timeout=timeout,
                           follow_redirects=True) as resp:
            if resp.status_code >= 400:
                raise FeedUnreachable(
                    f"HTTP {resp.status_code} {resp.reason_phrase}; check the URL"
                    + (" or retry later" if resp.status_code >= 500 or resp.status_code == 429 else ""),
                    source=url)
            declared = resp.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FeedUnreachable(
                    f"{what} is {format_size(int(declared))}, over the {format_size(max_bytes)} limit; "
                    "raise --max-bytes to read it", source=url)
            chunks: list[bytes] = []
            size = 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FeedUnreachable(
                        f"{what} is over the {format_size(max_bytes)} limit (stopped reading); "
                        "raise --max-bytes to read it", source=url)
                chunks.append(chunk)
                if time.monotonic() > deadline:
                    raise FeedUnreachable(
                        f"timed out after {timeout:g} s (the server sends too slowly); "
                        "retry later or raise --timeout", source=url)
            ctype = resp.headers.get("content-type", "")
            return Fetched(url=str(resp.url), content_type=ctype.split(";")[0].strip().lower(),
                           charset=resp.charset_encoding or "", body=b"".join(chunks),
                           retrieved=datetime.now(UTC))
    except httpx.TimeoutException as exc:
        raise FeedUnreachable(f"timed out after {timeout:g} s; check the address, retry later "
                              "or raise --timeout", source=url) from exc
    except httpx.TooManyRedirects as exc:
        raise FeedUnreachable("too many redirects; check the URL", source=url) from exc
    except httpx.ConnectError as exc:
        raise FeedUnreachable(f"could not connect ({exc}); check the address and your network",
                              source=url) from exc
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FeedUnreachable(f"not a valid http(s) URL ({exc}); check the address", source=url) from exc
    except httpx.HTTPError as exc:
        raise FeedUnreachable(f"fetch failed ({type(exc).__name__}: {exc}); check the URL or retry later",
                              source=url) from exc


def _kind(fetched: Fetched) -> str:
    head = fetched.body[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    ctype = fetched.content_type
    if ctype in _FEED_TYPES or _FEED_SNIFF.search(head):
        return "feed"
    if ctype in _HTML_TYPES or _HTML_SNIFF.search(head):
        return "html"
    if ctype == "text/plain" or (not ctype and head):
        return "text"
    if ctype in _XML_TYPES:
        raise FeedParseError("the XML is neither an RSS nor an Atom feed; check the feed URL",
                             source=fetched.url)
    raise IngestError(f"unsupported content type {ctype!r}; pass an HTML page, a text file "
                      "or an RSS/Atom feed URL", source=fetched.url)


def _read_plain(source: str, fetched: Fetched) -> Document:
    if fetched.charset:
        try:
            text = fetched.body.decode(fetched.charset)
        except (UnicodeDecodeError, LookupError):
            text = decode_text(fetched.body, what="page").text
    else:
        text = decode_text(fetched.body, what="page").text
    if not has_words(text):
        raise IngestError("the page is empty (no text); check the URL", source=source)
    return Document.from_text(text.strip(), url=fetched.url, retrieved=fetched.retrieved)


def _read_page(source: str, fetched: Fetched) -> Document:
    if not fetched.body.strip():
        raise IngestError("the page is empty (no text); check the URL", source=source)
    check_not_binary(fetched.body, what="page")
    page = extract_html(fetched.body, url=fetched.url, what="page")
    return Document.from_text(page.text, url=fetched.url, title=page.title, outlet=page.outlet,
                              published=page.published, retrieved=fetched.retrieved)


def _struct_date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_text(entry: Any) -> str:
    candidates = [c.get("value", "") for c in entry.get("content") or ()]
    candidates.append(entry.get("summary", ""))
    texts = [html_fragment_text(c) for c in candidates if c]
    return max(texts, key=len, default="")


@dataclass(frozen=True, slots=True)
class _Caps:
    client: httpx.Client
    max_bytes: int
    timeout: float
    follow_links: bool
    published: date | None = None


def _read_entry(entry: Any, index: int, feed_source: str, feed: Any, fetched: Fetched,
                caps: _Caps) -> Iterator[Item]:
    link = str(entry.get("link") or "")
    title = " ".join(str(entry.get("title") or "").split())
    label = f"{feed_source} entry {index}" + (f" ({link})" if link else "")
    text = _entry_text(entry)
    published = _struct_date(entry)
    retrieved = fetched.retrieved
    outlet = " ".join(str(feed.feed.get("title") or "").split())
    if caps.follow_links and len(text) < SHORT_SUMMARY_CHARS and is_url(link):
        try:
            page_fetched = fetch(link, client=caps.client, max_bytes=caps.max_bytes,
                                 timeout=caps.timeout)
            page = _read_page(link, page_fetched) if _kind(page_fetched) == "html" else None
            if page is None:
                raise IngestError("the entry's link is not an HTML page", source=link)
        except IngestError as exc:
            if not has_words(text):
                yield IngestFailure(label, f"the entry has no text and its page failed: {exc}")
                return
            yield IngestNote(label, f"could not fetch the entry's page ({exc}); used the feed summary")
        else:
            if len(page.text) > len(text):
                text, retrieved = page.text, page_fetched.retrieved
                published = published or page.published
    if not has_words(text):
        yield IngestFailure(label, "the entry has no text (no summary or content); "
                                   "check the feed, or fetch the article URL directly")
        return
    doc = Document.from_text(
        text, url=link, title=title, outlet=outlet, published=published, retrieved=retrieved,
        language=normalise_lang(feed.feed.get("language")),
        source_id=str(entry.get("id") or link),
    )
    yield from dated(doc, label, default=caps.published, reference=retrieved.date())


def _read_feed(source: str, fetched: Fetched, caps: _Caps) -> Iterator[Item]:
    feed = feedparser.parse(fetched.body, response_headers={
        "content-location": fetched.url, "content-type": fetched.content_type or "application/xml"})
    if not feed.entries:
        if feed.get("bozo"):
            raise FeedParseError(f"could not parse the feed ({feed.get('bozo_exception')}); "
                                 "check the URL serves RSS or Atom", source=source)
        yield IngestNote(source, "the feed has no entries")
        return
    for i, entry in enumerate(feed.entries, start=1):
        yield from _read_entry(entry, i, source, feed, fetched, caps)


def read_url(source: str, *, client: httpx.Client, max_bytes: int, timeout: float,
             follow_links: bool, published: date | None = None) -> Iterator[Item]:
    """Documents, failures and notes from one http(s) URL (a page, a text file or a feed).

    Each document is dated by :func:`~conflictwatch.ingest._files.dated`: the date the page or
    feed entry states, else its dateline (a day without a year is the latest such day not after
    ``published`` or the day of the fetch), else ``published``; an :class:`UndatedDocument`
    follows each one left without a date.
    """
    try:
        fetched = fetch(source, client=client, max_bytes=max_bytes, timeout=timeout)
        kind = _kind(fetched)
        reference = fetched.retrieved.date()
        if kind == "feed":
            yield from _read_feed(source, fetched,
                                  _Caps(client, max_bytes, timeout, follow_links, published))
        elif kind == "html":
            yield from dated(_read_page(source, fetched), source, default=published, reference=reference)
        else:
            yield from dated(_read_plain(source, fetched), source, default=published, reference=reference)
    except IngestError as exc:
        yield IngestFailure(source, str(exc))
