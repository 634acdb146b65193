"""The dashboard in a real browser: headless Chromium, driven over the DevTools protocol, loads it
from a uvicorn server on 127.0.0.1: the Leaflet map draws the events, filters and the timeline brush
change the table and the map, an event's detail shows its report with the words behind each field
highlighted, an analyst signs in with a token and corrects the toll and the place (seen in the
history and in the download), a change without a token is refused, report text that holds
markup is shown as text, and the Sources panel lists the monitor's sources with their health
(a hostile source name shown as text). Screenshots of the dashboard and of an event detail go to
out/screenshots/ (the README shows copies)."""

from __future__ import annotations

import base64
import csv
import io
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conflictwatch.store import open_store
from tests.web._cdp import Browser
from tests.web.conftest import VISIBLE, XSS_EVIDENCE, XSS_NOTES, Site

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "out" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's headless chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium)"),
]

#: Records uncaught errors and console.error calls of the page, for the no-errors checks.
_ERRORS = """window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || e)));
window.addEventListener('unhandledrejection', e => window.__errors.push(String(e.reason)));
const __consoleError = console.error; console.error = (...a) => { window.__errors.push(a.join(' ')); __consoleError(...a); };"""


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[Browser]:
    with Browser(CHROMIUM, tmp_path / "profile") as b:
        b.send("Page.enable")
        b.send("Page.addScriptToEvaluateOnNewDocument", {"source": _ERRORS})
        yield b


def _load(browser: Browser, url: str) -> None:
    browser.open(url)
    browser.wait_for("document.body && document.body.dataset.ready === '1'")
    _settle(browser)


def _settle(browser: Browser, condition: str = "true") -> None:
    """Wait until the newest refresh has drawn every panel, and ``condition`` holds."""
    browser.wait_for(f"document.body.dataset.loading === undefined && ({condition})")


def _rows(browser: Browser) -> list[str]:
    return browser.evaluate("[...document.querySelectorAll('#events tbody tr')].map(r => r.dataset.eventId)")


