"""Reading reports from http(s) URLs: article pages, plain text, RSS/Atom feeds and listing pages.

Fetching is safe by default (:class:`FetchPolicy`, applied by :class:`Fetcher`):

* only ``http://`` and ``https://`` URLs are fetched, and redirects are followed by hand, each hop
  checked again: a redirect to ``file://`` or any other scheme is refused;
* a host that resolves to a loopback, private, link-local, shared, reserved or multicast address
  (127.0.0.0/8, 10/8, 172.16/12, 192.168/16, 169.254/16, 100.64/10, ::1, fc00::/7, fe80::/10...)
  is refused *before* any connection, unless the policy allows it (``allow_hosts`` names the host,
  or ``allow_private`` allows every internal address); the address actually connected to is
  checked again, against DNS answers that change between the check and the connection;
* every fetch streams its body and stops at ``max_bytes``; a whole fetch (connect, redirects and
  body) gives up after ``timeout`` seconds;
* a feed is read up to ``max_items`` entries (its budget): the rest are reported, not fetched;
* transient failures (connection errors, timeouts, HTTP 429 and 5xx) are retried ``retries``
  times, waiting ``backoff`` seconds and doubling (or what ``Retry-After`` asks, up to a minute);
* requests to one host are spaced by at least ``min_interval`` seconds (:class:`HostThrottle`);
* conditional requests: :meth:`Fetcher.fetch` sends ``If-None-Match`` / ``If-Modified-Since``
  when given the ``ETag`` / ``Last-Modified`` of an earlier fetch, and a 304 answer comes back as
  a :class:`Fetched` whose ``not_modified`` is true.

Feeds are recognised by content type (``application/rss+xml``, ``application/atom+xml``) or, for
generic XML or HTML types and missing types, by sniffing the start of the body for ``<rss``,
``<feed`` or ``<rdf:RDF``. Each feed entry becomes a document; when an entry carries only a short
summary and ``follow_links`` is on, its link is fetched (same policy) and the page's main text
used, falling back to the summary with a note when that fetch fails.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import time
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import feedparser
import httpx
import lxml.etree
import lxml.html

from conflictwatch.constants import DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS, DEFAULT_TIMEOUT
from conflictwatch.errors import FeedParseError, FeedUnreachable, IngestError
from conflictwatch.ingest._files import dated, normalise_lang
from conflictwatch.ingest._results import IngestFailure, IngestNote, ReadProgress, UndatedDocument
from conflictwatch.ingest._text import (
    check_not_binary,
    decode_text,
    extract_html,
    format_size,
    has_words,
    html_fragment_text,
)
from conflictwatch.records import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ITEMS",
    "DEFAULT_TIMEOUT",
    "SHORT_SUMMARY_CHARS",
    "USER_AGENT",
    "FeedEntry",
    "FetchPolicy",
    "Fetched",
    "Fetcher",
    "HostThrottle",
    "ParsedFeed",
    "canonical_url",
    "content_kind",
    "entry_documents",
    "fetch",
    "is_url",
    "listing_links",
    "page_document",
    "parse_feed",
    "read_url",
]

USER_AGENT = "conflictwatch/0.1 (+https://github.com/conflictwatch)"
#: A feed entry with less text than this is "only a summary": its page is fetched (follow_links).
SHORT_SUMMARY_CHARS = 500
#: Redirects followed for one fetch.
DEFAULT_MAX_REDIRECTS = 5
#: The longest wait a ``Retry-After`` header gets (seconds).
MAX_RETRY_AFTER = 60.0

Item = Document | IngestFailure | IngestNote | UndatedDocument | ReadProgress

_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_SNIFF = re.compile(rb"<(?:rss|feed|rdf:rdf)[\s>]")
_HTML_SNIFF = re.compile(rb"<(?:!doctype html|html|head|body|p|div|article)[\s>]")
_REDIRECTS = (301, 302, 303, 307, 308)
_TRACKING_PARAMS = re.compile(r"^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|at_medium|at_campaign|xtor)$", re.IGNORECASE)


def is_url(source: str) -> bool:
    """Whether ``source`` is an http(s) URL (anything else is taken as a path)."""
    return source.lower().startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """What a :class:`Fetcher` may fetch, and how (see the module docstring).

    ``allow_hosts``: host names or addresses (``"intranet.example"``, ``"127.0.0.1"``, or with a
    port, ``"127.0.0.1:8080"``) that may resolve to internal addresses; ``allow_private`` allows
    every internal address (a deployment that only reads its own network).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    timeout: float = DEFAULT_TIMEOUT
    max_items: int = DEFAULT_MAX_ITEMS
    allow_hosts: frozenset[str] = frozenset()
    allow_private: bool = False
    max_redirects: int = DEFAULT_MAX_REDIRECTS
    retries: int = 0
    backoff: float = 1.0
    min_interval: float = 0.0

    @classmethod
    def make(cls, *, allow_hosts: Collection[str] = (), **kw: Any) -> FetchPolicy:
        """A policy with ``allow_hosts`` normalised (lower case, stripped)."""
        return cls(allow_hosts=frozenset(h.strip().lower() for h in allow_hosts if h.strip()), **kw)

    def allows_host(self, url: httpx.URL) -> bool:
        """Whether ``url``'s host may be internal under this policy."""
        if self.allow_private:
            return True
        host = url.host.lower()
        port = url.port or (443 if url.scheme == "https" else 80)
        return host in self.allow_hosts or f"{host}:{port}" in self.allow_hosts \
            or f"[{host}]:{port}" in self.allow_hosts


