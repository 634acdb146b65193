"""The trigger lexicon (data/triggers.csv) and the matching of triggers in a text.

A trigger is a word or phrase that signals an event of a given type ("clashed", "frappe de drone").
Each row of the lexicon maps a regular expression (over accent-folded lower-case text) to an
event type / sub-event type, a priority (the highest trigger of a sentence wins) and a context rule
that lets the sentence around the trigger refine the type (see the file's header).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from conflictwatch.errors import ConfigError
from conflictwatch.records import EVENT_TYPES
from conflictwatch.text import fold_aligned

__all__ = ["CONTEXT_RULES", "TriggerLexicon", "TriggerMatch", "TriggerRule"]

#: The context rules a lexicon row may name (see the header of data/triggers.csv).
CONTEXT_RULES: tuple[str, ...] = ("target", "civilian", "actor", "protest", "cue", "harm", "quiet")

_WORDS = re.compile(r"<w(\d)>")


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of the trigger lexicon."""

    lang: str
    pattern: str
    event_type: str
    sub_event_type: str
    priority: int
    context: str
    example: str = ""
    near_miss: str = ""


@dataclass(frozen=True, slots=True)
class TriggerMatch:
    """A trigger found in a text: character span, the rule that fired."""

    start: int
    end: int
    text: str
    rule: TriggerRule

    @property
    def event_type(self) -> str:
        return self.rule.event_type

    @property
    def sub_event_type(self) -> str:
        return self.rule.sub_event_type

    @property
    def priority(self) -> int:
        return self.rule.priority


def _compile(pattern: str) -> str:
    return _WORDS.sub(lambda m: r"(?:[\w'-]+ ){0," + m.group(1) + "}", pattern)


class TriggerLexicon:
    """The compiled trigger rules of each language."""

    def __init__(self, rules: list[TriggerRule], *, version: str = "") -> None:
        self.rules = rules
        self.version = version
        self._regex: dict[str, re.Pattern[str]] = {}
        self._by_group: dict[str, list[TriggerRule]] = {}
        for lang in sorted({r.lang for r in rules}):
            own = [r for r in rules if r.lang == lang]
            # the higher priority first: at one position the first alternative that matches wins
            own.sort(key=lambda r: -r.priority)
            alternatives = "|".join(f"(?P<r{i}>{_compile(r.pattern)})" for i, r in enumerate(own))
            self._regex[lang] = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
            self._by_group[lang] = own

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls) -> TriggerLexicon:
        """The lexicon shipped in ``conflictwatch/data/triggers.csv``."""
        text = resources.files("conflictwatch.data").joinpath("triggers.csv").read_text(encoding="utf-8")
        version = ""
        body: list[str] = []
        for line in text.splitlines():
            if line.startswith("#"):
                m = re.search(r"version\s+(\S+)", line)
                if m and not version:
                    version = m.group(1)
                continue
            body.append(line)
        rules: list[TriggerRule] = []
        for lineno, row in enumerate(csv.DictReader(body), start=2):
            try:
                rule = TriggerRule(
                    lang=row["lang"], pattern=row["pattern"], event_type=row["event_type"],
                    sub_event_type=row["sub_event_type"], priority=int(row["priority"]),
                    context=row["context"] or "", example=row.get("example") or "",
                    near_miss=row.get("near_miss") or "",
                )
            except (KeyError, ValueError) as exc:
                raise ConfigError(f"data/triggers.csv row {lineno} is malformed ({exc}); fix the row") from exc
            if rule.sub_event_type not in EVENT_TYPES.get(rule.event_type, ()):
                raise ConfigError(f"data/triggers.csv row {lineno}: unknown type "
                                  f"{rule.event_type!r} / {rule.sub_event_type!r}")
            unknown = [flag for flag in rule.context.split() if flag not in CONTEXT_RULES]
            if unknown:
                raise ConfigError(f"data/triggers.csv row {lineno}: context flag {unknown[0]!r} is not one of "
                                  f"{', '.join(CONTEXT_RULES)}")
            rules.append(rule)
        return cls(rules, version=version)

    def find(self, text: str, *, lang: str, folded: str | None = None) -> list[TriggerMatch]:
        """Every trigger in ``text`` (non-overlapping, leftmost-longest per position)."""
        regex = self._regex.get(lang)
        if regex is None:
            return []
        folded = fold_aligned(text) if folded is None else folded
        own = self._by_group[lang]
        out: list[TriggerMatch] = []
        for m in regex.finditer(folded):
            group = m.lastgroup
            if group is None:
                continue
            rule = own[int(group[1:])]
            out.append(TriggerMatch(m.start(), m.end(), text[m.start():m.end()], rule))
        return out
