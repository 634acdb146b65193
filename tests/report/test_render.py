"""Rendering: a self-contained HTML page (escaped text, no scripts, no external files), and
Markdown with the drawings as SVG files beside it."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from conflictwatch.errors import ConfigError
from conflictwatch.records import EventSource, Evidence
from conflictwatch.report import (
    TYPE_COLOURS,
    build_report,
    render_html,
    render_markdown,
    write_report,
)
from conflictwatch.watch import alerts
from tests.conftest import BOUNDARIES
from tests.report._scenario import JULY_1, OUTLET_URL, scenario
from tests.watch._events import ev

HOSTILE = "<script>alert('x')</script>"


def hostile_report():
    bad = ev(
        "2025-07-02", location="<b>Niono</b>", latitude=14.25, longitude=-5.99,
        actor1="JNIM <img src=x onerror=alert(1)>", notes=f"Notes {HOSTILE} & more",
        sources=(EventSource(doc_id="d1", outlet=f"Outlet {HOSTILE}", url="javascript:alert(1)"),
                 EventSource(doc_id="d2", outlet="Good outlet", url='https://ok.example/a?b=1&c="2"')),
        evidence=(Evidence(field="fatalities", text=f"Evidence {HOSTILE}", start=0, end=10),),
    )
    found = alerts([bad], as_of=date(2025, 7, 4))
    return build_report([bad], country="ML", start=JULY_1, end=date(2025, 7, 4), alerts=found,
                        title=f"Title {HOSTILE}")


def test_html_escapes_every_text_from_events() -> None:
    page = render_html(hostile_report())
    assert "<script" not in page
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<img" not in page and "<b>Niono" not in page
    assert "Notes &lt;script&gt;" in page and "Evidence &lt;script&gt;" in page and "Outlet &lt;script&gt;" in page


def test_html_links_only_http_urls() -> None:
    page = render_html(hostile_report())
    assert 'href="javascript:' not in page
    assert '<a href="https://ok.example/a?b=1&amp;c=&quot;2&quot;"' in page


def test_html_is_self_contained() -> None:
    page = render_html(build_report(scenario(), country="ML", start=JULY_1, end=JULY_1, boundaries=BOUNDARIES))
    assert not re.search(r"<(script|link|iframe|img)\b", page)
    assert not re.search(r'\bsrc=|url\(|@import', page)
    external = set(re.findall(r'href="([^"]+)"', page))
    assert external == {OUTLET_URL}, "only source links may point outside the page"


def test_html_map_draws_boundaries_events_in_type_colours_and_the_offensive() -> None:
    report = build_report(scenario(), country="ML", start=date(2025, 6, 1), end=date(2025, 7, 4), boundaries=BOUNDARIES)
    page = render_html(report)
    svg = page[page.index('<svg xmlns="http://www.w3.org/2000/svg" class="map"'):]
    svg = svg[:svg.index("</svg>")]
    assert svg.count("<path ") == len(report.boundaries)
    assert svg.count('<circle class="event"') == 12
    assert svg.count(f'fill="{TYPE_COLOURS["Battles"]}" stroke="#111111"') == 7, "offensive sites are ringed"
    assert svg.count('stroke-dasharray="5 3"') == 7, "each offensive site is linked to the offensive's centre"
    assert ">Ségou</text>" in svg and ">Kayes</text>" in svg


def test_html_stays_small_with_natural_earth_boundaries() -> None:
    page = render_html(build_report(scenario(), country="ML", start=JULY_1, end=JULY_1, boundaries=BOUNDARIES))
    assert len(page.encode()) < 150_000


def test_html_lists_alerts_offensives_and_events_with_sources_and_evidence() -> None:
    events = scenario()
    report = build_report(events, country="ML", start=date(2025, 6, 28), end=date(2025, 7, 4),
                          alerts=alerts(events, as_of=date(2025, 7, 4), country="ML"))
    page = render_html(report)
    alerts_part = page[page.index("<h2>Alerts</h2>"):page.index("<h2>Coordinated offensives</h2>")]
    assert "offensive" in alerts_part and "7 attacks on 2025-07-01" in alerts_part
    off_part = page[page.index("<h2>Coordinated offensives</h2>"):page.index("<h2>Events (7)</h2>")]
    for town in ("Niono", "Molodo", "Sandare", "Nioro du Sahel", "Diboli", "Gogui", "Kayes"):
        assert town in off_part
    assert "Sahel Wire, 2025-07-02, en" in page
    assert "JNIM fighters attacked army positions in Gogui at dawn on Tuesday." in page
    assert "deaths reported, number unknown" in page


def test_markdown_escapes_html_and_markdown_syntax() -> None:
    md = render_markdown(hostile_report())
    assert "<script" not in md and "<img" not in md
    assert "&lt;script&gt;" in md
    assert "javascript:" not in md
    assert "<https://ok.example/a?b=1&c=%222%22>" in md


def test_markdown_without_files_says_where_the_map_is() -> None:
    md = render_markdown(build_report(scenario(), country="ML", start=JULY_1, end=JULY_1))
    assert "The map is drawn in the HTML report" in md
    assert "| 2025-06-28 | 7 | Battles 7 |" in md


def test_write_report_md_puts_map_and_chart_beside_it(tmp_path: Path) -> None:
    report = build_report(scenario(), country="ML", start=JULY_1, end=JULY_1, boundaries=BOUNDARIES)
    written = write_report(report, tmp_path / "sitrep.md")
    assert [p.name for p in written] == ["sitrep.md", "sitrep-map.svg", "sitrep-chart.svg"]
    md = (tmp_path / "sitrep.md").read_text(encoding="utf-8")
    assert "![Map of events by type](sitrep-map.svg)" in md and "(sitrep-chart.svg)" in md
    assert (tmp_path / "sitrep-map.svg").read_text(encoding="utf-8").startswith("<svg")


def test_write_report_html_is_one_file(tmp_path: Path) -> None:
    report = build_report(scenario(), country="ML", start=JULY_1, end=JULY_1)
    assert write_report(report, tmp_path / "r.html") == [tmp_path / "r.html"]


def test_write_report_refuses_other_suffixes(tmp_path: Path) -> None:
    report = build_report([], country="ML", start=JULY_1, end=JULY_1)
    with pytest.raises(ConfigError, match=r"cannot write a report as r.pdf: use an --output ending in .html or .md"):
        write_report(report, tmp_path / "r.pdf")


def test_empty_period_renders_without_a_map() -> None:
    page = render_html(build_report([], country="ML", start=JULY_1, end=JULY_1))
    assert "No located events to map." in page and "No events in this period." in page


def test_markdown_neutralises_links_emphasis_tables_and_block_markers() -> None:
    e = ev("2025-07-02", actor1="# Big | actor", notes="[click](https://evil.example) *now* _x_")
    md = render_markdown(build_report([e], country="ML", start=JULY_1, end=date(2025, 7, 2)))
    assert "| \\# Big \\| actor | 1 | 0 |" in md
    assert "> \\[click\\](https://evil.example) \\*now\\* \\_x\\_" in md
