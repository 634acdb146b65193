"""``conflictwatch extract`` on JSONL files: output lines, broken lines, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app, main

RUNNER = CliRunner()


def _run(args: list[str], home: Path):  # type: ignore[no-untyped-def]
    return RUNNER.invoke(app, args, env={"CONFLICTWATCH_HOME": str(home)})


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


GOOD = json.dumps({"id": "n1", "lang": "en", "published": "2024-03-05",
                   "text": "On 4 March 2024, militants attacked an army post in Boni, killing two soldiers."})
QUIET = json.dumps({"id": "n2", "text": "The ministry published the school calendar."})


def test_extract_writes_one_event_line_per_event(tmp_path: Path, gazetteer_home: Path) -> None:
    src = _write(tmp_path / "in.jsonl", [GOOD, QUIET])
    out = tmp_path / "out.jsonl"
    result = _run(["extract", str(src), "--output", str(out)], gazetteer_home)
    assert result.exit_code == 0, result.output
    [line] = out.read_text(encoding="utf-8").splitlines()
    event = json.loads(line)
    assert event["doc_id"] == "n1"
    assert event["location"] == "Boni" and event["fatalities"] == 2
    assert event["disorder_type"] == "Political violence"
    assert {"confidence", "evidence", "fatalities_unknown", "claimed_by"} <= set(event)


def test_a_broken_line_is_reported_with_file_and_line_and_the_rest_goes_on(
        tmp_path: Path, gazetteer_home: Path) -> None:
    src = _write(tmp_path / "in.jsonl", [QUIET, "{not json", json.dumps({"id": "x"}), GOOD])
    out = tmp_path / "out.jsonl"
    result = _run(["extract", str(src), "--output", str(out)], gazetteer_home)
    assert result.exit_code == 1
    assert f"Error: {src}:2: not valid JSON" in result.output
    assert f'Error: {src}:3: the "text" field is missing or empty' in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def _main(args: list[str], home: Path, capsys: pytest.CaptureFixture[str],
          monkeypatch: pytest.MonkeyPatch) -> tuple[int, str]:
    monkeypatch.setenv("CONFLICTWATCH_HOME", str(home))
    with pytest.raises(SystemExit) as stop:
        main(args)
    return int(stop.value.code or 0), capsys.readouterr().err


def test_extract_needs_an_input_or_stored(gazetteer_home: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _main(["extract"], gazetteer_home, capsys, monkeypatch)
    assert code == 1
    assert err.startswith("Error: give either an INPUT.jsonl file or --stored (not both)")


def test_extract_refuses_a_lease_that_is_not_a_duration(gazetteer_home: Path, capsys: pytest.CaptureFixture[str],
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    code, err = _main(["extract", "--stored", "--lease", "0"], gazetteer_home, capsys, monkeypatch)
    assert code == 1
    assert err.startswith("Error: --lease 0 is not a duration: give the seconds a claim lasts, e.g. --lease 600")


def test_extract_without_a_gazetteer_says_to_run_setup(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    src = _write(tmp_path / "in.jsonl", [GOOD])
    code, err = _main(["extract", str(src)], tmp_path / "empty-home", capsys, monkeypatch)
    assert code == 1
    assert "conflictwatch setup" in err


def test_extract_stored_saves_events_of_unextracted_documents(tmp_path: Path, gazetteer_home: Path) -> None:
    from conflictwatch.records import Document
    from conflictwatch.store import open_store

    db = tmp_path / "cw.db"
    doc = Document.from_text(json.loads(GOOD)["text"], language="en", source_id="n1")
    with open_store(str(db)) as store:
        store.add_documents([doc])
    result = _run(["extract", "--stored", "--db", str(db)], gazetteer_home)
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        assert [e.location for e in store.query_events()] == ["Boni"]
        assert list(store.documents(not_extracted=True)) == []



def test_extract_stored_reports_a_failing_document_and_goes_on(tmp_path: Path, gazetteer) -> None:
    from conflictwatch.errors import ExtractError
    from conflictwatch.extract import Extractor
    from conflictwatch.extract.io import extract_stored
    from conflictwatch.records import Document
    from conflictwatch.store import open_store

    class Fussy(Extractor):
        def extract(self, doc: Document):  # type: ignore[no-untyped-def]
            if doc.source_id == "n9":
                raise ExtractError("the text is one 40,000-character line", article_id=doc.key)
            return super().extract(doc)

    good = Document.from_text(json.loads(GOOD)["text"], language="en", source_id="n1")
    bad = Document.from_text("x" * 40, language="en", source_id="n9")
    seen: list[str] = []
    with open_store(str(tmp_path / "cw.db")) as store:
        store.add_documents([bad, good])
        report = extract_stored(store, Fussy(gazetteer), on_error=lambda f: seen.append(str(f)))
        assert seen == ["stored document: n9: the text is one 40,000-character line"]
        assert (report.documents, len(report.failures)) == (1, 1)
        assert [e.location for e in store.query_events()] == ["Boni"]
        assert [d.source_id for d in store.documents(not_extracted=True)] == ["n9"]
        [failure] = store.extraction_failures()
        assert (failure.doc_id, failure.message, failure.attempts) == (
            bad.id, "the text is one 40,000-character line", 1)


def test_extract_stored_skips_a_document_it_failed_on_until_asked_to_retry(tmp_path: Path, gazetteer) -> None:
    from conflictwatch.extract import Extractor
    from conflictwatch.extract.io import extract_stored
    from conflictwatch.records import Document
    from conflictwatch.store import open_store

    small = Extractor(gazetteer, max_chars=200)
    long_one = Document.from_text("Herders and farmers met in Sofara to talk. " * 10, language="en", source_id="n7")
    with open_store(str(tmp_path / "cw.db")) as store:
        store.add_documents([long_one])
        first = extract_stored(store, small)
        again = extract_stored(store, small)
        assert (len(first.failures), first.skipped_failed) == (1, 0)
        assert (again.documents, len(again.failures), again.skipped_failed) == (0, 0, 1)
        retried = extract_stored(store, small, retry_failed=True)
        assert (len(retried.failures), store.extraction_failures()[0].attempts) == (1, 2)
        done = extract_stored(store, Extractor(gazetteer), retry_failed=True)  # the default budget reads it
        assert (done.documents, len(done.failures)) == (1, 0)
        assert store.extraction_failures() == []


def test_extract_reports_a_line_that_is_not_utf8_and_reads_the_others(tmp_path: Path, gazetteer_home: Path) -> None:
    src = tmp_path / "in.jsonl"
    latin = json.dumps({"id": "x", "text": "Des hommes armés ont tué deux bergers."}, ensure_ascii=False)
    src.write_bytes(GOOD.encode() + b"\n" + latin.encode("latin-1") + b"\n" + QUIET.encode() + b"\n")
    result = _run(["extract", str(src), "--output", str(tmp_path / "out.jsonl")], gazetteer_home)
    assert result.exit_code == 1
    assert f"Error: {src}:2: line is not valid UTF-8 (byte 0xe9 at byte 36); re-save the file as UTF-8" in result.output
    assert "2 documents, 1 events (1 documents with events), 1 failed" in result.output


def test_extract_reads_a_utf16_file_with_its_byte_order_mark(tmp_path: Path, gazetteer_home: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_bytes((GOOD + "\r\n" + QUIET + "\r\n").encode("utf-16"))
    out = tmp_path / "out.jsonl"
    result = _run(["extract", str(src), "--output", str(out)], gazetteer_home)
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["n1"]


@pytest.mark.parametrize(("line", "message"), [
    ('{"id": "s", "text": "bad \\udcff here"}',
     '"text" holds a lone surrogate (\\udcff at character 5), which is no character: fix the record\'s encoding'),
    ('{"id": "y", "published": "0001-01-01", "text": "Gunmen burned a granary last week."}',
     '"published" 0001-01-01 is not a date between the years 1000 and 2999: fix or remove it'),
    ('{"id": "u", "text": "unfinished',
     "not valid JSON (Unterminated string, column 21); fix or remove the line"),
])
def test_extract_names_the_bad_line_and_keeps_the_good_ones(tmp_path: Path, gazetteer_home: Path, line: str,
                                                             message: str) -> None:
    src = _write(tmp_path / "in.jsonl", [GOOD, line])
    out = tmp_path / "out.jsonl"
    result = _run(["extract", str(src), "--output", str(out)], gazetteer_home)
    assert result.exit_code == 1
    assert f"Error: {src}:2: {message}" in result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 1


def test_extract_stored_gives_a_document_over_a_million_characters_its_own_error(
        tmp_path: Path, gazetteer_home: Path) -> None:
    from conflictwatch.records import Document
    from conflictwatch.store import open_store

    db = str(tmp_path / "cw.db")
    huge = Document.from_text("Calm day in the market. " * 42_000, language="en", source_id="big")
    good = Document.from_text(json.loads(GOOD)["text"], language="en", source_id="n1", published=None)
    with open_store(db) as store:
        store.add_documents([huge, good])
    first = _run(["extract", "--stored", "--db", db], gazetteer_home)
    assert first.exit_code == 1
    assert (f"Error: stored document: document big is 1,008,000 characters long, over the per-document limit "
            "of 1,000,000: split it into several documents (one per report), or raise the limit "
            "(Extractor(max_chars=...))") in first.output
    assert "1 documents, 1 events (1 documents with events), 1 failed" in first.output
    again = _run(["extract", "--stored", "--db", db], gazetteer_home)
    assert again.exit_code == 0, again.output
    assert "0 documents, 0 events (0 documents with events), 0 failed" in again.output
    assert "1 document skipped: this extractor failed on it before" in again.output
    retried = _run(["extract", "--stored", "--retry-failed", "--db", db], gazetteer_home)
    assert retried.exit_code == 1 and "1 failed" in retried.output
