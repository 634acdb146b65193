"""The bad-input corpus (tests/fixtures/bad_input, written for these tests, plus a link out of the
folder and a document over a million characters made here) through `ingest`, `extract --stored`
and `extract FILE`: one clear error per bad record, every good record kept, no traceback."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from conflictwatch.cli import app
from conflictwatch.store import open_store

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "bad_input"
RUNNER = CliRunner(env={"COLUMNS": "400", "NO_COLOR": "1"})

#: (source, start of the message) of every bad record of the corpus, as `ingest` reports them.
INGEST_ERRORS = [
    ("binary.txt", "file looks binary (control bytes), not text"),
    ("empty.txt", "file is empty (no text)"),
    ("huge.txt", None),  # read: its size is the extractor's concern
    ("no_text.html", "file has no readable text"),
    ("only_spaces.txt", "file is empty (no text)"),
    ("records.jsonl:3", "'text' holds a lone surrogate (\\udcff at character 27)"),
    ("records.jsonl:4", "invalid JSON (Unterminated string, column 35)"),
    ("records.jsonl:5", "line is a JSON list, not an object"),
    ("records.jsonl:6", "record has no 'text'"),
    ("records.jsonl:13", "'text' holds a NUL character (\\u0000 at character 8)"),
    ("records.jsonl:14", "line is not valid UTF-8 (byte 0xe9)"),
    ("records.jsonl:16", "record has no 'text'"),
]
#: The good records: the source ids of JSONL lines, the file names of the others.
GOOD_RECORDS = {"bi-en", "bi-fr", "bi-notadate", "bi-year1", "bi-digits", "bi-nested", "bi-repeated",
                "bi-control", "bi-u16-a", "bi-u16-b", "cp1252_report.txt", "undated_report.txt", "hostile.html",
                "huge.txt"}


def _no_traceback(result: Result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("Error: ")]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "bi"
    shutil.copytree(CORPUS, folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("This machine's own file: no report of the folder.", encoding="utf-8")
    (folder / "link_out.txt").symlink_to(secret)
    (folder / "huge.txt").write_text("Calm day at the weekly market of Konna, traders said. " * 20_000,
                                     encoding="utf-8")
    return folder


def test_ingest_gives_one_error_per_bad_record_and_keeps_every_good_one(corpus: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    result = RUNNER.invoke(app, ["ingest", str(corpus), "--db", db])
    _no_traceback(result)
    assert result.exit_code == 1
    errors = _errors(result.output)
    expected = [(src, msg) for src, msg in INGEST_ERRORS if msg is not None]
    assert len(errors) == len(expected)
    for line, (src, msg) in zip(errors, expected, strict=True):
        assert line.startswith(f"Error: {corpus / src}: {msg}"), line
    assert f"Note: {corpus / 'link_out.txt'}: skipped: a symbolic link to a file outside the folder" in result.output
    with open_store(db) as store:
        docs = list(store.documents())
    assert len(docs) == len(GOOD_RECORDS)
    assert {d.source_id for d in docs if d.source_id} == {k for k in GOOD_RECORDS if k.startswith("bi-")}
    assert not any("machine's own file" in d.text for d in docs)
    hostile = next(d for d in docs if "health centre" in d.text)
    assert "alert(" not in hostile.text and "javascript" not in hostile.text


def test_extract_stored_gives_the_oversized_document_its_own_error_and_extracts_the_rest(
        corpus: Path, tmp_path: Path, gazetteer_home: Path) -> None:
    db = str(tmp_path / "cw.db")
    RUNNER.invoke(app, ["ingest", str(corpus), "--db", db])
    env = {"CONFLICTWATCH_HOME": str(gazetteer_home)}
    result = RUNNER.invoke(app, ["extract", "--stored", "--db", db], env=env)
    _no_traceback(result)
    assert result.exit_code == 1
    [error] = _errors(result.output)
    assert re.fullmatch(r"Error: stored document: document doc-[0-9a-f]{20} is 1,079,999 characters long, over "
                        r"the per-document limit of 1,000,000: split it into several documents \(one per "
                        r"report\), or raise the limit \(Extractor\(max_chars=\.\.\.\)\)", error), error
    n = len(GOOD_RECORDS) - 1
    assert f"{n} documents" in result.output and "1 failed" in result.output
    with open_store(db) as store:
        assert len(list(store.documents(not_extracted=True))) == 1
    again = RUNNER.invoke(app, ["extract", "--stored", "--db", db], env=env)
    _no_traceback(again)
    assert again.exit_code == 0
    assert "1 document skipped" in again.output


def test_extract_file_gives_one_error_per_bad_line_and_the_events_of_the_others(
        tmp_path: Path, gazetteer_home: Path) -> None:
    out = tmp_path / "events.jsonl"
    src = CORPUS / "records.jsonl"
    result = RUNNER.invoke(app, ["extract", str(src), "--output", str(out)],
                           env={"CONFLICTWATCH_HOME": str(gazetteer_home)})
    _no_traceback(result)
    assert result.exit_code == 1
    lines = [int(e.split(":")[2]) for e in _errors(result.output)]
    assert lines == [3, 4, 5, 6, 7, 8, 13, 14, 16]
    assert "6 documents" in result.output and "9 failed" in result.output
    assert out.exists()
