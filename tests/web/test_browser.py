"""The dashboard in a real browser: headless Chromium loads it from a uvicorn server on 127.0.0.1,
runs its script, and we read the rendered DOM (rows, timeline bars, event detail) and the pixels
of a screenshot (map areas and event circles in their type colours)."""

from __future__ import annotations

import subprocess
from html.parser import HTMLParser
from pathlib import Path

import httpx
import pytest

from conflictwatch.report import TYPE_COLOURS
from conflictwatch.store import open_store
from conflictwatch.web import create_app
from tests.report._png import Image, count, read_png, region
from tests.web._cdp import Browser
from tests.web.conftest import VISIBLE, XSS_EVIDENCE, XSS_NOTES, Site, serving

CHROMIUM = Path("/usr/bin/chromium")
MAP_BACKGROUND = "#dde8ef"  # dashboard.js
AREA_FILL = "#f7f3e8"  # dashboard.js: admin-1 areas of the countries with events

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's headless chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium)"),
]


def chromium(url: str, tmp_path: Path, *args: str) -> str:
    """Run Chromium on ``url`` until its script has settled (virtual time), return stdout."""
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--force-color-profile=srgb",
         "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000",
         "--window-size=1280,1100", *args, url],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


class Dom(HTMLParser):
    """The start tags (with attributes) and the text of a dumped page; text is entity-decoded."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def find(self, tag: str, **want: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in want.items())]

    def by_id(self, element_id: str) -> dict[str, str]:
        (found,) = [a for _, a in self.tags if a.get("id") == element_id]
        return found

    @property
    def all_text(self) -> str:
        return "".join(self.text)


def dom(url: str, tmp_path: Path) -> Dom:
    return Dom(chromium(url, tmp_path, "--dump-dom"))


def rows(page: Dom) -> list[str]:
    return [a["data-event-id"] for a in page.find("tr") if "data-event-id" in a]


def screenshot(url: str, tmp_path: Path) -> Image:
    png = tmp_path / "shot.png"
    chromium(url, tmp_path, f"--screenshot={png}")
    return read_png(png)


def test_dashboard_lists_every_visible_event_as_a_row(live_url: str, tmp_path: Path) -> None:
    page = dom(live_url + "/", tmp_path)
    assert sorted(rows(page)) == sorted(VISIBLE)
    assert rows(page)[0] == "ev-xss"  # newest first
    assert "5 events, 40 fatalities" in page.all_text
    assert page.by_id("message").get("hidden") is not None  # no error shown


@pytest.mark.parametrize(("query", "expected", "summary"), [
    ("?country=BF", ["ev-djibo"], "1 event, 25 fatalities"),
    ("?type=Battles&since=2025-06-01", ["cl-boni"], "1 event, 12 fatalities"),
    ("?actor=JNIM&until=2025-06-10", ["cl-boni"], "1 event, 12 fatalities"),
    ("?status=rejected", [], "0 events, 0 fatalities"),
])
def test_dashboard_filters_from_the_address_re_query_events(live_url: str, tmp_path: Path, query: str,
                                                             expected: list[str], summary: str) -> None:
    page = dom(live_url + "/" + query, tmp_path)
    assert rows(page) == expected
    assert summary in page.all_text
    assert len(page.find("circle")) == len(expected)


def test_dashboard_without_boundaries_draws_events_and_says_why(site: Site, tmp_path: Path) -> None:
    bare = tmp_path / "bare-home"
    bare.mkdir()
    with serving(create_app(db=str(site.db), data_dir=bare)) as url:
        page = dom(url + "/", tmp_path)
    assert page.by_id("map-note").get("hidden") is None
    assert "No admin-1 boundaries installed" in page.all_text
    assert page.find("path", **{"class": "area"}) == []
    assert len(page.find("circle")) == len(VISIBLE)
    assert page.by_id("message").get("hidden") is not None  # a missing map layer is not an error


def test_dashboard_timeline_has_one_bar_per_week_and_type(live_url: str, tmp_path: Path) -> None:
    page = dom(live_url + "/", tmp_path)
    bars = [a for a in page.find("rect") if a.get("class") == "bar"]
    # week of 31 May: Battles + Explosions; then one event in each of three later weeks
    assert sorted(a["fill"] for a in bars) == sorted([
        TYPE_COLOURS["Battles"], TYPE_COLOURS["Explosions/Remote violence"],
        TYPE_COLOURS["Violence against civilians"], TYPE_COLOURS["Protests"], TYPE_COLOURS["Strategic developments"]])


def test_dashboard_map_draws_areas_and_events_in_type_colours(live_url: str, tmp_path: Path) -> None:
    img = screenshot(live_url + "/", tmp_path)
    box = region(img, MAP_BACKGROUND)
    assert box[2] - box[0] > 400 and box[3] - box[1] > 300, f"map too small: {box}"
    assert count(img, box, AREA_FILL) > 20000, "the admin-1 areas were not drawn"
    drawn = {t: count(img, box, TYPE_COLOURS[t]) for t in
             ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests",
              "Strategic developments")}
    assert all(n > 20 for n in drawn.values()), drawn
    assert count(img, box, TYPE_COLOURS["Riots"]) == 0
    # size by fatalities: Djibo (25 killed) is drawn far larger than Bamako (none)
    assert drawn["Violence against civilians"] > 4 * drawn["Protests"], drawn


def test_event_detail_shows_report_text_as_text(live_url: str, tmp_path: Path) -> None:
    page = dom(live_url + "/#event=ev-xss", tmp_path)
    assert page.by_id("detail").get("hidden") is None, "the detail panel did not open"
    text = page.all_text
    assert XSS_NOTES in text
    assert XSS_EVIDENCE in text
    assert "<b>Unknown</b> gunmen" in text
    assert page.find("img") == [] and page.find("b") == [] and page.find("i") == []
    assert "data-pwned" not in page.find("body")[0]
    assert [a["href"] for a in page.find("a")] == [], "a javascript: URL was made a link"


def test_event_detail_shows_evidence_sources_and_merge_links(live_url: str, tmp_path: Path) -> None:
    page = dom(live_url + "/#event=ev-boni", tmp_path)
    text = page.all_text
    assert "Armed men attacked an army post near Boni on Tuesday" in text
    assert "Sahel Daily" in text and "published 2025-06-04" in text and "Boni post attacked" in text
    assert [a["href"] for a in page.find("a")] == ["https://news.example.org/mali/boni"]
    assert "same place, day and actors" in text
    assert "Mark reviewed" in text and "Reject" in text


def test_review_through_the_api_shows_in_the_dashboard(live_url: str, tmp_path: Path) -> None:
    with httpx.Client(base_url=live_url) as http:
        assert http.post("/api/events/ev-bamako/review", json={"status": "rejected"}).json()["status"] == "rejected"
        assert http.post("/api/events/ev-djibo/review", json={"status": "reviewed"}).json()["status"] == "reviewed"
        assert http.get("/api/events/ev-bamako").json()["status"] == "rejected"
    page = dom(live_url + "/", tmp_path)
    assert "ev-bamako" not in rows(page) and "ev-djibo" in rows(page)
    assert page.find("td", **{"class": "status-reviewed"})
    assert "4 events, 40 fatalities" in page.all_text


def test_analyst_reviews_and_rejects_events_by_clicking(live_url: str, tmp_path: Path, site: Site) -> None:
    with Browser(CHROMIUM, tmp_path / "cdp-profile") as browser:
        browser.open(live_url + "/")
        browser.wait_for("document.querySelectorAll('#events tbody tr').length === 5")
        browser.evaluate("document.querySelector('#events tr[data-event-id=\"ev-macina\"]').click()")
        browser.wait_for("document.getElementById('detail-status').textContent === 'automatic'")
        assert "roadside bomb hit a convoy near Macina" in browser.evaluate(
            "document.getElementById('detail-evidence').textContent")
        assert browser.evaluate("location.hash") == "#event=ev-macina"

        browser.evaluate("document.querySelector('#detail button[data-status=\"reviewed\"]').click()")
        browser.wait_for("document.getElementById('detail-status').textContent === 'reviewed'")
        browser.wait_for("!!document.querySelector('#events tr[data-event-id=\"ev-macina\"] td.status-reviewed')")

        browser.evaluate("document.querySelector('#events tr[data-event-id=\"ev-bamako\"]').click()")
        browser.wait_for("document.getElementById('detail-title').textContent.includes('Bamako')")
        browser.evaluate("document.querySelector('#detail button[data-status=\"rejected\"]').click()")
        browser.wait_for("document.getElementById('detail-status').textContent === 'rejected'")
        browser.wait_for("document.querySelectorAll('#events tbody tr').length === 4")
        assert browser.evaluate("document.getElementById('message').hidden") is True
    with open_store(site.db) as store:
        assert store.event("ev-macina").status == "reviewed"
        assert store.event("ev-bamako").status == "rejected"


def test_filter_form_re_queries_events_and_keeps_them_in_the_address(live_url: str, tmp_path: Path) -> None:
    with Browser(CHROMIUM, tmp_path / "cdp-profile") as browser:
        browser.open(live_url + "/")
        browser.wait_for("document.querySelectorAll('#events tbody tr').length === 5")
        browser.evaluate("""(() => {
            const form = document.getElementById('filters');
            form.elements.country.value = 'Mali';
            form.elements.type.value = 'Explosions/Remote violence';
            form.requestSubmit();
        })()""")
        browser.wait_for("document.querySelectorAll('#events tbody tr').length === 1")
        assert browser.evaluate("document.querySelector('#events tbody tr').dataset.eventId") == "ev-macina"
        assert browser.evaluate("document.querySelectorAll('#map circle').length") == 1
        assert browser.evaluate("location.search") == "?country=Mali&type=Explosions%2FRemote+violence"
        browser.evaluate("document.getElementById('filters').reset()")
        browser.wait_for("document.querySelectorAll('#events tbody tr').length === 5")
        assert browser.evaluate("location.search") == ""
