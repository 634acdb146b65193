"""Safe fetching: schemes, internal addresses, redirects, feed budgets, retries, conditional
requests and per-host spacing, against a real HTTP server on 127.0.0.1.

The server is on a loopback address, which fetching refuses unless allowed: each test says what
it allows. Redirects to private or link-local addresses are only ``Location`` headers; the fetcher
must refuse them before connecting, so no traffic leaves this machine.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Iterator

import httpx
import pytest

import conflictwatch.ingest._web as web_mod
from conflictwatch.errors import FeedUnreachable
from conflictwatch.ingest import (
    Fetcher,
    FetchPolicy,
    HostThrottle,
    IngestFailure,
    IngestNote,
    canonical_url,
    listing_links,
    read_sources,
)
from conflictwatch.records import Document
from tests._localweb import LocalWeb, Reply, html_page, local_web, rss

ARTICLE = html_page("Convoy ambushed near Douentza", [
    "Gunmen ambushed a supply convoy on the road south of Douentza on Tuesday, a local official said.",
    "Two drivers were wounded and three lorries burned before the army arrived from Boni.",
])


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with local_web() as server:
        yield server


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with httpx.Client() as c:
        yield c


def _read(*urls: str, **kw: object) -> tuple[list[Document], list[IngestFailure], list[IngestNote]]:
    notes: list[IngestNote] = []
    docs: list[Document] = []
    failures: list[IngestFailure] = []
    for item in read_sources(list(urls), on_note=notes.append, **kw):  # type: ignore[arg-type]
        (docs if isinstance(item, Document) else failures).append(item)  # type: ignore[arg-type]
    return docs, failures, notes


def test_a_loopback_url_is_refused_before_any_request(web: LocalWeb) -> None:
    web.routes["/a"] = ARTICLE
    url = web.url("a")
    docs, failures, _ = _read(url)
    assert docs == []
    assert failures == [IngestFailure(url, (
        "refused: 127.0.0.1 is a loopback address, not fetched unless allowed; allow it with "
        "--allow-host 127.0.0.1 (or allow_hosts in the source's settings) if this source is meant to be internal"))]
    assert web.requests == []


def test_a_host_name_that_resolves_to_loopback_is_refused_naming_its_address(web: LocalWeb) -> None:
    url = web.url("a", host="localhost")
    [failure] = _read(url)[1]
    assert failure.message.startswith("refused: localhost (127.0.0.1) is a loopback address")
    assert web.requests == []


@pytest.mark.parametrize(("url", "kind"), [
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://10.20.30.40/", "private"),
    ("http://192.168.1.1:8080/feed", "private"),
    ("http://[::1]:9/", "loopback"),
    ("http://[::ffff:127.0.0.1]:9/", "loopback"),
    ("http://0.0.0.0:9/", "unspecified"),
])
def test_internal_addresses_are_refused_without_connecting(url: str, kind: str) -> None:
    [failure] = _read(url, timeout=0.5)[1]
    assert f" is a {kind} address, not fetched unless allowed" in failure.message


def test_an_allowed_host_is_fetched(web: LocalWeb) -> None:
    web.routes["/a"] = ARTICLE
    [doc], failures, _ = _read(web.url("a"), allow_hosts=["127.0.0.1"])
    assert failures == []
    assert doc.title == "Convoy ambushed near Douentza"


def test_an_allowed_host_with_a_port_allows_that_port_only(web: LocalWeb) -> None:
    web.routes["/a"] = ARTICLE
    docs, _, _ = _read(web.url("a"), allow_hosts=[f"127.0.0.1:{web.port}"])
    assert len(docs) == 1
    [failure] = _read(web.url("a"), allow_hosts=[f"127.0.0.1:{web.port + 1}"])[1]
    assert failure.message.startswith("refused: 127.0.0.1 is a loopback address")


def test_a_redirect_to_a_private_address_is_not_followed(web: LocalWeb) -> None:
    web.routes["/moved"] = Reply(status=302, headers={"Location": "http://10.20.30.40/admin"})
    url = web.url("moved")
    [failure] = _read(url, allow_hosts=["127.0.0.1"])[1]
    assert failure == IngestFailure(url, (
        "redirected to http://10.20.30.40/admin: not followed: 10.20.30.40 is a private address, not "
        "fetched unless allowed; allow it with --allow-host 10.20.30.40 (or allow_hosts in the source's "
        "settings) if this source is meant to be internal"))
    assert web.paths() == ["/moved"]


def test_a_redirect_to_a_file_url_is_not_followed(web: LocalWeb) -> None:
    web.routes["/moved"] = Reply(status=301, headers={"Location": "file:///etc/passwd"})
    url = web.url("moved")
    [failure] = _read(url, allow_hosts=["127.0.0.1"])[1]
    assert failure == IngestFailure(
        url, "redirected to file:///etc/passwd: not followed: file:// is not fetched (only http:// and https://)")


def test_a_redirect_from_an_allowed_host_to_another_internal_host_is_not_followed(web: LocalWeb) -> None:
    web.routes["/moved"] = Reply(status=307, headers={"Location": web.url("a")})
    web.routes["/a"] = ARTICLE
    [failure] = _read(web.url("moved", host="localhost"), allow_hosts=["localhost"])[1]
    assert failure.message.startswith(f"redirected to {web.url('a')}: not followed: 127.0.0.1 is a loopback")
    assert web.paths() == ["/moved"]


def test_feed_links_to_internal_addresses_are_not_fetched(web: LocalWeb) -> None:
    web.routes["/feed"] = rss("Sahel Desk", [
        {"title": "Convoy ambushed", "link": web.url("a"), "guid": "sd-1",
         "description": "A convoy was ambushed near Douentza on Tuesday."},
        {"title": "Metadata", "link": "http://169.254.169.254/latest/", "guid": "sd-2"},
    ])
    web.routes["/a"] = ARTICLE
    feed = web.url("feed", host="localhost")
    docs, failures, notes = _read(feed, allow_hosts=["localhost"])
    assert [d.text for d in docs] == ["A convoy was ambushed near Douentza on Tuesday."]
    assert notes[0].message.startswith("could not fetch the entry's page (refused: 127.0.0.1 is a loopback")
    assert failures[0].source == f"{feed} entry 2 (http://169.254.169.254/latest/)"
    assert "169.254.169.254 is a link-local address" in failures[0].message
    assert web.paths() == ["/feed"]


def test_an_address_that_changes_after_the_check_is_refused_on_connection(
        web: LocalWeb, monkeypatch: pytest.MonkeyPatch) -> None:
    web.routes["/a"] = ARTICLE
    monkeypatch.setattr(web_mod, "_resolve", lambda host, port: ["93.184.216.34"])  # the check sees a public address
    [failure] = _read(web.url("a", host="localhost"))[1]
    assert failure.message.startswith("refused: localhost connected to 127.0.0.1, a loopback address")


def _big_feed(n: int, web: LocalWeb) -> Reply:
    return rss("Wire", [{"title": f"Item {i}", "link": web.url(f"item/{i}"), "guid": f"urn:wire:{i}",
                         "description": f"Short note number {i} about the Mopti region."} for i in range(n)])


def test_a_feed_of_ten_thousand_entries_stops_at_its_budget_with_a_note(web: LocalWeb) -> None:
    web.routes["/big-feed"] = _big_feed(10_000, web)
    url = web.url("big-feed")
    docs, failures, notes = _read(url, allow_hosts=["127.0.0.1"], max_items=50, follow_links=False)
    assert failures == []
    assert [d.source_id for d in docs] == [f"urn:wire:{i}" for i in range(50)]
    assert notes == [IngestNote(url, "the feed has 10,000 entries, over its budget of 50: read the first 50 "
                                     "and left the rest unread; raise --max-items to read more")]
    assert web.paths() == ["/big-feed"]


def test_the_budget_bounds_the_pages_fetched_for_a_feed(web: LocalWeb) -> None:
    web.routes["/big-feed"] = _big_feed(10_000, web)
    _read(web.url("big-feed"), allow_hosts=["127.0.0.1"], max_items=20)
    assert len(web.requests) == 21  # the feed and the pages of its first 20 entries


def test_a_server_error_is_retried_with_backoff(web: LocalWeb, client: httpx.Client) -> None:
    answers = iter([Reply(b"busy", status=503), Reply(b"busy", status=500),
                    Reply(b"Curfew lifted in Gao.", content_type="text/plain")])
    web.routes["/flaky"] = lambda request: next(answers)
    waits: list[float] = []
    fetcher = Fetcher(client, FetchPolicy.make(allow_hosts=["127.0.0.1"], retries=2, backoff=0.5),
                      sleep=waits.append)
    fetched = fetcher.fetch(web.url("flaky"))
    assert fetched.body == b"Curfew lifted in Gao."
    assert waits == [0.5, 1.0]
    assert web.hits("/flaky") == 3


def test_retries_give_up_saying_how_often_they_tried(web: LocalWeb, client: httpx.Client) -> None:
    web.routes["/down"] = Reply(b"down", status=500)
    fetcher = Fetcher(client, FetchPolicy.make(allow_hosts=["127.0.0.1"], retries=1, backoff=0.0))
    with pytest.raises(FeedUnreachable) as exc:
        fetcher.fetch(web.url("down"))
    assert str(exc.value) == "HTTP 500 Internal Server Error; check the URL or retry later (tried 2 times)"


def test_a_client_error_is_not_retried(web: LocalWeb, client: httpx.Client) -> None:
    fetcher = Fetcher(client, FetchPolicy.make(allow_hosts=["127.0.0.1"], retries=3, backoff=0.0))
    with pytest.raises(FeedUnreachable, match="HTTP 404 Not Found; check the URL$"):
        fetcher.fetch(web.url("missing"))
    assert web.hits("/missing") == 1


def test_retry_after_sets_the_wait(web: LocalWeb, client: httpx.Client) -> None:
    answers = iter([Reply(b"slow down", status=429, headers={"Retry-After": "7"}),
                    Reply(b"Markets reopened in Mopti.", content_type="text/plain")])
    web.routes["/limited"] = lambda request: next(answers)
    waits: list[float] = []
    fetcher = Fetcher(client, FetchPolicy.make(allow_hosts=["127.0.0.1"], retries=1, backoff=1.0),
                      sleep=waits.append)
    assert fetcher.fetch(web.url("limited")).body == b"Markets reopened in Mopti."
    assert waits == [7.0]


def test_conditional_requests_send_the_validators_and_read_304(web: LocalWeb, client: httpx.Client) -> None:
    web.routes["/feed"] = Reply(b"<rss><channel></channel></rss>", content_type="application/rss+xml",
                                etag='"v1"', last_modified="Tue, 02 Dec 2025 08:00:00 GMT")
    fetcher = Fetcher(client, FetchPolicy.make(allow_hosts=["127.0.0.1"]))
    first = fetcher.fetch(web.url("feed"))
    assert (first.status, first.etag, first.last_modified) == (200, '"v1"', "Tue, 02 Dec 2025 08:00:00 GMT")
    again = fetcher.fetch(web.url("feed"), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert web.requests[-1].headers["if-none-match"] == '"v1"'
    assert web.requests[-1].headers["if-modified-since"] == "Tue, 02 Dec 2025 08:00:00 GMT"


def test_the_throttle_spaces_requests_to_one_host() -> None:
    now = [100.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    throttle = HostThrottle(2.0, clock=lambda: now[0], sleep=sleep)
    a, b = httpx.URL("http://news.example/1"), httpx.URL("http://other.example/1")
    throttle.wait(a)
    now[0] += 0.5
    throttle.wait(a)
    throttle.wait(b)
    assert waits == [1.5]


def test_fetches_to_one_host_are_spaced_by_the_minimum_interval(web: LocalWeb) -> None:
    web.routes["/t"] = Reply(b"Calm in Kidal.", content_type="text/plain")
    sent: list[float] = []  # when each request leaves the client (the server's arrival times
    # also carry the machine's load: a busy test run delayed one request more than the next)
    with httpx.Client(event_hooks={"request": [lambda request: sent.append(time.monotonic())]}) as client:
        fetcher = Fetcher(client, FetchPolicy.make(allow_hosts=["127.0.0.1"], min_interval=0.1))
        for _ in range(3):
            fetcher.fetch(web.url("t"))
    assert len(sent) == 3 and len(web.requests) == 3
    assert all(later - earlier >= 0.099 for earlier, later in itertools.pairwise(sent))


def test_a_slow_response_times_out(web: LocalWeb) -> None:
    web.routes["/slow"] = Reply(b"late", delay=1.0)
    url = web.url("slow")
    [failure] = _read(url, allow_hosts=["127.0.0.1"], timeout=0.2)[1]
    assert failure.message == "timed out after 0.2 s; check the address, retry later or raise --timeout"


def test_an_oversized_streamed_response_stops_at_the_cap(web: LocalWeb) -> None:
    web.routes["/huge"] = Reply(b"x" * 10_000, content_type="text/plain", chunks=100)
    [failure] = _read(web.url("huge"), allow_hosts=["127.0.0.1"], max_bytes=50_000)[1]
    assert failure.message == "page is over the 50 KB limit (stopped reading); raise --max-bytes to read it"


@pytest.mark.parametrize(("url", "canonical"), [
    ("HTTPS://News.Example:443/a/b/?utm_source=x&id=3&b=1#top", "https://news.example/a/b?b=1&id=3"),
    ("http://news.example:80/", "http://news.example/"),
    ("http://news.example:8080/story?fbclid=abc", "http://news.example:8080/story"),
    ("not a url", "not a url"),
])
def test_canonical_url_drops_what_does_not_name_the_article(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_a_page_naming_its_canonical_url_is_stored_under_it(web: LocalWeb) -> None:
    web.routes["/a"] = html_page("Convoy ambushed near Douentza", [
        "Gunmen ambushed a supply convoy on the road south of Douentza on Tuesday, a local official said."],
        canonical="https://wire.example/2025/convoy-douentza")
    [doc] = _read(web.url("a?utm_source=feed"), allow_hosts=["127.0.0.1"])[0]
    assert doc.url == "https://wire.example/2025/convoy-douentza"


def test_listing_links_gives_article_links_on_the_page_host_once(web: LocalWeb, client: httpx.Client) -> None:
    web.routes["/news"] = Reply(
        b"<html><body><a href='/news'>News</a><a href='/news/2025/attack-in-gao'>Gao</a>"
        b"<a href='/news/2025/attack-in-gao#comments'>comments</a><a href='/about'>About</a>"
        b"<a href='https://elsewhere.example/news/x'>x</a><a href='mailto:desk@example.org'>mail</a>"
        b"<a href='news/2025/mopti-market'>Mopti</a></body></html>")
    fetcher = Fetcher(client, FetchPolicy.make(allow_hosts=["127.0.0.1"]))
    links = listing_links(fetcher.fetch(web.url("news")), pattern=r"/news/\d{4}/")
    assert links == [web.url("news/2025/attack-in-gao"), web.url("news/2025/mopti-market")]