def _shot(browser: Browser, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    data = browser.send("Page.captureScreenshot", {"format": "png"})["data"]
    (SCREENSHOTS / name).write_bytes(base64.b64decode(data))


def test_the_dashboard_draws_the_map_table_panels_and_legend_without_errors(live_url: str, browser: Browser) -> None:
    _load(browser, live_url + "/")
    assert _rows(browser) == VISIBLE[::-1]  # newest first
    browser.wait_for("document.querySelectorAll('#map path.event-marker, #map .cluster-icon').length > 0")
    assert browser.evaluate("document.getElementById('map').dataset.markers") == "5"
    assert browser.evaluate("document.querySelectorAll('#map path.leaflet-interactive').length") >= 1
    assert browser.evaluate("document.querySelectorAll('#map .area-label').length") > 5  # place labels
    assert "5 events, 40 fatalities" in browser.evaluate("document.getElementById('summary').textContent")
    assert browser.evaluate("document.querySelectorAll('#timeline rect.bar').length") == 5
    assert "off-2025-06-03" in browser.evaluate("document.getElementById('offensives').innerHTML")
    assert browser.evaluate("document.querySelectorAll('#legend .types li').length") == 6
    assert browser.evaluate("document.getElementById('page-info').textContent").startswith("1–5 of 5")
    assert browser.evaluate("document.getElementById('message').hidden") is True
    assert browser.evaluate("window.__errors") == []
    _shot(browser, "dashboard.png")


def test_filters_and_the_timeline_brush_filter_the_map_and_table(live_url: str, browser: Browser) -> None:
    _load(browser, live_url + "/?country=BF")
    assert _rows(browser) == ["ev-djibo"]
    assert browser.evaluate("document.getElementById('map').dataset.markers") == "1"
    browser.evaluate("""(() => { const f = document.getElementById('filters');
        f.elements.country.value = ''; f.elements.admin1.value = 'Segou'; f.requestSubmit(); })()""")
    _settle(browser, "document.querySelectorAll('#events tbody tr').length === 1 && "
                     "document.querySelector('#events tbody tr').dataset.eventId === 'ev-macina'")
    assert browser.evaluate("location.search") == "?admin1=Segou"
    browser.evaluate("document.getElementById('filters').reset()")
    _settle(browser, "document.querySelectorAll('#events tbody tr').length === 5")
    # brush across the first week's bar only: 31 May - 6 June
    browser.evaluate("""(() => { const svg = document.getElementById('timeline');
        const bar = [...svg.querySelectorAll('rect.bar')].sort((a, b) => a.x.baseVal.value - b.x.baseVal.value)[0];
        const r = bar.getBoundingClientRect();
        const at = (x, type) => svg.dispatchEvent(new PointerEvent(type, {clientX: x, clientY: r.top + 2,
            pointerId: 1, bubbles: true}));
        svg.setPointerCapture = () => {};
        at(r.left + 1, 'pointerdown'); at(r.right - 1, 'pointermove'); at(r.right - 1, 'pointerup'); })()""")
    _settle(browser, "document.querySelectorAll('#events tbody tr').length === 2")
    assert sorted(_rows(browser)) == ["cl-boni", "ev-macina"]
    assert browser.evaluate("document.getElementById('map').dataset.markers") == "2"
    assert browser.evaluate("new URLSearchParams(location.search).get('since')") == "2025-05-31"
    csv_link = browser.evaluate("document.getElementById('download-csv').getAttribute('href')")
    assert csv_link.startswith("api/events?since=2025-05-31") and csv_link.endswith("format=csv")
    assert browser.evaluate("window.__errors") == []


def test_an_analyst_corrects_toll_and_place_with_a_token_and_sees_it_in_history_and_export(
        live_url: str, browser: Browser, site: Site) -> None:
    _load(browser, live_url + "/#event=ev-boni")
    browser.wait_for("document.getElementById('detail').hidden === false")
    marks = browser.evaluate("[...document.querySelectorAll('#detail-evidence mark')].map(m => m.dataset.field + ':' + m.textContent)")
    assert marks == ["event_type:attacked", "fatalities:12", "fatalities:killed"]
    assert browser.evaluate("document.querySelectorAll('#detail-reports .evidence-sentence mark').length") == 3
    # without a token: refused, nothing changes
    browser.evaluate("""(() => { const f = document.getElementById('correct');
        f.elements.fatalities.value = '14'; f.requestSubmit(); })()""")
    browser.wait_for("document.getElementById('message').textContent.includes('Sign in with your analyst token')")
    with open_store(site.db) as store:
        assert store.event("ev-boni").fatalities == 12 and store.history("ev-boni") == []
    _shot(browser, "event-detail.png")
    # signed in
    browser.evaluate(f"""(() => {{ const f = document.getElementById('signin');
        f.elements.token.value = '{site.token}'; f.requestSubmit(); }})()""")
    browser.wait_for("document.getElementById('whoami').textContent === 'Signed in as amina'")
    browser.evaluate("""(() => { const f = document.getElementById('correct');
        f.elements.fatalities.value = '14'; f.elements.location.value = 'Boni village';
        f.elements.reason.value = 'army statement of 5 June'; f.requestSubmit(); })()""")
    browser.wait_for("document.getElementById('detail-status').textContent === 'reviewed'")
    history = browser.evaluate("document.getElementById('detail-history').textContent")
    assert "amina · fatalities: 12 → 14 (army statement of 5 June)" in history, history
    assert 'amina · location: "Boni" → "Boni village"' in history
    with open_store(site.db) as store:
        assert (store.event("ev-boni").fatalities, store.event("ev-boni").location) == (14, "Boni village")
    with httpx.Client(base_url=live_url) as http:  # the history export has both changes
        rows = list(csv.DictReader(io.StringIO(http.get("/api/history?format=csv").text)))
        changes = http.get("/api/history?format=jsonl").text
    assert sorted((r["event_id"], r["field"], r["before"], r["after"], r["analyst"]) for r in rows if r["kind"] == "edit") == [
        ("ev-boni", "fatalities", "12", "14", "amina"), ("ev-boni", "location", '"Boni"', '"Boni village"', "amina")]
    assert "army statement of 5 June" in changes
    assert browser.evaluate("window.__errors") == []


def test_report_text_with_markup_is_shown_as_text(live_url: str, browser: Browser) -> None:
    _load(browser, live_url + "/#event=ev-xss")
    browser.wait_for("document.getElementById('detail').hidden === false")
    text = browser.evaluate("document.getElementById('detail').textContent")
    assert XSS_NOTES in text and XSS_EVIDENCE in text and "<b>Unknown</b> gunmen" in text
    table = browser.evaluate("document.getElementById('events').textContent")
    assert "Goundam <i>town</i>" in table
    assert browser.evaluate("document.querySelectorAll('#detail img, #detail b, #detail i, #events b, #events i, "
                            "#map img').length") == 0
    assert browser.evaluate("document.body.hasAttribute('data-pwned')") is False
    hrefs = browser.evaluate("[...document.querySelectorAll('#detail a')].map(a => a.getAttribute('href'))")
    assert hrefs == [], "a javascript: URL was made a link"
    browser.evaluate("document.querySelector('#events tr[data-event-id=\"ev-xss\"]').click()")
    assert browser.evaluate("window.__errors") == []


def test_an_empty_store_says_what_to_do(tmp_path: Path, browser: Browser, site: Site) -> None:
    from conflictwatch.web import create_app
    from tests.web.conftest import serving

    with serving(create_app(db=str(tmp_path / "empty.db"), data_dir=site.home)) as url:
        _load(browser, url + "/")
        assert "conflictwatch demo" in browser.evaluate("document.getElementById('empty').textContent")
        assert browser.evaluate("document.getElementById('empty').hidden") is False
        _load(browser, url.replace("empty", "") + "/")
    with serving(create_app(db=str(site.db), data_dir=site.home)) as url:
        _load(browser, url + "/?admin1=Segou&type=Protests")
        assert "No event matches these filters" in browser.evaluate("document.getElementById('empty').textContent")
    assert browser.evaluate("window.__errors") == []


HOSTILE_SOURCE = "<img src=x onerror=\"document.body.setAttribute('data-pwned', 'source')\">wire"
HOSTILE_ERROR = "https://wire.example.com/rss: <script>document.body.setAttribute('data-pwned', 'error')</script>"


def test_the_sources_panel_lists_each_source_health_and_shows_names_as_text(
        live_url: str, browser: Browser, site: Site) -> None:
    from datetime import UTC, datetime, timedelta

    from conflictwatch.store import MonitorState

    _load(browser, live_url + "/")  # no monitor has run yet: the panel says how to start one
    assert browser.evaluate("document.getElementById('sources-empty').hidden") is False
    assert "conflictwatch monitor SOURCES.toml" in browser.evaluate(
        "document.getElementById('sources-empty').textContent")
    assert browser.evaluate("document.getElementById('sources').hidden") is True
    now = datetime.now(UTC)
    with open_store(site.db) as store:
        state = MonitorState(store)
        state.poll_succeeded("gazette", "https://gazette.example.org/feed", at=now - timedelta(minutes=30),
                             etag="", last_modified="")
        for n in range(7):
            state.record_item("gazette", f"g{n}", url=f"https://gazette.example.org/{n}",
                              at=now - timedelta(days=n, hours=1), status="stored")
        state.poll_failed(HOSTILE_SOURCE, "https://wire.example.com/rss", at=now - timedelta(minutes=5),
                          message=HOSTILE_ERROR)
        state.poll_succeeded("quarterly", "https://quarterly.example.org/", at=now - timedelta(days=2),
                             etag="", last_modified="")
    _load(browser, live_url + "/")
    rows = browser.evaluate("[...document.querySelectorAll('#sources tbody tr')].map(r => "
                            "[...r.cells].map(c => c.textContent))")
    assert [r[:2] for r in rows] == [[HOSTILE_SOURCE, "failing"], ["gazette", "ok"], ["quarterly", "stale"]]
    hostile, gazette, quarterly = rows
    assert (hostile[2], hostile[4]) == ("never", HOSTILE_ERROR)
    assert gazette[2].endswith(" UTC") and gazette[2][:10] == (now - timedelta(minutes=30)).date().isoformat()
    assert (gazette[3], gazette[4]) == ("1", "–") and quarterly[3] == "0"
    assert browser.evaluate("document.getElementById('sources-empty').hidden") is True
    assert "1 ok, 1 failing, 1 stale" in browser.evaluate("document.getElementById('sources-summary').textContent")
    assert browser.evaluate("document.querySelectorAll('#sources img, #sources script').length") == 0
    assert browser.evaluate("document.body.hasAttribute('data-pwned')") is False
    assert browser.evaluate("window.__errors") == []
    browser.evaluate("document.getElementById('sources-panel').scrollIntoView()")
    _shot(browser, "sources.png")