@dataclass(frozen=True, slots=True)
class Fetched:
    """A fetched body with the URL it came from after redirects.

    ``status`` is 200-299, or 304 when a conditional request found nothing new (``body`` is then
    empty and ``not_modified`` true). ``etag`` and ``last_modified`` are the response's validators,
    to send with the next fetch of the same URL.
    """

    url: str
    content_type: str
    charset: str
    body: bytes
    retrieved: datetime
    status: int = 200
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Transient(FeedUnreachable):
    """A failure worth retrying (connection error, timeout, HTTP 429 or 5xx)."""

    def __init__(self, message: str, *, source: str, retry_after: float | None = None) -> None:
        super().__init__(message, source=source)
        self.retry_after = retry_after


def _address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is internal ("loopback", "private"...), or None for a public address."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for kind, test in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                       ("unspecified", ip.is_unspecified), ("multicast", ip.is_multicast),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if test:
            return kind
    return None if ip.is_global else "non-public"


def _resolve(host: str, port: int) -> list[str]:
    try:
        return [ipaddress.ip_address(host).compressed]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]).split("%")[0] for info in infos})


def _refusal(url: httpx.URL, policy: FetchPolicy) -> str | None:
    """Why ``url`` may not be fetched under ``policy`` (scheme or address), or None."""
    if url.scheme not in ("http", "https"):
        return f"{url.scheme}:// is not fetched (only http:// and https://)"
    if not url.host:
        return "the URL has no host"
    if policy.allows_host(url):
        return None
    try:
        addresses = _resolve(url.host, url.port or (443 if url.scheme == "https" else 80))
    except (socket.gaierror, UnicodeError) as exc:
        raise _Transient(f"could not resolve the host {url.host} ({exc}); check the address and your network",
                         source=str(url)) from exc
    for addr in addresses:
        kind = _address_kind(ipaddress.ip_address(addr))
        if kind is not None:
            where = url.host if url.host == addr else f"{url.host} ({addr})"
            return (f"{where} is a {kind} address, not fetched unless allowed; "
                    f"allow it with --allow-host {url.host} (or allow_hosts in the source's settings) "
                    "if this source is meant to be internal")
    return None


