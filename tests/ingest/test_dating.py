"""Publication dates of ingested documents: what the source states, else its dateline, else --published.

Documents that end up with no date at all are still stored, and the run lists them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app, main
from conflictwatch.ingest import UndatedDocument, ingest, read_sources
from conflictwatch.records import Document
from conflictwatch.store import open_store
from tests.ingest.conftest import Site

DATELINED = "Market burned in Kita\n\nKITA, 4 February 2025 - Gunmen set fire to the cattle market on Tuesday.\n"
UNDATED = "Gunmen set fire to the cattle market of Kati on Tuesday, traders said.\n"
PAGE = """<!DOCTYPE html>
<html lang="fr"><head><meta charset="utf-8"><title>Un marché incendié à Kati</title>{meta}</head>
<body><article><h1>Un marché incendié à Kati</h1>
<p>{dateline}Des hommes armés ont incendié mardi le marché au bétail de Kati, selon des commerçants
qui ont perdu plusieurs dizaines de têtes de bétail dans l'incendie.</p>
<p>La gendarmerie a ouvert une enquête et renforcé les patrouilles autour de la ville.</p>
</article><footer>© 2023 Le Journal du Sahel</footer></body></html>
"""


def _docs(*inputs: str | Path, **kw: object) -> tuple[list[Document], list[UndatedDocument]]:
    undated: list[UndatedDocument] = []
    kw.setdefault("allow_hosts", ["127.0.0.1"])  # the test site is on a loopback address
    docs = [d for d in read_sources([str(i) for i in inputs], on_undated=undated.append, **kw)  # type: ignore[arg-type]
            if isinstance(d, Document)]
    return docs, undated


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_text_file_is_dated_by_its_dateline(tmp_path: Path) -> None:
    [doc], undated = _docs(_write(tmp_path / "kita.txt", DATELINED))
    assert doc.published == date(2025, 2, 4)
    assert undated == []


def test_text_file_without_a_dateline_is_read_undated_and_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "kati.txt", UNDATED)
    [doc], undated = _docs(path)
    assert doc.published is None
    assert undated == [UndatedDocument(str(path), doc.id)]


def test_default_date_dates_a_text_file_without_a_dateline(tmp_path: Path) -> None:
    [doc], undated = _docs(_write(tmp_path / "kati.txt", UNDATED), published=date(2025, 2, 6))
    assert doc.published == date(2025, 2, 6)
    assert undated == []


def test_dateline_wins_over_the_default_date(tmp_path: Path) -> None:
    [doc], _ = _docs(_write(tmp_path / "kita.txt", DATELINED), published=date(2025, 3, 1))
    assert doc.published == date(2025, 2, 4)


def test_dateline_without_a_year_takes_it_from_the_default_date(tmp_path: Path) -> None:
    path = _write(tmp_path / "kita.txt", "KITA, Dec 30 (Reuters) - Gunmen set fire to the cattle market.\n")
    [dated], _ = _docs(path, published=date(2026, 1, 3))
    [undated_doc], undated = _docs(path)
    assert dated.published == date(2025, 12, 30)
    assert undated_doc.published is None  # no year, no reference: neither today nor the file's time
    assert [u.source for u in undated] == [str(path)]


def test_html_file_is_dated_by_its_meta_date_before_its_dateline(tmp_path: Path) -> None:
    meta = '<meta property="article:published_time" content="2025-02-05T09:00:00+00:00">'
    path = _write(tmp_path / "kati.html", PAGE.format(meta=meta, dateline="KATI, 3 février 2025 (AFP) - "))
    [doc], undated = _docs(path)
    assert doc.published == date(2025, 2, 5)
    assert undated == []


def test_html_file_without_a_meta_date_is_dated_by_its_dateline(tmp_path: Path) -> None:
    path = _write(tmp_path / "kati.html", PAGE.format(meta="", dateline="KATI, 3 février 2025 (AFP) - "))
    [doc], _ = _docs(path)
    assert doc.published == date(2025, 2, 3)


def test_copyright_year_of_an_html_file_is_no_publication_date(tmp_path: Path) -> None:
    path = _write(tmp_path / "kati.html", PAGE.format(meta="", dateline=""))
    [doc], undated = _docs(path)
    assert doc.published is None
    assert [u.source for u in undated] == [str(path)]


def test_jsonl_record_without_published_is_dated_by_its_dateline(tmp_path: Path) -> None:
    records = [
        {"id": "kita-1", "lang": "en", "text": DATELINED},
        {"id": "kita-2", "lang": "en", "published": "2025-02-07", "text": "KITA, 5 February 2025 - Traders left."},
        {"id": "kati-1", "lang": "en", "text": UNDATED},
    ]
    path = _write(tmp_path / "notes.jsonl", "".join(json.dumps(r) + "\n" for r in records))
    docs, undated = _docs(path)
    assert [(d.source_id, d.published) for d in docs] == [
        ("kita-1", date(2025, 2, 4)), ("kita-2", date(2025, 2, 7)), ("kati-1", None)]
    assert undated == [UndatedDocument(f"{path}:3", "kati-1")]


def test_page_url_without_a_meta_date_is_dated_by_its_dateline(site: Site) -> None:
    [doc], undated = _docs(site.url("articles/fada.html"))
    assert doc.published == date(2024, 5, 14)
    assert undated == []


def test_plain_text_url_is_dated_by_its_dateline(site: Site) -> None:
    [doc], _ = _docs(site.url("news.txt"))
    assert doc.published == date(2024, 7, 10)


def test_ingest_report_lists_each_undated_document_once(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    _write(folder / "a.txt", UNDATED)
    _write(folder / "b.txt", UNDATED)  # the same report again
    _write(folder / "c.txt", DATELINED)
    with open_store(str(tmp_path / "cw.db")) as store:
        report = ingest([str(folder)], store=store)
        stored = {d.text: d.published for d in store.documents()}
    assert (report.added, report.existing) == (2, 1)
    assert [u.source for u in report.undated] == [str(folder / "a.txt")]
    assert stored == {UNDATED.strip(): None, DATELINED.strip(): date(2025, 2, 4)}


def test_cli_ingest_lists_undated_documents_with_the_hint_and_exits_0(tmp_path: Path, runner: CliRunner) -> None:
    undated = _write(tmp_path / "kati.txt", UNDATED)
    dated = _write(tmp_path / "kita.txt", DATELINED)
    result = runner.invoke(app, ["ingest", str(undated), str(dated), "--db", str(tmp_path / "cw.db")])
    assert result.exit_code == 0, result.output
    doc_id = Document.from_text(UNDATED.strip()).id
    assert result.stdout == "2 added, 0 already stored, 0 failed, 1 without a publication date\n"
    assert result.stderr.splitlines() == [
        ("Warning: 1 document states no publication date (none in the page or record, no dateline); their "
         "relative dates ('on Monday') cannot be resolved. Pass --published YYYY-MM-DD to date them:"),
        f"  {undated} ({doc_id})",
    ]


def test_cli_ingest_published_option_dates_documents_that_state_no_date(tmp_path: Path, runner: CliRunner) -> None:
    db = str(tmp_path / "cw.db")
    undated = _write(tmp_path / "kati.txt", UNDATED)
    dated = _write(tmp_path / "kita.txt", DATELINED)
    result = runner.invoke(app, ["ingest", str(undated), str(dated), "--published", "2025-02-06", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.stdout == "2 added, 0 already stored, 0 failed\n"
    assert result.stderr == ""
    with open_store(db) as store:
        assert sorted(d.published for d in store.documents()) == [date(2025, 2, 4), date(2025, 2, 6)]


def test_cli_ingest_rejects_a_published_option_that_is_not_a_date(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write(tmp_path / "kati.txt", UNDATED)
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(path), "--published", "last week", "--db", str(tmp_path / "cw.db")])
    assert exit_info.value.code == 1
    assert capsys.readouterr().err == ("Error: --published 'last week' is not a date: write it as YYYY-MM-DD, "
                                       "e.g. 2025-07-01.\n")
