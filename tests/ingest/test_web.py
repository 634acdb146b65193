"""Reading reports from URLs and RSS/Atom feeds, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import socket
from datetime import UTC, date, datetime, timedelta

import httpx

from conflictwatch.ingest import USER_AGENT, IngestFailure, IngestNote, read_sources
from conflictwatch.records import Document, document_id
from tests.ingest.conftest import Site


def _read(*urls: str, **kw: object) -> tuple[list[Document], list[IngestFailure], list[IngestNote]]:
    notes: list[IngestNote] = []
    docs: list[Document] = []
    failures: list[IngestFailure] = []
    kw.setdefault("allow_hosts", ["127.0.0.1"])
    for item in read_sources(list(urls), on_note=notes.append, **kw):  # type: ignore[arg-type]
        (docs if isinstance(item, Document) else failures).append(item)  # type: ignore[arg-type]
    return docs, failures, notes


def _only_failure(url: str, **kw: object) -> IngestFailure:
    docs, failures, _ = _read(url, **kw)
    assert docs == []
    assert len(failures) == 1
    return failures[0]


def test_article_page_gives_text_title_date_url_and_retrieval_time(site: Site) -> None:
    url = site.url("articles/kayes.html")
    [doc], failures, _ = _read(url)
    assert failures == []
    assert doc.url == url
    assert doc.title == "Checkpoint attacked on the Kayes-Diboli road"
    assert doc.published == date(2024, 6, 21)
    assert doc.outlet == "West Africa Wire"
    assert doc.text.startswith("Suspected jihadist fighters attacked a customs and gendarmerie checkpoint")
    assert doc.id == document_id(doc.text)
    assert doc.retrieved is not None and doc.retrieved.tzinfo is UTC
    assert datetime.now(UTC) - doc.retrieved < timedelta(minutes=1)


def test_requests_carry_the_conflictwatch_user_agent(site: Site) -> None:
    _read(site.url("news.txt"))
    assert ("/news.txt", USER_AGENT) in site.requests
    assert USER_AGENT == "conflictwatch/0.1 (+https://github.com/conflictwatch)"


def test_plain_text_url_is_read_as_text(site: Site) -> None:
    [doc], _, _ = _read(site.url("news.txt"))
    assert doc.text.startswith("Curfew extended in Ségou")
    assert doc.title == ""


def test_redirect_is_followed_and_the_final_url_kept(site: Site) -> None:
    [doc], failures, _ = _read(site.url("redirect/articles/kayes.html"))
    assert failures == []
    assert doc.url == site.url("articles/kayes.html")


def test_redirect_loop_is_reported(site: Site) -> None:
    url = site.url("loop")
    assert _only_failure(url) == IngestFailure(url, "too many redirects; check the URL")


def test_missing_page_reports_the_http_status(site: Site) -> None:
    url = site.url("articles/missing.html")
    assert _only_failure(url) == IngestFailure(url, "HTTP 404 Not Found; check the URL")


def test_slow_server_times_out_with_a_clear_message(site: Site) -> None:
    url = site.url("slow")
    assert _only_failure(url, timeout=0.3) == IngestFailure(
        url, "timed out after 0.3 s; check the address, retry later or raise --timeout")


def test_body_over_the_size_cap_stops_the_download(site: Site) -> None:
    url = site.url("big")
    assert _only_failure(url, max_bytes=10_000) == IngestFailure(
        url, "page is over the 10 KB limit (stopped reading); raise --max-bytes to read it")


def test_declared_length_over_the_size_cap_is_refused_before_reading(site: Site) -> None:
    url = site.url("big-declared")
    assert _only_failure(url) == IngestFailure(
        url, "page is 50.0 MB, over the 5.0 MB limit; raise --max-bytes to read it")


def test_unreachable_server_is_reported(site: Site) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/feed.xml"
    failure = _only_failure(url)
    assert failure.source == url
    assert failure.message.startswith("could not connect (")
    assert failure.message.endswith("); check the address and your network")


def test_binary_content_type_is_reported(site: Site) -> None:
    url = site.url("binary")
    assert _only_failure(url) == IngestFailure(
        url, "unsupported content type 'application/octet-stream'; "
             "pass an HTML page, a text file or an RSS/Atom feed URL")


def test_empty_page_is_reported(site: Site) -> None:
    url = site.url("empty.html")
    assert _only_failure(url) == IngestFailure(url, "the page is empty (no text); check the URL")


def test_rss_entries_become_documents_with_feed_metadata(site: Site) -> None:
    docs, failures, _ = _read(site.url("rss.xml"))
    assert failures == []
    assert [d.source_id for d in docs] == ["waw-2024-0621-kayes", "waw-2024-0623-niono", "waw-2024-0624-hombori"]
    assert [d.published for d in docs] == [date(2024, 6, 21), date(2024, 6, 23), date(2024, 6, 24)]
    assert {d.outlet for d in docs} == {"West Africa Wire - Security"}
    assert {d.language for d in docs} == {"en"}
    assert docs[0].title == "Checkpoint attacked on the Kayes-Diboli road"
    assert docs[0].url == site.url("articles/kayes.html")
    assert all(d.retrieved is not None for d in docs)


def test_rss_entry_with_a_short_summary_gets_its_page_text(site: Site) -> None:
    docs, _, _ = _read(site.url("rss.xml"))
    assert docs[0].text.startswith("Suspected jihadist fighters attacked a customs and gendarmerie checkpoint")


def test_rss_entry_with_full_content_is_not_fetched_again(site: Site) -> None:
    docs, _, _ = _read(site.url("rss.xml"))
    assert docs[1].text.startswith("Hundreds of families have left three villages west of Niono")
    assert "One elderly man was killed in Dogofry" in docs[1].text
    assert "/articles/niono.html" not in site.paths()


def test_rss_entry_whose_page_fails_falls_back_to_its_summary_with_a_note(site: Site) -> None:
    docs, _, notes = _read(site.url("rss.xml"))
    assert docs[2].text == "An explosive device damaged a bridge on the national road near Hombori on Monday."
    label = f"{site.url('rss.xml')} entry 3 ({site.url('articles/gone.html')})"
    assert notes == [IngestNote(label, "could not fetch the entry's page (HTTP 404 Not Found; check the URL); "
                                       "used the feed summary")]


def test_follow_links_off_keeps_the_summary_and_fetches_no_page(site: Site) -> None:
    before = len(site.requests)
    docs, _, notes = _read(site.url("rss.xml"), follow_links=False)
    assert docs[0].text == "A customs officer was killed near Diboli."
    assert notes == []
    assert site.paths()[before:] == ["/rss.xml"]


def test_atom_entries_become_documents_and_an_entry_without_text_is_reported(site: Site) -> None:
    feed = site.url("atom.xml")
    docs, failures, _ = _read(feed)
    [doc] = docs
    assert doc.source_id == "urn:cds:2024:nioro"
    assert (doc.outlet, doc.language, doc.published) == ("Le Courrier du Sahel", "fr", date(2024, 6, 22))
    assert doc.title == "Nioro du Sahel : un camp militaire visé par des tirs"
    assert doc.text.startswith("Le camp militaire de Nioro du Sahel a été la cible de tirs")
    assert failures == [IngestFailure(
        f"{feed} entry 2 ({site.url('articles/missing.html')})",
        "the entry has no text and its page failed: HTTP 404 Not Found; check the URL")]


def test_feed_served_as_html_is_recognised_by_its_content(site: Site) -> None:
    docs, _, _ = _read(site.url("rss-as-html"), follow_links=False)
    assert [d.source_id for d in docs] == ["waw-2024-0621-kayes", "waw-2024-0623-niono", "waw-2024-0624-hombori"]


def test_given_client_is_used_and_left_open(site: Site) -> None:
    with httpx.Client(headers={"User-Agent": "analyst-tool/2"}) as client:
        docs, _, _ = _read(site.url("news.txt"), client=client)
        assert len(docs) == 1
        assert not client.is_closed
    assert ("/news.txt", "analyst-tool/2") in site.requests


def test_urls_and_files_mix_in_one_call(site: Site, fixtures) -> None:
    docs, failures, _ = _read(site.url("news.txt"), str(fixtures / "reports" / "en" / "gao_protest.txt"))
    assert failures == []
    assert [d.text.split()[0] for d in docs] == ["Curfew", "Hundreds"]


def test_malformed_url_is_reported() -> None:
    [failure] = list(read_sources(["https://[::1"]))
    assert failure == IngestFailure("https://[::1", "not a valid http(s) URL (Invalid port: ':1'); check the address")


def test_xml_that_is_not_a_feed_is_reported(site: Site) -> None:
    url = site.url("sitemap.xml")
    assert _only_failure(url) == IngestFailure(url, "the XML is neither an RSS nor an Atom feed; check the feed URL")


def test_truncated_feed_is_reported_as_unparseable(site: Site) -> None:
    url = site.url("broken-feed")
    failure = _only_failure(url)
    assert failure.source == url
    assert failure.message.startswith("could not parse the feed (")
    assert failure.message.endswith("); check the URL serves RSS or Atom")