class HostThrottle:
    """Spaces requests to one host (``host:port``) by at least ``min_interval`` seconds."""

    def __init__(self, min_interval: float = 0.0, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.min_interval = min_interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, url: httpx.URL) -> None:
        """Sleep until a request to ``url``'s host is due, and count it as made now."""
        key = f"{url.host}:{url.port or (443 if url.scheme == 'https' else 80)}"
        last = self._last.get(key)
        if last is not None and self.min_interval > 0:
            due = last + self.min_interval - self._clock()
            if due > 0:
                self._sleep(due)
        self._last[key] = self._clock()


def _retry_after(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


@dataclass
class Fetcher:
    """Fetches URLs under a :class:`FetchPolicy` through an ``httpx.Client`` (left open).

    ``sleep`` waits between retries and for the throttle (a monitor passes one that wakes up when
    asked to stop); ``throttle`` defaults to one spacing hosts by ``policy.min_interval``.
    """

    client: httpx.Client
    policy: FetchPolicy = field(default_factory=FetchPolicy)
    sleep: Callable[[float], None] = time.sleep
    throttle: HostThrottle | None = None
    #: Requests sent (every hop and retry counts).
    requests: int = 0

    def __post_init__(self) -> None:
        if self.throttle is None:
            self.throttle = HostThrottle(self.policy.min_interval, sleep=self.sleep)

    def fetch(self, url: str, *, what: str = "page", etag: str = "", last_modified: str = "") -> Fetched:
        """GET ``url`` under the policy (retrying transient failures); raise
        :class:`FeedUnreachable` with a message users can act on."""
        attempts = self.policy.retries + 1
        for attempt in range(attempts):
            try:
                return self._fetch_once(url, what=what, etag=etag, last_modified=last_modified)
            except _Transient as exc:
                if attempt == attempts - 1:
                    message = str(exc) if attempts == 1 else f"{exc} (tried {attempts} times)"
                    raise FeedUnreachable(message, source=url) from exc
                delay = self.policy.backoff * 2 ** attempt
                if exc.retry_after is not None:
                    delay = max(delay, min(exc.retry_after, MAX_RETRY_AFTER))
                self.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _headers(self, etag: str, last_modified: str) -> dict[str, str]:
        ua = self.client.headers.get("user-agent", "")
        headers = {"User-Agent": USER_AGENT} if not ua or ua.startswith("python-httpx/") else {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return headers

    def _fetch_once(self, url: str, *, what: str, etag: str, last_modified: str) -> Fetched:
        policy = self.policy
        deadline = time.monotonic() + policy.timeout
        try:
            target = httpx.URL(url)
            problem = _refusal(target, policy)
            if problem is not None:
                raise FeedUnreachable(f"refused: {problem}", source=url)
            for _hop in range(policy.max_redirects + 1):
                assert self.throttle is not None
                self.throttle.wait(target)
                left = max(0.05, deadline - time.monotonic())
                self.requests += 1
                with self.client.stream("GET", target, headers=self._headers(etag, last_modified),
                                        timeout=left, follow_redirects=False) as resp:
                    self._check_peer(resp, target, url)
                    if resp.status_code in _REDIRECTS and resp.headers.get("location"):
                        location = resp.headers["location"]
                        try:
                            nxt = target.join(location)
                        except httpx.InvalidURL as exc:
                            raise FeedUnreachable(f"redirected to {location!r}, not a valid URL; "
                                                  "check the URL", source=url) from exc
                        problem = _refusal(nxt, policy)
                        if problem is not None:
                            shown = location if "://" in location else str(nxt)
                            raise FeedUnreachable(f"redirected to {shown}: not followed: {problem}", source=url)
                        target = nxt
                        continue
                    return self._read(resp, url, what=what, deadline=deadline)
            raise FeedUnreachable("too many redirects; check the URL", source=url)
        except httpx.TimeoutException as exc:
            raise _Transient(f"timed out after {policy.timeout:g} s; check the address, retry later "
                             "or raise --timeout", source=url) from exc
        except httpx.ConnectError as exc:
            raise _Transient(f"could not connect ({exc}); check the address and your network",
                             source=url) from exc
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FeedUnreachable(f"not a valid http(s) URL ({exc}); check the address", source=url) from exc
        except httpx.HTTPError as exc:
            raise _Transient(f"fetch failed ({type(exc).__name__}: {exc}); check the URL or retry later",
                             source=url) from exc

    def _check_peer(self, resp: httpx.Response, target: httpx.URL, url: str) -> None:
        """Refuse a connection that reached an internal address (DNS changed since the check)."""
        if self.policy.allows_host(target):
            return
        stream = resp.extensions.get("network_stream")
        peer = stream.get_extra_info("server_addr") if stream is not None else None
        if not peer:
            return
        try:
            kind = _address_kind(ipaddress.ip_address(str(peer[0]).split("%")[0]))
        except ValueError:
            return
        if kind is not None:
            raise FeedUnreachable(f"refused: {target.host} connected to {peer[0]}, a {kind} address; "
                                  f"allow it with --allow-host {target.host} if this source is meant "
                                  "to be internal", source=url)

    def _read(self, resp: httpx.Response, url: str, *, what: str, deadline: float) -> Fetched:
        policy = self.policy
        etag = resp.headers.get("etag", "")
        modified = resp.headers.get("last-modified", "")
        if resp.status_code == 304:
            return Fetched(url=str(resp.url), content_type="", charset="", body=b"",
                           retrieved=datetime.now(UTC), status=304, etag=etag, last_modified=modified)
        if resp.status_code >= 400:
            message = (f"HTTP {resp.status_code} {resp.reason_phrase}; check the URL"
                       + (" or retry later" if resp.status_code >= 500 or resp.status_code == 429 else ""))
            if resp.status_code >= 500 or resp.status_code == 429:
                raise _Transient(message, source=url,
                                 retry_after=_retry_after(resp.headers.get("retry-after", "")))
            raise FeedUnreachable(message, source=url)
        declared = resp.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > policy.max_bytes:
            raise FeedUnreachable(
                f"{what} is {format_size(int(declared))}, over the {format_size(policy.max_bytes)} limit; "
                "raise --max-bytes to read it", source=url)
        chunks: list[bytes] = []
        size = 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise FeedUnreachable(
                    f"{what} is over the {format_size(policy.max_bytes)} limit (stopped reading); "
                    "raise --max-bytes to read it", source=url)
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise _Transient(
                    f"timed out after {policy.timeout:g} s (the server sends too slowly); "
                    "retry later or raise --timeout", source=url)
        ctype = resp.headers.get("content-type", "")
        return Fetched(url=str(resp.url), content_type=ctype.split(";")[0].strip().lower(),
                       charset=resp.charset_encoding or "", body=b"".join(chunks),
                       retrieved=datetime.now(UTC), status=resp.status_code, etag=etag,
                       last_modified=modified)


def fetch(url: str, *, client: httpx.Client, policy: FetchPolicy | None = None, what: str = "page") -> Fetched:
    """GET ``url`` once under ``policy`` (default: :class:`FetchPolicy`'s defaults)."""
    return Fetcher(client, policy or FetchPolicy()).fetch(url, what=what)


def canonical_url(url: str) -> str:
    """``url`` in the form two mentions of one article share: scheme and host in lower case, no
    default port, no fragment, no tracking parameters (``utm_*``, ``fbclid``...), the other query
    parameters sorted, no trailing slash on a non-root path. Not an http(s) URL: returned as is."""
    if not is_url(url):
        return url
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.port and not ((scheme == "http" and parts.port == 80) or (scheme == "https" and parts.port == 443)):
        host = f"{host}:{parts.port}"
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not _TRACKING_PARAMS.match(k)))
    return urlunsplit((scheme, host, path, query, ""))


