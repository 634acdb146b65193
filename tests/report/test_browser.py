"""The HTML report drawn by a real browser: headless Chromium takes a screenshot and the map and
chart regions must contain the event-type colours (pixels, not just a file)."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from conflictwatch.report import TYPE_COLOURS, build_report, write_report
from conflictwatch.report._svg import CHART_BACKGROUND, COUNTRY_FILL, MAP_BACKGROUND
from conflictwatch.watch import alerts
from tests.conftest import BOUNDARIES
from tests.report._png import Image, count, read_png, region
from tests.report._scenario import scenario
from tests.watch._events import gold_events

CHROMIUM = Path("/usr/bin/chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                       "(apt-get install -y chromium)"),
]


def screenshot(page: Path, tmp_path: Path) -> Image:
    png = tmp_path / "shot.png"
    subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--force-color-profile=srgb",
         "--hide-scrollbars", f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}",
         "--window-size=1280,2000", page.resolve().as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    return read_png(png)


@pytest.fixture(scope="module")
def seed_shot(tmp_path_factory: pytest.TempPathFactory) -> Image:
    tmp = tmp_path_factory.mktemp("seed")
    events = scenario()
    report = build_report(events, country="ML", start=date(2025, 6, 1), end=date(2025, 7, 4), boundaries=BOUNDARIES,
                          alerts=alerts(events, as_of=date(2025, 7, 4), country="ML"))
    (page,) = write_report(report, tmp / "seed.html")
    return screenshot(page, tmp)


def test_map_draws_boundaries_and_event_circles_in_type_colours(seed_shot: Image) -> None:
    box = region(seed_shot, MAP_BACKGROUND)
    assert box[2] - box[0] > 600 and box[3] - box[1] > 400, f"map region too small: {box}"
    legend = (box[0], box[1], box[0] + 270, box[1] + 160)
    assert count(seed_shot, box, COUNTRY_FILL) > (box[2] - box[0]) * (box[3] - box[1]) // 10, "Mali not filled"
    for etype in ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests"):
        assert count(seed_shot, box, TYPE_COLOURS[etype], skip=legend) >= 20, f"no {etype} circle on the map"
    assert count(seed_shot, box, "#111111", skip=legend) >= 200, "offensive links not drawn"


def test_chart_draws_stacked_bars_in_type_colours(seed_shot: Image) -> None:
    box = region(seed_shot, CHART_BACKGROUND)
    bars = (box[0], box[1] + 30, box[2], box[3])
    battles = count(seed_shot, bars, TYPE_COLOURS["Battles"])
    assert battles >= 400, f"Battles bars hardly drawn ({battles} px)"
    for etype in ("Explosions/Remote violence", "Violence against civilians", "Protests"):
        assert count(seed_shot, bars, TYPE_COLOURS[etype]) >= 40, f"no {etype} bar"
    assert count(seed_shot, bars, TYPE_COLOURS["Riots"]) == 0, "a type without events got a bar"


def test_gold_week_in_mopti_draws_on_the_map_and_chart(tmp_path: Path) -> None:
    history = gold_events("acled_mali_2017_2019.jsonl")
    report = build_report(history, country="ML", start=date(2019, 8, 3), end=date(2019, 8, 9), boundaries=BOUNDARIES)
    (page,) = write_report(report, tmp_path / "gold.html")
    img = screenshot(page, tmp_path)
    map_box = region(img, MAP_BACKGROUND)
    chart_box = region(img, CHART_BACKGROUND)
    assert map_box[3] < chart_box[1], "the chart comes below the map"
    legend = (map_box[0], map_box[1], map_box[0] + 270, map_box[1] + 180)
    assert count(img, map_box, TYPE_COLOURS["Violence against civilians"], skip=legend) >= 100
    assert count(img, (chart_box[0], chart_box[1] + 30, chart_box[2], chart_box[3]), TYPE_COLOURS["Battles"]) >= 400
