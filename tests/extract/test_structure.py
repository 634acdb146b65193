"""The roles the structure reader gives lines: subheads between paragraphs, wrapped lines none."""

from __future__ import annotations

import re

from conflictwatch.extract.structure import read_structure


def _roles(text: str) -> list[tuple[str, str]]:
    # one span per sentence or line, as the sentence splitter gives them (a line break ends one)
    spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n.]+(?:\.|\n|$)\n?", text) if m.group().strip()]
    return [(s.role, text[s.start:s.end].strip()) for s in read_structure(text, spans).sentences]


def test_a_short_line_without_a_stop_between_paragraphs_of_one_line_each_is_a_subhead() -> None:
    text = ("Gunmen attacked a gendarmerie post in Dori on Saturday. Two gendarmes were killed.\n"
            "A raid the Islamic State says it carried out\n"
            "The group said in a statement that its fighters had stormed the post.")
    assert [role for role, _ in _roles(text)] == ["lead", "lead", "subhead", "body"]


def test_lines_of_a_wrapped_paragraph_are_no_subheads() -> None:
    # a text broken every few words: the next line goes on in lower case
    text = ("The army said on Monday that the post\n"
            "of the gendarmerie in Dori was attacked\n"
            "by gunmen on Saturday. Two gendarmes\n"
            "were killed and the attackers\n"
            "fled towards the border.")
    assert "subhead" not in [role for role, _ in _roles(text)]