def _page_canonical(body: bytes, base: str) -> str:
    try:
        root = lxml.html.document_fromstring(body)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for link in root.iterfind(".//link[@rel]"):
        if "canonical" in (link.get("rel") or "").lower().split() and link.get("href"):
            href = urljoin(base, link.get("href", "").strip())
            return href if is_url(href) else ""
    return ""


def content_kind(fetched: Fetched) -> str:
    """What a fetched body is: "feed" (RSS/Atom), "html" or "text" (by content type, else sniffed)."""
    return _kind(fetched)


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


def page_document(source: str, fetched: Fetched) -> Document:
    """The document of a fetched HTML page (main text, title, date, site name); its ``url`` is the
    page's ``<link rel="canonical">`` when it names one, else the URL fetched."""
    if not fetched.body.strip():
        raise IngestError("the page is empty (no text); check the URL", source=source)
    check_not_binary(fetched.body, what="page")
    page = extract_html(fetched.body, url=fetched.url, what="page")
    url = _page_canonical(fetched.body, fetched.url) or fetched.url
    return Document.from_text(page.text, url=url, title=page.title, outlet=page.outlet,
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
class FeedEntry:
    """One feed entry as the feed gives it: ``key`` is its guid (else its link), ``label`` names
    it in messages (``FEED entry N (LINK)``)."""

    index: int
    key: str
    link: str
    title: str
    text: str
    published: date | None
    label: str


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's entries (its first ``max_items``), its title and language, and how many entries
    it held in all (``total``; more than ``len(entries)`` when the budget cut it)."""

    source: str
    title: str
    language: str
    entries: tuple[FeedEntry, ...]
    total: int
    fetched: Fetched

    @property
    def over_budget(self) -> IngestNote | None:
        """The note to give when the budget left entries unread, else None."""
        if self.total <= len(self.entries):
            return None
        return IngestNote(self.source, f"the feed has {self.total:,} entries, over its budget of "
                                       f"{len(self.entries):,}: read the first {len(self.entries):,} and "
                                       "left the rest unread; raise --max-items to read more")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def _cut_to_budget(body: bytes, max_items: int) -> tuple[bytes, int | None]:
    """The feed with only its first ``max_items`` entries, and how many it had (None when the XML
    does not parse here; feedparser then reads it whole and reports what is wrong)."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                                  huge_tree=False, recover=False)
    try:
        root = lxml.etree.fromstring(body, parser=parser)
    except (lxml.etree.XMLSyntaxError, ValueError):
        return body, None
    containers = [root] + [el for el in root if _local(el.tag) == "channel"]
    entries = [el for parent in containers for el in parent if _local(el.tag) in ("item", "entry")]
    if len(entries) <= max_items:
        return body, len(entries)
    for el in entries[max_items:]:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
    return lxml.etree.tostring(root, xml_declaration=True, encoding="utf-8"), len(entries)


def parse_feed(source: str, fetched: Fetched, *, max_items: int = DEFAULT_MAX_ITEMS) -> ParsedFeed:
    """The entries of a fetched RSS/Atom feed, cut to ``max_items`` before parsing (a feed of
    10,000 entries costs what its budget does). :class:`FeedParseError` when it is not a feed."""
    body, total = _cut_to_budget(fetched.body, max_items)
    feed = feedparser.parse(body, response_headers={
        "content-location": fetched.url, "content-type": fetched.content_type or "application/xml"})
    if not feed.entries and feed.get("bozo"):
        raise FeedParseError(f"could not parse the feed ({feed.get('bozo_exception')}); "
                             "check the URL serves RSS or Atom", source=source)
    raw = feed.entries[:max_items]
    entries = []
    for i, entry in enumerate(raw, start=1):
        link = str(entry.get("link") or "")
        entries.append(FeedEntry(
            index=i, key=str(entry.get("id") or link), link=link,
            title=" ".join(str(entry.get("title") or "").split()), text=_entry_text(entry),
            published=_struct_date(entry), label=f"{source} entry {i}" + (f" ({link})" if link else "")))
    return ParsedFeed(source=source, title=" ".join(str(feed.feed.get("title") or "").split()),
                      language=normalise_lang(feed.feed.get("language")), entries=tuple(entries),
                      total=max(total or 0, len(feed.entries)), fetched=fetched)


def entry_documents(entry: FeedEntry, feed: ParsedFeed, *, fetcher: Fetcher, follow_links: bool,
                    published: date | None = None) -> Iterator[Item]:
    """The document of one feed entry (its page's text when the entry has only a summary and
    ``follow_links`` is on), dated; or a failure, with notes on the way."""
    text, published_at, retrieved = entry.text, entry.published, feed.fetched.retrieved
    url = entry.link
    if follow_links and len(text) < SHORT_SUMMARY_CHARS and is_url(entry.link):
        try:
            page_fetched = fetcher.fetch(entry.link)
            page = page_document(entry.link, page_fetched) if _kind(page_fetched) == "html" else None
            if page is None:
                raise IngestError("the entry's link is not an HTML page", source=entry.link)
        except IngestError as exc:
            if not has_words(text):
                yield IngestFailure(entry.label, f"the entry has no text and its page failed: {exc}")
                return
            yield IngestNote(entry.label, f"could not fetch the entry's page ({exc}); used the feed summary")
        else:
            if len(page.text) > len(text):
                text, retrieved = page.text, page_fetched.retrieved
                published_at = published_at or page.published
                url = page.url or entry.link
    if not has_words(text):
        yield IngestFailure(entry.label, "the entry has no text (no summary or content); "
                                         "check the feed, or fetch the article URL directly")
        return
    doc = Document.from_text(text, url=url, title=entry.title, outlet=feed.title, published=published_at,
                             retrieved=retrieved, language=feed.language, source_id=entry.key)
    yield from dated(doc, entry.label, default=published, reference=retrieved.date())


def listing_links(fetched: Fetched, *, pattern: str = "", same_host: bool = True,
                  max_items: int = DEFAULT_MAX_ITEMS) -> list[str]:
    """The article links of a listing page (a section front, a press-release index): absolute
    http(s) links, in page order, each once, on the page's host unless ``same_host`` is off, and
    matching the regular expression ``pattern`` when given; at most ``max_items``."""
    try:
        root = lxml.html.document_fromstring(fetched.body)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise IngestError("the listing page is not readable HTML; check the URL", source=fetched.url) from exc
    wanted = re.compile(pattern) if pattern else None
    host = (urlsplit(fetched.url).hostname or "").lower()
    out: list[str] = []
    seen: set[str] = set()
    for a in root.iterfind(".//a[@href]"):
        href = urljoin(fetched.url, (a.get("href") or "").strip())
        if not is_url(href):
            continue
        if same_host and (urlsplit(href).hostname or "").lower() != host:
            continue
        if wanted is not None and not wanted.search(href):
            continue
        key = canonical_url(href)
        if key in seen or key == canonical_url(fetched.url):
            continue
        seen.add(key)
        out.append(href.split("#", 1)[0])
        if len(out) >= max_items:
            break
    return out


def read_url(source: str, *, fetcher: Fetcher, follow_links: bool,
             published: date | None = None) -> Iterator[Item]:
    """Documents, failures and notes from one http(s) URL (a page, a text file or a feed).

    Each document is dated by :func:`~conflictwatch.ingest._files.dated`: the date the page or
    feed entry states, else its dateline (a day without a year is the latest such day not after
    ``published`` or the day of the fetch), else ``published``; an :class:`UndatedDocument`
    follows each one left without a date.
    """
    try:
        fetched = fetcher.fetch(source)
        kind = _kind(fetched)
        reference = fetched.retrieved.date()
        if kind == "feed":
            feed = parse_feed(source, fetched, max_items=fetcher.policy.max_items)
            if not feed.entries:
                yield IngestNote(source, "the feed has no entries")
            yield ReadProgress(planned=len(feed.entries))
            for entry in feed.entries:
                yield from entry_documents(entry, feed, fetcher=fetcher, follow_links=follow_links,
                                           published=published)
                yield ReadProgress(done=1)
            note = feed.over_budget
            if note is not None:
                yield note
        elif kind == "html":
            yield from dated(page_document(source, fetched), source, default=published, reference=reference)
        else:
            yield from dated(_read_plain(source, fetched), source, default=published, reference=reference)
    except IngestError as exc:
        yield IngestFailure(source, str(exc))
    yield ReadProgress(done=1)
