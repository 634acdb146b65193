"""Long jobs run by hand show a bar on stderr with the work done out of a known total, the time
spent and the time left: ingest (folders, files, feeds), export and import-acled. Each job runs
whole with stderr on a pseudo-terminal; its last frame (drawn before the bar goes away) says N/N."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from conflictwatch.store import open_store
from tests._localweb import local_web, rss
from tests.cli._terminal import stderr_on_a_terminal
from tests.store.conftest import make_event

#: A finished bar: done out of the total, then the time spent and the time left.
FINISHED = r"{label} ━+ {n}/{n} .*?(\d+:\d\d:\d\d) left (\d+:\d\d:\d\d)"


def _last_frame(shown: str, label: str, n: int) -> re.Match[str] | None:
    frames = re.findall(FINISHED.format(label=re.escape(label), n=n), shown)
    return frames[-1] if frames else None


def _reports(folder: Path, n: int) -> Path:
    folder.mkdir()
    for k in range(n):
        (folder / f"note-{k}.txt").write_text(
            f"TESSALIT, 2 April 2024 - Traders said {k + 3} trucks were held at a checkpoint north of the town.\n",
            encoding="utf-8")
    return folder


def test_ingest_of_a_folder_counts_its_files_out_of_the_file_list(tmp_path: Path) -> None:
    folder = _reports(tmp_path / "reports", 5)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    status, out, shown = stderr_on_a_terminal("ingest", str(folder), "--db", str(tmp_path / "cw.db"))
    assert status == 0, shown
    assert out == "5 added, 0 already stored, 0 failed\n"
    assert re.search(r"Ingesting +0/6 files, pages and feed entries", shown), shown
    assert _last_frame(shown, "Ingesting", 6) is not None, shown
    assert "5 documents" in shown


def test_ingest_of_a_feed_adds_its_entries_to_the_total_once_it_is_read(tmp_path: Path) -> None:
    stories = [f"Villagers near Aguelhok reported that {k + 2} wells had dried up in the heat of May." for k in range(4)]
    with local_web() as web:
        web.routes["/feed.xml"] = rss("Desert Desk", [
            {"title": f"Wells {k}", "link": web.url(f"story/{k}"), "guid": f"urn:desk:{k}",
             "pubDate": "Tue, 07 May 2024 08:00:00 GMT", "content": f"<p>{text}</p>"}
            for k, text in enumerate(stories)])
        status, out, shown = stderr_on_a_terminal(
            "ingest", web.url("feed.xml"), str(tmp_path / "note.txt"), "--allow-host", "127.0.0.1",
            "--no-follow-links", "--db", str(tmp_path / "cw.db"))
    # the feed and the missing file are 2 units at first; the feed's 4 entries make 6
    assert status == 1, shown
    assert out == "4 added, 0 already stored, 1 failed\n"
    assert re.search(r"Ingesting +0/2 files", shown), shown
    assert _last_frame(shown, "Ingesting", 6) is not None, shown


def test_export_counts_the_matching_events(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event(f"ev-exp-{k:03d}", event_date=date(2024, 2, 1) + timedelta(days=k % 40))
                          for k in range(240)])
    status, out, shown = stderr_on_a_terminal("export", "--db", db, "--output", str(tmp_path / "events.csv"),
                                              "--since", "2024-02-11")
    assert status == 0, shown
    assert out == f"Wrote 180 events to {tmp_path / 'events.csv'}.\n"
    assert _last_frame(shown, "exporting events", 180) is not None, shown


def test_import_acled_counts_the_events_of_the_file(tmp_path: Path) -> None:
    source = str(tmp_path / "source.db")
    with open_store(source) as store:
        store.add_events([make_event(f"ev-imp-{k:03d}", event_date=date(2023, 9, 1) + timedelta(days=k))
                          for k in range(30)])
    csv_path = tmp_path / "acled.csv"
    status, _, shown = stderr_on_a_terminal("export", "--db", source, "--output", str(csv_path))
    assert status == 0, shown
    status, out, shown = stderr_on_a_terminal("import-acled", str(csv_path), "--db", str(tmp_path / "cw.db"))
    assert status == 0, shown
    assert out.startswith(f"Imported 30 events from {csv_path}")
    assert _last_frame(shown, "importing ACLED events", 30) is not None, shown


def test_nothing_is_drawn_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _reports(tmp_path / "reports", 2)
    done = subprocess.run([sys.executable, "-m", "conflictwatch", "ingest", str(folder), "--db",
                           str(tmp_path / "cw.db")], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (0, "2 added, 0 already stored, 0 failed\n", "")


def test_merge_shows_its_steps_out_of_their_number(tmp_path: Path) -> None:
    from conflictwatch.merge import MERGE_STEPS

    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event(f"ev-mrg-{k}", event_date=date(2024, 6, 3), location="Anefis") for k in range(3)])
    status, out, shown = stderr_on_a_terminal("merge", "--db", db)
    assert status == 0, shown
    assert out.startswith("3 unmerged events considered;")
    assert re.search(rf"merging: loading events +0/{len(MERGE_STEPS)}", shown), shown
    assert re.search(rf"merging: done ━+ {len(MERGE_STEPS)}/{len(MERGE_STEPS)} \d+:\d\d:\d\d", shown), shown


def test_extract_stored_counts_the_documents_left_to_extract(tmp_path: Path, gazetteer_home: Path) -> None:
    from conflictwatch.cli._extract import PROGRESS_MIN

    db = str(tmp_path / "cw.db")
    folder = _reports(tmp_path / "reports", PROGRESS_MIN + 2)
    status, _, shown = stderr_on_a_terminal("ingest", str(folder), "--db", db)
    assert status == 0, shown
    status, _, shown = stderr_on_a_terminal("extract", "--stored", "--workers", "1", "--db", db,
                                            "--data-dir", str(gazetteer_home))
    assert status == 0, shown
    n = PROGRESS_MIN + 2
    assert re.search(rf"extracting +0/{n}", shown), shown
    assert _last_frame(shown, "extracting", n) is not None, shown
    assert f"{n} documents, " in shown
