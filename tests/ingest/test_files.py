"""Reading reports from local files and folders."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from conflictwatch.ingest import IngestFailure, IngestNote, read_sources
from conflictwatch.records import Document, document_id


def _read(*inputs: str | Path, **kw: object) -> tuple[list[Document], list[IngestFailure], list[IngestNote]]:
    notes: list[IngestNote] = []
    docs: list[Document] = []
    failures: list[IngestFailure] = []
    for item in read_sources([str(i) for i in inputs], on_note=notes.append, **kw):  # type: ignore[arg-type]
        (docs if isinstance(item, Document) else failures).append(item)  # type: ignore[arg-type]
    return docs, failures, notes


def _only_failure(path: Path, **kw: object) -> IngestFailure:
    docs, failures, _ = _read(path, **kw)
    assert docs == []
    assert len(failures) == 1
    return failures[0]


def test_text_file_becomes_one_document_with_a_content_id(fixtures: Path) -> None:
    path = fixtures / "reports" / "en" / "menaka_market.txt"
    docs, failures, _ = _read(path)
    assert failures == []
    [doc] = docs
    assert doc.text == path.read_text(encoding="utf-8").strip()
    assert doc.id == document_id(doc.text)
    assert (doc.language, doc.source_id, doc.retrieved) == ("", "", None)


def test_text_file_with_utf8_byte_order_mark_loses_the_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffDes tirs ont visé le camp de Léré mardi.".encode())
    [doc], _, _ = _read(path)
    assert doc.text == "Des tirs ont visé le camp de Léré mardi."


def test_utf16_text_with_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "utf16.txt"
    path.write_bytes("Des tirs à Niono.".encode("utf-16"))
    [doc], failures, _ = _read(path)
    assert (doc.text, failures) == ("Des tirs à Niono.", [])


def test_windows_1252_french_text_is_read_with_a_note(fixtures: Path) -> None:
    path = fixtures / "reports" / "fr" / "tombouctou_cp1252.txt"
    [doc], failures, notes = _read(path)
    assert failures == []
    assert "l'aéroport de Tombouctou" in doc.text and "« contre la ville »" in doc.text
    assert notes == [IngestNote(str(path), "not UTF-8: read as Windows-1252; "
                                           "re-save it as UTF-8 to be sure of the accents")]


def test_empty_file_is_reported(fixtures: Path) -> None:
    path = fixtures / "bad" / "empty.txt"
    assert _only_failure(path) == IngestFailure(
        str(path), "file is empty (no text); add the report text or remove the file")


def test_whitespace_only_file_is_reported_as_empty(fixtures: Path) -> None:
    assert "file is empty" in _only_failure(fixtures / "bad" / "blank.txt").message


def test_binary_file_is_reported(fixtures: Path) -> None:
    path = fixtures / "bad" / "binary.txt"
    assert _only_failure(path) == IngestFailure(
        str(path), "file looks binary (control bytes), not text; pass .txt, .html or .jsonl reports")


def test_pdf_saved_as_txt_is_reported_by_its_kind(fixtures: Path) -> None:
    failure = _only_failure(fixtures / "bad" / "report.pdf.txt")
    assert failure.message == "file is a PDF file, not text; convert it to a .txt or .html report first"


def test_invalid_utf8_that_is_not_latin_text_is_reported(fixtures: Path) -> None:
    path = fixtures / "bad" / "invalid_utf8.txt"
    assert _only_failure(path) == IngestFailure(
        str(path), "file is not valid UTF-8 (byte 0xc2 at offset 0) and not recognisable "
                   "Latin-1/Windows-1252 text; re-save it as UTF-8")


def test_file_over_the_size_cap_is_reported_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Attack reported in Gao. " * 200, encoding="utf-8")
    assert _only_failure(path, max_bytes=1_000) == IngestFailure(
        str(path), "file is 4800 bytes, over the 1000 bytes limit; split it into smaller files or raise --max-bytes")


def test_file_under_the_size_cap_is_read(tmp_path: Path) -> None:
    path = tmp_path / "small.txt"
    path.write_text("Attack reported in Gao.", encoding="utf-8")
    docs, _, _ = _read(path, max_bytes=1_000)
    assert [d.text for d in docs] == ["Attack reported in Gao."]


def test_missing_path_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "nowhere.txt"
    assert _only_failure(path).message == (
        "no such file or folder; check the path (URLs must start with http:// or https://)")


def test_unsupported_file_type_named_directly_is_reported(fixtures: Path) -> None:
    assert _only_failure(fixtures / "reports" / "README.md").message == (
        "unsupported file type '.md'; pass .txt, .html, .htm or .jsonl files, folders, or http(s) URLs")


def test_unsupported_url_scheme_is_reported() -> None:
    [failure] = list(read_sources(["ftp://example.org/report.txt"]))
    assert failure == IngestFailure("ftp://example.org/report.txt",
                                    "unsupported URL scheme 'ftp://'; use http:// or https:// URLs, or local paths")


def test_html_file_gives_main_text_title_date_and_site_name(fixtures: Path) -> None:
    [doc], failures, _ = _read(fixtures / "reports" / "fr" / "pages" / "segou_embuscade.html")
    assert failures == []
    assert doc.title == "Embuscade meurtrière près de Macina"
    assert doc.published == date(2024, 4, 18)
    assert doc.outlet == "Le Courrier du Sahel"
    assert doc.text.startswith("Un convoi de l'armée malienne est tombé mardi dans une embuscade")
    assert "katiba Macina" in doc.text
    assert "Accueil" not in doc.text and "©" not in doc.text


def test_broken_html_still_yields_its_text(fixtures: Path) -> None:
    [doc], failures, _ = _read(fixtures / "bad" / "broken.html")
    assert failures == []
    assert "Des tirs ont été entendus à Tessit" in doc.text
    assert "Aucun bilan n'était disponible vendredi" in doc.text


def test_html_fragment_without_body_falls_back_to_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "fragment.htm"
    path.write_text("<div><p>Deux civils tués à Ansongo.</p><p>Le marché est fermé.</p></div>", encoding="utf-8")
    [doc], _, _ = _read(path)
    assert doc.text == "Deux civils tués à Ansongo.\nLe marché est fermé."


def test_binary_file_named_html_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "photo.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert _only_failure(path).message == "file is a PNG image, not text; convert it to a .txt or .html report first"


def test_html_without_readable_text_is_reported(fixtures: Path) -> None:
    path = fixtures / "bad" / "no_text.html"
    assert _only_failure(path) == IngestFailure(
        str(path), "file has no readable text (empty or broken HTML); "
                   "check it is an article page, or save the report text as .txt")


def test_jsonl_records_keep_their_metadata(fixtures: Path) -> None:
    docs, _, _ = _read(fixtures / "records.jsonl")
    first = docs[0]
    assert first.source_id == "cw-001"
    assert first.url == "https://news.example.org/2024/05/kidal-drone"
    assert (first.title, first.outlet, first.language) == ("Drone strike near Kidal", "Sahel Monitor", "en")
    assert first.published == date(2024, 5, 2)
    assert first.id == document_id(first.text)


def test_jsonl_datetime_and_region_tag_are_reduced_to_date_and_language(fixtures: Path) -> None:
    docs, _, _ = _read(fixtures / "records.jsonl")
    second = docs[1]
    assert (second.source_id, second.published, second.language) == ("cw-002", date(2024, 5, 4), "fr")


def test_jsonl_bad_lines_are_reported_by_line_and_the_rest_goes_on(fixtures: Path) -> None:
    path = fixtures / "records.jsonl"
    docs, failures, _ = _read(path)
    assert [d.source_id for d in docs] == ["cw-001", "cw-002", "cw-005"]
    assert failures == [
        IngestFailure(f"{path}:3", "invalid JSON (Unterminated string, column 45); fix or remove the line"),
        IngestFailure(f"{path}:4", "record has no 'text' (missing or empty); add the report text or remove the line"),
    ]


def test_jsonl_unreadable_date_keeps_the_record_with_a_note(fixtures: Path) -> None:
    path = fixtures / "records.jsonl"
    docs, _, notes = _read(path)
    assert docs[-1].published is None
    assert notes == [IngestNote(f"{path}:6", "'published' 'yesterday' is not an ISO date (YYYY-MM-DD); "
                                             "ignored it")]


def test_jsonl_line_that_is_not_an_object_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "list.jsonl"
    path.write_text('["not", "a", "record"]\n', encoding="utf-8")
    assert _only_failure(path).message == (
        "line is a JSON list, not an object with a 'text' field; fix or remove the line")


def test_jsonl_source_field_stands_in_for_outlet(tmp_path: Path) -> None:
    path = tmp_path / "src.jsonl"
    path.write_text('{"id": 7, "source": "Radio Kayes", "text": "Un pont a été détruit à Kayes."}\n',
                    encoding="utf-8")
    [doc], _, _ = _read(path)
    assert (doc.outlet, doc.source_id) == ("Radio Kayes", "7")


def test_jsonl_record_over_the_size_cap_is_reported_and_the_next_line_read(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    big = '{"id": "a", "text": "' + "Gao " * 600 + '"}'
    path.write_text(big + '\n{"id": "b", "text": "Attack near Gao."}\n', encoding="utf-8")
    docs, failures, _ = _read(path, max_bytes=1_000)
    assert [d.source_id for d in docs] == ["b"]
    assert failures == [IngestFailure(f"{path}:1", "record is longer than the 1000 bytes limit; "
                                                   "shorten it or raise --max-bytes")]


def test_empty_jsonl_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "none.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    assert _only_failure(path).message == (
        "file has no records (it is empty); add one JSON object per line or remove the file")


def test_folder_is_read_recursively_in_sorted_order_skipping_hidden_files(fixtures: Path) -> None:
    folder = fixtures / "reports"
    docs, failures, notes = _read(folder)
    assert failures == []
    assert [d.text.split()[0] for d in docs] == ["Hundreds", "Gunmen", "Attaque", "Un", "Des"]
    assert not any("Hidden draft" in d.text for d in docs)
    assert IngestNote(str(folder / "README.md"), "skipped: not a .txt, .html, .htm or .jsonl file") in notes


def test_folder_without_reports_is_reported(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    docs, failures, notes = _read(tmp_path)
    assert docs == []
    assert failures == [IngestFailure(str(tmp_path), "folder holds no .txt, .html, .htm or .jsonl files; "
                                                     "check the path")]
    assert len(notes) == 1


def test_bad_files_in_a_folder_do_not_stop_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_good.txt").write_text("Clashes near Léré left five dead.", encoding="utf-8")
    docs, failures, _ = _read(tmp_path)
    assert [d.text for d in docs] == ["Clashes near Léré left five dead."]
    assert [f.source for f in failures] == [str(tmp_path / "a_empty.txt")]


def test_same_text_in_two_files_gives_the_same_document_id(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Attack on Boni.\n", encoding="utf-8")
    (tmp_path / "two.txt").write_text("  Attack on   Boni.", encoding="utf-8")
    docs, _, _ = _read(tmp_path)
    assert docs[0].id == docs[1].id


def test_folder_skips_a_symbolic_link_to_a_file_outside_it(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("Not a report of the folder: the account list of this machine.", encoding="utf-8")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "kept.txt").write_text("Des hommes armés ont incendié un grenier à Sofara jeudi.", encoding="utf-8")
    (folder / "a.txt").symlink_to(outside)
    docs, failures, notes = _read(folder)
    assert [d.text for d in docs] == ["Des hommes armés ont incendié un grenier à Sofara jeudi."]
    assert failures == []
    assert [(n.source, n.message) for n in notes] == [
        (str(folder / "a.txt"), "skipped: a symbolic link to a file outside the folder; "
                                "pass that file by its own path to read it")]


def test_folder_reads_a_symbolic_link_to_a_file_inside_it(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "one.txt").write_text("Un pont a été détruit près de Konna samedi.", encoding="utf-8")
    (folder / "alias.txt").symlink_to(folder / "sub" / "one.txt")
    docs, failures, _ = _read(folder)
    assert failures == []
    assert {d.text for d in docs} == {"Un pont a été détruit près de Konna samedi."}


def test_jsonl_line_with_a_lone_surrogate_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"id": "g", "text": "Gunmen burned a granary in Sofara on Thursday."}\n'
                    '{"id": "s", "text": "A broken \\udcff line"}\n'
                    '{"id": "t", "title": "\\ud800", "text": "Herders clashed near Dioura on Friday."}\n',
                    encoding="utf-8")
    docs, failures, _ = _read(path)
    assert [d.source_id for d in docs] == ["g"]
    assert [(f.source, f.message) for f in failures] == [
        (f"{path}:2", "'text' holds a lone surrogate (\\udcff at character 10), which is no character: "
                      "fix the record's encoding, or remove the line"),
        (f"{path}:3", "'title' holds a lone surrogate (\\ud800 at character 1), which is no character: "
                      "fix the record's encoding, or remove the line")]


def test_jsonl_file_in_utf16_with_its_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "windows.jsonl"
    path.write_bytes(('{"id": "w1", "text": "Un camion a sauté sur une mine près de Douentza."}\r\n'
                      '{"id": "w2", "text": "Gunmen burned a granary in Sofara on Thursday."}\r\n').encode("utf-16"))
    docs, failures, _ = _read(path)
    assert failures == []
    assert [d.source_id for d in docs] == ["w1", "w2"]
    assert docs[0].text == "Un camion a sauté sur une mine près de Douentza."


def test_jsonl_published_in_year_one_is_noted_and_left_out(tmp_path: Path) -> None:
    path = tmp_path / "old.jsonl"
    path.write_text('{"id": "y", "published": "0001-01-02", "text": "Gunmen burned a granary last week."}\n',
                    encoding="utf-8")
    docs, failures, notes = _read(path)
    assert failures == []
    assert [d.published for d in docs] == [None]
    assert [n.message for n in notes] == ["'published' 0001-01-02 is not a date between the years 1000 and 2999; "
                                          "ignored it"]
