"""The extractor id: derived from the package version, the data files and the gazetteer, never
bumped by hand, and stored with every event."""

from __future__ import annotations

import io
import json
import re
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import conflictwatch
from conflictwatch import __version__
from conflictwatch.extract import EXTRACTOR_NAME, Extractor, data_fingerprint, extractor_id
from conflictwatch.extract.io import extract_file, extract_stored
from conflictwatch.geo import Gazetteer, install_gazetteer
from conflictwatch.geo._index import IndexFile, read_index
from conflictwatch.geo._install import index_path
from conflictwatch.records import Document
from tests.conftest import GEONAMES_DIR

REPORT = "On 2 May 2024, gunmen attacked soldiers at an army camp in Djibo, killing four of them."


def _data_copy(tmp_path: Path) -> Path:
    """A copy of the package's data folder (files and sub-folders) to change in a test."""
    dest = tmp_path / "data"
    shutil.copytree(Path(conflictwatch.__file__).parent / "data", dest)
    return dest


def test_the_id_names_the_version_the_data_and_the_gazetteer(extractor: Extractor, gazetteer: Gazetteer) -> None:
    version = re.escape(__version__)
    assert re.fullmatch(rf"conflictwatch-rules/{version}\+data\.[0-9a-f]{{8}}\+geo\.[0-9a-f]{{8}}",
                        extractor.extractor_id)
    assert extractor.extractor_id.startswith(EXTRACTOR_NAME + "/")
    assert extractor.extractor_id == extractor_id(gazetteer)
    assert f"+data.{data_fingerprint()[:8]}+" in extractor.extractor_id
    assert extractor.extractor_id.endswith(f"+geo.{gazetteer.fingerprint[:8]}")


def test_the_id_is_the_same_for_two_extractors_and_two_loads_of_the_gazetteer(
        extractor: Extractor, gazetteer: Gazetteer, gazetteer_home: Path) -> None:
    again = Gazetteer.load(gazetteer_home)
    assert again is not gazetteer
    assert again.fingerprint == gazetteer.fingerprint
    assert Extractor(again).extractor_id == extractor.extractor_id


def test_changing_a_data_file_changes_the_id(tmp_path: Path, gazetteer: Gazetteer) -> None:
    data = _data_copy(tmp_path)
    assert data_fingerprint(data) == data_fingerprint()
    assert extractor_id(gazetteer, data_dir=data) == extractor_id(gazetteer)
    before = extractor_id(gazetteer, data_dir=data)
    with (data / "triggers.csv").open("a", encoding="utf-8") as fh:
        fh.write("\n")
    changed = extractor_id(gazetteer, data_dir=data)
    assert changed != before
    assert changed.split("+geo.")[1] == before.split("+geo.")[1]  # only the data part moves


def test_a_renamed_or_added_data_file_changes_the_id_but_samples_and_hidden_files_do_not(tmp_path: Path) -> None:
    data = _data_copy(tmp_path)
    base = data_fingerprint(data)
    (data / "samples" / "more.jsonl").write_text("{}\n", encoding="utf-8")
    (data / ".triggers.csv.swp").write_bytes(b"editor state")
    assert data_fingerprint(data) == base
    (data / "number_words.json").rename(data / "number_words_v2.json")
    renamed = data_fingerprint(data)
    assert renamed != base
    (data / "extra_cues.csv").write_text("a,b\n", encoding="utf-8")
    assert data_fingerprint(data) not in (base, renamed)


def test_the_gazetteer_fingerprint_follows_its_content(gazetteer_home: Path, gazetteer: Gazetteer) -> None:
    index = read_index(IndexFile(index_path(gazetteer_home)))
    same = Gazetteer(index)
    assert same.fingerprint == gazetteer.fingerprint
    last = index["rows"][-1]
    more_people = Gazetteer({**index, "rows": [*index["rows"][:-1], (*last[:12], last[12] + 1)]})
    assert more_people.fingerprint != gazetteer.fingerprint
    renamed_admin = {**index["admin_names"], "ML": {**index["admin_names"]["ML"], "ML.99": "Nowhere"}}
    assert Gazetteer({**index, "admin_names": renamed_admin}).fingerprint != gazetteer.fingerprint


def test_installing_the_same_dumps_twice_gives_the_same_fingerprint_and_another_country_another(
        tmp_path: Path, gazetteer: Gazetteer) -> None:
    # The index file itself differs between installs (set order), its content does not.
    homes = [tmp_path / "one", tmp_path / "two"]
    for home in homes:
        install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    one, two = (Gazetteer.load(h) for h in homes)
    assert one.fingerprint == two.fingerprint
    assert one.fingerprint != gazetteer.fingerprint
    assert extractor_id(one) != extractor_id(gazetteer)


def test_the_gazetteer_says_what_it_was_built_from(gazetteer: Gazetteer) -> None:
    sources = gazetteer.sources
    assert sources["countries"] == list(gazetteer.countries)
    assert set(sources["rows"]) == set(gazetteer.countries)
    assert all(n > 0 for n in sources["rows"].values())
    assert sources["extra_sources"] == {}
    assert "installed" not in json.dumps(sources)  # no install times: content only


def test_every_extracted_event_carries_the_id(extractor: Extractor) -> None:
    events = extractor.extract(Document.from_text(REPORT, language="en", published=date(2024, 5, 3)))
    assert events
    assert {e.extractor for e in events} == {extractor.extractor_id}


def test_extract_file_writes_the_id_on_each_line(tmp_path: Path, extractor: Extractor) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "r1", "lang": "en", "published": "2024-05-03", "text": REPORT}) + "\n",
                   encoding="utf-8")
    out = io.StringIO()
    report = extract_file(src, out, extractor)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert report.events == len(lines) > 0
    assert {line["extractor"] for line in lines} == {extractor.extractor_id}


def test_extract_stored_stores_the_id_with_every_event_and_the_document(
        tmp_path: Path, extractor: Extractor) -> None:
    from conflictwatch.store import open_store

    db = tmp_path / "cw.db"
    doc = Document.from_text(REPORT, language="en", published=date(2024, 5, 3), source_id="r1")
    with open_store(str(db)) as store:
        store.add_documents([doc])
        report = extract_stored(store, extractor)
        stored = store.query_events()
    assert report.events == len(stored) > 0
    assert {e.extractor for e in stored} == {extractor.extractor_id}
    con = sqlite3.connect(db)
    try:
        assert con.execute("SELECT DISTINCT extractor FROM events").fetchall() == [(extractor.extractor_id,)]
        assert con.execute("SELECT extractor FROM documents").fetchall() == [(extractor.extractor_id,)]
    finally:
        con.close()


def test_the_fingerprint_is_written_with_the_index_and_follows_a_new_install(tmp_path: Path) -> None:
    home = tmp_path / "home"
    install_gazetteer(["ML"], data_dir=home, source_dir=GEONAMES_DIR)
    first = Gazetteer.load(home).fingerprint
    assert first == Gazetteer(read_index(IndexFile(index_path(home)))).fingerprint
    # another install replaces the index file: its own fingerprint
    install_gazetteer(["ML", "BF"], data_dir=home, source_dir=GEONAMES_DIR)
    index = read_index(IndexFile(index_path(home)))
    assert Gazetteer.load(home).fingerprint == Gazetteer(index).fingerprint != first
