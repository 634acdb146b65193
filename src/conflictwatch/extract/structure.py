"""The structure of a report: headline, dateline, lead, body, quotes, captions, closing paragraph.

A news report is not a list of sentences. Its first line is often a headline that sums up the
events the body then tells one by one; a dateline ("BAMAKO, Oct 14 (Reuters) -") names where the
story was filed and, when the metadata has none, when; time stamps and photo captions are page
furniture; quoted words are someone's account; the closing paragraph is often background. Each
:class:`Sentence` carries its ``role`` so that later decisions can weigh it (see
``data/extract_weights.csv``): a headline or a subhead creates no event of its own, a place in the
dateline is where the news came from, never where the event happened, and the dateline's date is
the publication anchor, never an event date.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from conflictwatch.ingest import Dateline, find_dateline

__all__ = ["ROLES", "Sentence", "Structure", "read_structure", "wrapped_line_breaks"]

#: The roles a sentence may play in its report.
ROLES: tuple[str, ...] = ("headline", "subhead", "meta", "caption", "lead", "body")

#: a first line this short with no closing stop, alone in its paragraph, is a headline (words)
HEADLINE_WORDS = 16
#: a line this short with no closing stop, alone in its paragraph inside the body, is a subhead
SUBHEAD_WORDS = 16

_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
_LINE = re.compile(r"\n")
#: the share of lines that must end a sentence (or be a short title) for line breaks to part paragraphs
PARAGRAPH_LINES = 0.6
_CLOSING_STOP = ".!?:;»\"”)…"
#: a line that only stamps the page: "Publié le 02/11/2024 à 09h12", "Updated: 3 May 2024"
_META = re.compile(
    r"^\W*(?:(?:le|published|publié|updated|mis à jour|posted|modifié|dernière mise à jour)\b[^.!?]{0,40}?)?"
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|\d{4}-\d\d-\d\d)[^.!?]{0,80}$",
    re.IGNORECASE)
#: a photo caption or credit line
_CAPTION = re.compile(r"^\W*(?:photo|image|crédit|credit|illustration|©|\(photo|caption|légende)\b",
                      re.IGNORECASE)
_OPEN_QUOTES = "«“„\""
_CLOSE_QUOTES = "»”\""


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the document: its character span, paragraph number and role.

    ``paragraph`` counts the blocks of text between blank lines (a report written one paragraph a
    line is one block: its lines still tell one story); ``role`` reads lines as paragraphs when the
    text writes them so. ``quoted`` is true when the sentence lies inside quotation marks
    (someone's own words).
    """

    index: int
    start: int
    end: int
    paragraph: int
    role: str = "body"
    quoted: bool = False


@dataclass(frozen=True, slots=True)
class Structure:
    """The sentences of a report with their roles, and its dateline (if any)."""

    sentences: tuple[Sentence, ...]
    dateline: Dateline | None = None

    @property
    def anchor(self) -> date | None:
        """The publication date the dateline states, if any."""
        return self.dateline.published if self.dateline is not None else None

    def in_dateline(self, start: int, end: int) -> bool:
        """Whether the span ``start:end`` lies inside the dateline."""
        d = self.dateline
        return d is not None and d.start <= start and end <= d.end


def read_structure(text: str, spans: Sequence[tuple[int, int]], *, published: date | None = None,
                   lang: str = "") -> Structure:
    """The structure of ``text`` given its sentence ``spans`` (character offsets, in order)."""
    rows: list[tuple[int, int, int]] = []  # start, end, paragraph (for the roles: a line may be one)
    blocks: list[int] = []  # the block of text between blank lines
    paragraph = block = 0
    last_end = 0
    breaks = _BLANK_LINE if _BLANK_LINE.search(text) or not _lines_are_paragraphs(text) else _LINE
    for start, end in spans:
        if not text[start:end].strip():
            continue
        paragraph += len(breaks.findall(text, last_end, start))
        block += len(_BLANK_LINE.findall(text, last_end, start))
        rows.append((start, end, paragraph))
        blocks.append(block)
        # a sentence's span keeps the blank lines after it: they still part it from the next
        last_end = start + len(text[start:end].rstrip())
    lines = _line_starts(text)
    quotes = _QuoteCounter(text)
    sentences: list[Sentence] = []
    seen_body = False
    lead = -1
    for i, (start, end, par) in enumerate(rows):
        clean = text[start:end].strip()
        # the span may keep the line break after it: where its text ends decides the line it fills
        alone = _alone_on_line(text, start, start + len(text[start:end].rstrip()), lines)
        role = "body"
        if _META.match(clean) and alone:
            role = "meta"
        elif _CAPTION.match(clean) and alone:
            role = "caption"
        elif i == 0 and _is_headline(clean, rows):
            role = "headline"
        elif seen_body and alone and _short_title(clean, SUBHEAD_WORDS) and _own_paragraph(rows, i):
            role = "subhead"
        elif not seen_body or par == lead:
            role = "lead"
        if role in ("lead", "body") and not seen_body:
            seen_body, lead = True, par
        sentences.append(Sentence(len(sentences), start, end, blocks[i], role,
                                  _quoted(text, start, end, lines, quotes)))
    dateline = find_dateline(text, reference=published, lang=lang)
    return Structure(tuple(sentences), dateline)


