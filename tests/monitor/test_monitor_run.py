"""The whole monitor: feeds on a real 127.0.0.1 server, extraction with the real gazetteer, alerts
delivered once to a local SMTP server, a local webhook and a JSON-lines file; the CLI process
killed with SIGKILL mid-poll and restarted (nothing lost, nothing twice), and stopped by SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from conflictwatch.extract import Extractor
from conflictwatch.monitor import EmailChannel, JsonlChannel, Monitor, WebhookChannel, parse_config
from conflictwatch.store import MonitorState, Store, open_store
from tests._localsmtp import Mailbox, local_smtp
from tests._localweb import LocalWeb, Reply, html_page, local_web, rss

ROOT = Path(__file__).resolve().parents[2]
PUBLISHED = "Wed, 18 Nov 2026 07:30:00 GMT"
# Three reports of one day's attacks by one group at three places: an offensive.
REPORTS = [
    ("boni", ("MOPTI, Nov 17 - Suspected jihadists of JNIM attacked an army post in Boni on Tuesday, killing "
             "three soldiers, a military source said. The attackers fled on motorbikes toward the forest.")),
    ("hombori", ("Gunmen from JNIM raided the village of Hombori on Tuesday and killed two civilians, residents "
                "said, the same day as an assault on an army camp in Douentza that left one soldier dead.")),
    ("sevare", ("Armed men from JNIM ambushed a police patrol near Sevare on Tuesday, wounding four officers, "
               "a police spokesman said.")),
]


# Six unrelated reports for the pages of the CLI tests.
PAGES = [
    "Floods cut the road between Mopti and Djenne on Monday; traders said lorries waited two days at the ferry.",
    "The governor of Segou opened a new maternity ward on Friday, financed by a regional development fund.",
    "Students in Kayes marched peacefully on Saturday to demand the reopening of their technical college.",
    "Millet prices rose by a fifth in the Bandiagara market this month as stocks from the last harvest ran out.",
    "A measles vaccination campaign reached fourteen villages around Tominian last week, health workers said.",
    "Fishermen on Lake Debo reported the best catch in years after the river rose earlier than usual.",
]


def _entry(web: LocalWeb, slug: str, text: str, feed: str) -> dict[str, str]:
    return {"title": slug.title(), "link": web.url(f"{feed}/{slug}"), "guid": f"urn:{feed}:{slug}",
            "description": text, "pubDate": PUBLISHED}


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    with local_web() as server:
        yield server


@pytest.fixture
def smtp() -> Iterator[Mailbox]:
    with local_smtp() as box:
        yield box


@pytest.fixture(scope="module")
def extractor(gazetteer: Any) -> Extractor:
    return Extractor(gazetteer)


def _config(web: LocalWeb, **sources: str) -> Any:
    return parse_config({"monitor": {"allow_hosts": ["127.0.0.1"], "retries": 0, "host_interval": 0,
                                     "timeout": 5, "country": "Mali"},
                         "source": [{"name": n, "url": web.url(p), "follow_links": False} for n, p in sources.items()]})


def _channels(web: LocalWeb, smtp: Mailbox, tmp_path: Path) -> list[Any]:
    return [WebhookChannel("hook", url=web.url("hook")),
            EmailChannel("mail", host="127.0.0.1", port=smtp.port, sender="cw@example.org", to=["desk@example.org"]),
            JsonlChannel("file", path=str(tmp_path / "alerts.jsonl"))]


def _run(store: Store, web: LocalWeb, smtp: Mailbox, tmp_path: Path, extractor: Extractor) -> Any:
    config = _config(web, wire="wire", radio="radio")
    with Monitor(config, store=store, extractor=extractor, channels=_channels(web, smtp, tmp_path),
                 clock=lambda: datetime(2026, 11, 20, 8, tzinfo=UTC), as_of=lambda: date(2026, 11, 20)) as mon:
        return mon.run_once(force=True)


def test_an_offensive_reported_on_two_feeds_is_stored_once_and_alerted_once_per_channel(
        tmp_path: Path, web: LocalWeb, smtp: Mailbox, extractor: Extractor) -> None:
    web.routes["/hook"] = Reply(b"ok", content_type="text/plain")
    web.routes["/wire"] = rss("Sahel Wire", [_entry(web, s, t, "wire") for s, t in REPORTS[:2]])
    # the radio carries the Boni story again (with its own dateline and sign-off) and the Sevare one
    web.routes["/radio"] = rss("Radio Delta", [
        _entry(web, "boni", "BONI (Radio Delta) - " + REPORTS[0][1] + " More in our evening news.", "radio"),
        _entry(web, *REPORTS[2], "radio")])
    with open_store(str(tmp_path / "cw.db")) as store:
        polls, processed = _run(store, web, smtp, tmp_path, extractor)
        assert [(p.stored, p.duplicates) for p in polls] == [(2, 0), (1, 1)]
        assert store.stats()["documents"] == 3
        assert [o.actor for o in store.offensives()] == ["JNIM: Group for Support of Islam and Muslims"]
        assert sorted(ch for ch, _ in processed.delivered) == ["file", "hook", "mail"]
        # the same feeds again, and a restarted monitor: nothing new, nothing delivered twice
        again = _run(store, web, smtp, tmp_path, extractor)[1]
        web.routes["/radio"] = rss("Radio Delta", [_entry(web, *REPORTS[2], "radio")])
        restarted = _run(store, web, smtp, tmp_path, extractor)[1]
        assert again.delivered == restarted.delivered == []
        assert len(MonitorState(store).deliveries()) == 3
    [post] = [r for r in web.requests if r.method == "POST"]
    body = json.loads(post.body)
    assert body["alert"]["kind"] == "offensive"
    assert post.headers["idempotency-key"] == body["alert_key"]
    [(sender, rcpts, mail)] = smtp.messages
    assert (sender, rcpts) == ("cw@example.org", ["desk@example.org"])
    assert mail["Subject"].startswith("[conflictwatch] high offensive: Mopti, Mali, week of ")
    assert mail["X-Conflictwatch-Alert"] == body["alert_key"]
    [line] = (tmp_path / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line)["alert_key"] == body["alert_key"]


def test_a_channel_that_fails_gets_the_alert_on_the_next_round(tmp_path: Path, web: LocalWeb, smtp: Mailbox,
                                                               extractor: Extractor) -> None:
    web.routes["/hook"] = Reply(b"down", status=503, content_type="text/plain")
    web.routes["/wire"] = rss("Sahel Wire", [_entry(web, s, t, "wire") for s, t in REPORTS])
    web.routes["/radio"] = rss("Radio Delta", [])
    with open_store(str(tmp_path / "cw.db")) as store:
        first = _run(store, web, smtp, tmp_path, extractor)[1]
        web.routes["/hook"] = Reply(b"ok", content_type="text/plain")
        second = _run(store, web, smtp, tmp_path, extractor)[1]
    assert sorted(ch for ch, _ in first.delivered) == ["file", "mail"]
    assert first.errors == [(f"webhook hook: {web.url('hook')} answered HTTP 503; the alert is delivered on "
                            "the next poll")]
    assert [ch for ch, _ in second.delivered] == ["hook"]
    assert len(smtp.messages) == 1


# -- the CLI process: SIGKILL mid-poll, SIGTERM ---------------------------------------------------


def _write_config(tmp_path: Path, web: LocalWeb) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(f"""
[monitor]
allow_hosts = ["127.0.0.1"]
retries = 0
host_interval = 0
timeout = 60
every = "1h"

