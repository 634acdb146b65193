"""Bytes to text: encoding, binary detection, and the readable text of HTML pages and fragments.

Encoding policy for plain-text inputs:

* UTF-8 (with or without a byte-order mark) is the expected encoding; UTF-16 with a byte-order
  mark is read too.
* A file that is not valid UTF-8 is read as Windows-1252 (the Latin-1 superset that Windows
  editors write French in) only when the result is confidently Latin-script text: it decodes
  without undefined bytes, has no control characters, every non-ASCII character is a Latin letter
  (é, à, ç, œ...) or typographic punctuation (’ « » – … €), and non-ASCII letters are at most a
  quarter of all letters (text in another 8-bit encoding, e.g. Cyrillic Windows-1251, decodes to
  runs of accented letters and fails this test). Such files yield a note saying so.
* Anything else is reported as invalid UTF-8, with the offset of the first bad byte.
* Binary data (NUL bytes, a known binary signature, or over 5 % control characters in the first
  64 KiB) is reported as binary.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

import lxml.etree
import lxml.html
import trafilatura
import trafilatura.settings

from conflictwatch.errors import IngestError

__all__ = [
    "DecodedText",
    "ExtractedPage",
    "check_not_binary",
    "decode_text",
    "extract_html",
    "format_size",
    "has_words",
    "html_fragment_text",
]

_SAMPLE = 64 * 1024
_CONTROL = frozenset(range(0x09)) | frozenset(range(0x0E, 0x20)) | {0x7F}
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
)
_TYPOGRAPHIC = frozenset("\u00a0\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2013\u2014"
                         "\u2026\u2022\u00b0\u20ac\u00b7\u2039\u203a\u00a9\u00ae\u00b2\u00b3\u00ba\u00aa")
_WORD = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class DecodedText:
    """Text decoded from bytes, with the encoding used when it was not UTF-8."""

    text: str
    fallback_encoding: str = ""


def format_size(n: int) -> str:
    """A byte count for messages: ``"5.0 MB"``, ``"12 KB"``, ``"9500 bytes"``."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 10_000:
        return f"{n / 1_000:.0f} KB"
    return f"{n} bytes"


def check_not_binary(data: bytes, *, what: str = "file") -> None:
    """Raise :class:`IngestError` when ``data`` looks binary (see module docstring)."""
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            raise IngestError(f"{what} is {kind}, not text; convert it to a .txt or .html report first")
    sample = data[:_SAMPLE]
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return
    controls = sum(1 for b in sample if b in _CONTROL)
    if b"\x00" in sample or (sample and controls / len(sample) > 0.05):
        raise IngestError(f"{what} looks binary (control bytes), not text; "
                          "pass .txt, .html or .jsonl reports")


def _plausible_latin(text: str) -> bool:
    letters = non_ascii_letters = 0
    for ch in text:
        if ch.isascii():
            if ch.isalpha():
                letters += 1
            elif ord(ch) < 0x20 and ch not in "\t\n\r\f\v":
                return False
            continue
        if ch.isalpha() and ord(ch) < 0x250:
            letters += 1
            non_ascii_letters += 1
        elif ch not in _TYPOGRAPHIC:
            return False
    return letters > 0 and non_ascii_letters <= letters / 4


def decode_text(data: bytes, *, what: str = "file") -> DecodedText:
    """Decode plain text per the module's encoding policy; raise :class:`IngestError` otherwise."""
    check_not_binary(data, what=what)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return DecodedText(data.decode("utf-16"))
        except UnicodeDecodeError as exc:
            raise IngestError(f"{what} has a UTF-16 byte-order mark but is not valid UTF-16; "
                              "re-save it as UTF-8") from exc
    try:
        return DecodedText(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = ""
        if text and _plausible_latin(unicodedata.normalize("NFC", text)):
            return DecodedText(text, fallback_encoding="Windows-1252")
        raise IngestError(
            f"{what} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}) "
            "and not recognisable Latin-1/Windows-1252 text; re-save it as UTF-8"
        ) from exc


def has_words(text: str) -> bool:
    """Whether ``text`` holds at least one word (two letters in a row)."""
    return _WORD.search(text) is not None


_DROP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "blockquote", "section", "article", "header", "footer", "pre", "dd", "dt", "figcaption", "hr",
})


def _tree_text(root: lxml.html.HtmlElement) -> str:
    for el in list(root.iter()):
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP or not tag:
            if el.getparent() is not None:
                el.drop_tree()
            continue
        if tag in _BLOCK:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().splitlines())
    return "\n".join(line for line in lines if line)


def html_fragment_text(html: str) -> str:
    """Readable text of an HTML fragment (a feed summary, a page trafilatura finds no article in).

    Scripts and styles are dropped; block elements become line breaks; whitespace is collapsed.
    """
    if "<" not in html and "&" not in html:
        return "\n".join(" ".join(line.split()) for line in html.splitlines() if line.strip())
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return ""
    return _tree_text(root)


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """The main text and metadata of an HTML page."""

    text: str
    title: str = ""
    published: date | None = None
    outlet: str = ""


def _page_fallback(html: str | bytes) -> tuple[str, str]:
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return "", ""
    title = " ".join((root.findtext(".//title") or "").split())
    body = root.find(".//body")
    return _tree_text(body if body is not None else root), title


def _parse_date(raw: str | None) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        return None


def extract_html(html: str | bytes, *, url: str | None = None, what: str = "page") -> ExtractedPage:
    """Main text, title, date and site name of an HTML page (trafilatura, then a plain fallback).

    The date is the one the page states as its date: meta tags, structured data (JSON-LD),
    ``<time>`` elements or the URL (htmldate without its "extensive search", which guesses from
    free text and takes a copyright year "© 2023" for 1 January 2023). A page without one gets
    ``published=None`` (the reader then looks for a dateline).

    Raises :class:`IngestError` when the page holds no readable text.
    """
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                      date_extraction_params=trafilatura.settings.set_date_params(False))
    text = title = outlet = ""
    published = None
    if isinstance(doc, trafilatura.settings.Document):
        text = (doc.text or "").strip()
        title = " ".join((doc.title or "").split())
        outlet = doc.sitename or ""
        published = _parse_date(doc.date)
    if not has_words(text):
        text, fallback_title = _page_fallback(html)
        title = title or fallback_title
    if not has_words(text):
        raise IngestError(f"{what} has no readable text (empty or broken HTML); "
                          "check it is an article page, or save the report text as .txt")
    first, _, rest = text.partition("\n")
    if title and first.strip() == title and has_words(rest):
        text = rest.strip()
    return ExtractedPage(text=text, title=title, published=published, outlet=outlet)