def _lines_are_paragraphs(text: str) -> bool:
    """Whether a text without blank lines writes one paragraph a line (most lines end a sentence
    or are short titles), rather than wrapping its lines inside sentences."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if len(lines) < 2:
        return False
    # a short line the next goes on from in lower case ("la position\nFAMa de ... a été\nattaquée") is
    # a wrapped sentence, not a title
    whole = sum(1 for line, after in zip(lines, [*lines[1:], ""]) if line[-1] in _CLOSING_STOP or (
        len(line.split()) <= HEADLINE_WORDS and not after[:1].islower()))
    return whole >= PARAGRAPH_LINES * len(lines)


#: a line this much shorter than the text's usual line, with no closing stop, is a title, not a wrapped line
TITLE_LINE_SHARE = 0.6


def wrapped_line_breaks(text: str) -> frozenset[int]:
    """Offsets of the line breaks that fall inside a sentence of a text that wraps its lines
    ("la position\nFAMa de X a été\nattaquée"): none in a text written one paragraph a line. A
    break after a closing stop, before or after a blank line, or after a title line (much shorter
    than the text's lines, no closing stop, the next line not in lower case) ends its line."""
    if "\n" not in text or _lines_are_paragraphs(text):
        return frozenset()
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    if len(spans) < 2:
        return frozenset()
    lengths = sorted(len(text[a:b].strip()) for a, b in spans)
    usual = lengths[len(lengths) // 2]
    out = []
    for (a, b), (c, _) in pairwise(spans):
        if text.count("\n", b, c) != 1:
            continue  # a blank line parts them
        before, after = text[a:b].strip(), text[c:c + 1]
        if before[-1] in _CLOSING_STOP:
            continue
        if len(before) < TITLE_LINE_SHARE * usual and not after.islower():
            continue
        out.append(text.index("\n", b, c))
    return frozenset(out)


def _is_headline(clean: str, rows: Sequence[tuple[int, int, int]]) -> bool:
    """A short first paragraph of one sentence with no closing stop, with more paragraphs after it
    ("Jihadists claim raids in Gao region")."""
    return len(rows) >= 2 and rows[1][2] != rows[0][2] and _short_title(clean, HEADLINE_WORDS)


def _short_title(clean: str, words: int) -> bool:
    return bool(clean) and clean[-1] not in _CLOSING_STOP and len(clean.split()) <= words


def _own_paragraph(rows: Sequence[tuple[int, int, int]], i: int) -> bool:
    par = rows[i][2]
    before = i == 0 or rows[i - 1][2] != par
    after = i + 1 >= len(rows) or rows[i + 1][2] != par
    return before and after




def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


_NON_SPACE = re.compile(r"\S")


def _alone_on_line(text: str, start: int, end: int, lines: Sequence[int]) -> bool:
    """Whether the sentence fills its line (nothing but spaces before and after it). The line's
    ends come from ``lines`` (the line starts), so a text of one long line costs no rescans."""
    before = lines[bisect_right(lines, start) - 1]
    nxt = bisect_right(lines, end)
    after = lines[nxt] - 1 if nxt < len(lines) else len(text)
    return _NON_SPACE.search(text, before, start) is None and _NON_SPACE.search(text, end, after) is None


class _QuoteCounter:
    """Quotation marks opened and closed from a line's start to a position, counted forward from
    the last position asked when it lies on the same line (sentences are asked in order), so a
    paragraph of n characters is counted once, not once per sentence."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.line_start, self.pos, self.depth, self.straight = -1, -1, 0, 0

    def upto(self, line_start: int, pos: int) -> tuple[int, int]:
        """(open minus closed angle/curly quotes, straight quotes) in ``text[line_start:pos]``."""
        if line_start != self.line_start or pos < self.pos:
            self.line_start, self.pos, self.depth, self.straight = line_start, line_start, 0, 0
        part = self.text[self.pos:pos]
        self.depth += sum(part.count(q) for q in "«“„") - sum(part.count(q) for q in "»”")
        self.straight += part.count('"')
        self.pos = pos
        return self.depth, self.straight


def _quoted(text: str, start: int, end: int, lines: Sequence[int] | None = None,
            counter: _QuoteCounter | None = None) -> bool:
    """Whether quotation marks open before the sentence (or at its start) and close at or after
    its end, within its paragraph: someone's own words."""
    found = _NON_SPACE.search(text, start, end)
    clean_start = found.start() if found is not None else end
    head = text[clean_start:clean_start + 1]
    par_start = (lines[bisect_right(lines, start) - 1] if lines is not None and start > 0 else
                 max(text.rfind("\n", 0, start), -1) + 1)
    depth, straight = (counter or _QuoteCounter(text)).upto(par_start, clean_start)
    if depth <= 0 and straight % 2 == 0 and head not in _OPEN_QUOTES:
        return False
    tail = text[clean_start:end].rstrip()
    return bool(tail) and (tail[-1] in _CLOSE_QUOTES or tail[-2:-1] in ("»", "”", '"'))