[[source]]
name = "wire"
url = "{web.url('feed')}"
""", encoding="utf-8")
    return path


def _feed_with_pages(web: LocalWeb, n: int) -> None:
    entries = []
    for i in range(n):
        entries.append({"title": f"Page {i}", "link": web.url(f"page/{i}"), "guid": f"urn:p:{i}", "description": "",
                        "pubDate": PUBLISHED})
        web.routes[f"/page/{i}"] = html_page(f"Report {i}", [PAGES[i]], published="2026-11-18")
    web.routes["/feed"] = rss("Wire", entries)


def _start(config: Path, db: Path, home: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src") + os.pathsep + os.environ.get("PYTHONPATH", "")}
    return subprocess.Popen([sys.executable, "-m", "conflictwatch", "monitor", str(config), "--db", str(db),
                             "--data-dir", str(home), *extra], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)


def _wait_for(web: LocalWeb, path: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while web.hits(path) == 0:
        if proc.poll() is not None:
            raise AssertionError(f"the monitor exited early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"the monitor never asked for {path}: {proc.communicate()}")
        time.sleep(0.05)


def test_a_monitor_killed_mid_poll_loses_nothing_and_stores_nothing_twice_on_restart(
        tmp_path: Path, web: LocalWeb, gazetteer_home: Path) -> None:
    _feed_with_pages(web, 6)
    web.routes["/page/3"] = Reply(web.routes["/page/3"].body, delay=60)  # type: ignore[union-attr]
    config, db = _write_config(tmp_path, web), tmp_path / "cw.db"
    proc = _start(config, db, gazetteer_home, "--once")
    _wait_for(web, "/page/3", proc)
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=10)
    with open_store(str(db)) as store:
        assert store.stats()["documents"] == 3  # pages 0-2, each written with its entry
    _feed_with_pages(web, 6)  # page 3 answers at once now
    proc = _start(config, db, gazetteer_home, "--once")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert out.decode().splitlines()[0] == "wire: 3 new, 0 duplicate, 0 failed, 3 already seen"
    assert [web.hits(f"/page/{i}") for i in range(6)] == [1, 1, 1, 2, 1, 1]
    with open_store(str(db)) as store:
        items = MonitorState(store).all_items()
        stats = store.stats()
    assert sorted(i.entry_key for i in items) == [f"urn:p:{i}" for i in range(6)]
    assert (stats["documents"], stats["documents_extracted"]) == (6, 6)


def test_sigterm_stops_the_monitor_after_the_entry_it_is_reading(tmp_path: Path, web: LocalWeb,
                                                                  gazetteer_home: Path) -> None:
    _feed_with_pages(web, 4)
    web.routes["/page/1"] = Reply(web.routes["/page/1"].body, delay=1.5)  # type: ignore[union-attr]
    config, db = _write_config(tmp_path, web), tmp_path / "cw.db"
    proc = _start(config, db, gazetteer_home)
    _wait_for(web, "/page/1", proc)
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err.decode()
    assert web.hits("/page/2") == 0
    with open_store(str(db)) as store:
        assert sorted(i.entry_key for i in MonitorState(store).all_items()) == ["urn:p:0", "urn:p:1"]
        assert MonitorState(store).source("wire") is None or MonitorState(store).source("wire")["last_success"] is None
