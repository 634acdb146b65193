"""No file of the repository repeats the wording of a gold text.

The gold sets in ../shared/data/gold measure the extractor; their texts (and sentences
paraphrased from them) must not end up in code, comments, tests or data. A file fails when it
shares a run of 8 words with any gold text (words as ``re.findall(r"\\w+", text)``, lower-cased:
the same definition as ../shared/hooks/gold_overlap.py).

Organisation names are names, not wording: a run that lies entirely inside the name of an actor
of the registry (canonical name, alias, alias template, date-dependent name), as the press writes
it (with or without the article after a preposition, after one leading article: "the Group for
the Support of ..."), is allowed.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.conftest import GOLD_DIR, ROOT, SHARED

N = 8
WORD = re.compile(r"\w+")
DATA = ROOT / "src" / "conflictwatch" / "data"

#: Prepositions after which a name's article is optional, and the articles that may follow them.
_PREPOSITIONS = frozenset({"for", "of", "in", "to", "pour", "dans"})
_ARTICLES = ("the", "le", "la", "les")
#: Words that may stand before a name in running text ("the", "l'", "du", ...).
_LEADING = ("the", "le", "la", "les", "l", "du", "des", "de", "d")
#: At most this many optional-article slots are expanded per name (2**n forms).
_MAX_SLOTS = 4


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def _runs(words: list[str], n: int = N) -> Iterator[str]:
    return (" ".join(words[i:i + n]) for i in range(len(words) - n + 1))


# --------------------------------------------------------------------------- gold


def _gold_runs() -> dict[str, str]:
    """Every 8-word run of every gold text -> the id of one document that has it."""
    runs: dict[str, str] = {}
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for number, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                doc = json.loads(line)
                where = f"{path.name}:{doc.get('id', number)}"
                for run in _runs(_words(doc.get("text") or "")):
                    runs.setdefault(run, where)
    return runs


# --------------------------------------------------------------------------- organisation names


def _csv_rows(name: str) -> list[dict[str, str]]:
    path = DATA / name
    if not path.is_file():
        return []
    body = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                     if not line.startswith("#"))
    return [{k: (v or "").strip() for k, v in row.items() if k}
            for row in csv.DictReader(io.StringIO(body))]


def _names_from_registry() -> set[str]:
    """Canonical names, alias texts and date-dependent names of the actor registry."""
    from conflictwatch.extract.actors import ActorRegistry

    reg = ActorRegistry.load()
    countries = list(getattr(reg, "countries", {}).values())
    names: set[str] = set()
    for actor in getattr(reg, "actors", ()):
        name = getattr(actor, "name", "")
        if "{country}" in name:
            names.update(name.replace("{country}", c) for c in countries)
        else:
            names.add(name)
        names.update(getattr(actor, "aliases", ()))
    names.update(getattr(alias, "text", "") for alias in getattr(reg, "aliases", ()))
    names.update(getattr(period, "label", "") for period in getattr(reg, "periods", ())
                 if getattr(period, "style", "") == "name")
    return names


def _names_from_csv() -> set[str]:
    """The names and aliases as written in actors.csv and actor_alias_sets.csv (templates filled
    with every country of actor_countries.csv)."""
    names: set[str] = set()
    countries = _csv_rows("actor_countries.csv")
    for row in _csv_rows("actors.csv"):
        for column in ("name", "acronyms", "aliases", "aliases_en", "aliases_fr"):
            for part in row.get(column, "").split("|"):
                part = part.strip()
                if not part or part.startswith("@"):
                    continue
                if "{country}" in part:
                    names.update(part.replace("{country}", c.get("name", "")) for c in countries)
                else:
                    names.add(part)
    for row in _csv_rows("actor_alias_sets.csv"):
        template = row.get("alias", "")
        for country in countries:
            try:
                names.add(template.format(**country))
            except (KeyError, IndexError, ValueError):
                continue
    for row in _csv_rows("actor_periods.csv"):
        if row.get("style") == "name":
            names.add(row.get("label", ""))
    return names


def _article_forms(words: list[str]) -> Iterator[list[str]]:
    """``words`` with each article after a preposition present or not ("of (the) Azawad")."""
    slots: list[tuple[int, int]] = []  # (index of the preposition, index after its article)
    i = 0
    while i < len(words):
        if words[i] in _PREPOSITIONS:
            end = i + 2 if i + 1 < len(words) and words[i + 1] in _ARTICLES else i + 1
            slots.append((i, end))
            i = end
        else:
            i += 1
    if not slots or len(slots) > _MAX_SLOTS:
        yield words
        return
    for choice in itertools.product((False, True), repeat=len(slots)):
        out: list[str] = []
        last = 0
        for (prep, end), with_article in zip(slots, choice):
            out += words[last:prep + 1]
            if with_article:
                out.append(words[end - 1] if end == prep + 2 else
                           ("the" if words[prep] in ("for", "of", "in", "to") else "le"))
            last = end
        yield out + words[last:]


def _name_runs(names: Iterable[str]) -> set[str]:
    """The 8-word runs that lie inside one organisation name as running text writes it."""
    runs: set[str] = set()
    for name in names:
        words = _words(name)
        if len(words) < N - 1:
            continue
        for form in _article_forms(words):
            runs.update(_runs(form))
            for lead in _LEADING:
                runs.update(_runs([lead, *form]))
    return runs


# --------------------------------------------------------------------------- repository files


def _tracked_files() -> list[str]:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z"], capture_output=True,
                             check=True).stdout
    except (OSError, subprocess.CalledProcessError) as exc:
        pytest.skip(f"cannot list the files tracked by git in {ROOT}: {exc}")
    return [name for name in out.decode("utf-8", "surrogateescape").split("\0") if name]


def _text(path: Path) -> str | None:
    """The file's text, or None for a binary, non-UTF-8 or unreadable file."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    if b"\0" in raw:
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return None


# --------------------------------------------------------------------------- the test


def test_no_tracked_file_repeats_the_wording_of_a_gold_text() -> None:
    if not GOLD_DIR.is_dir() or not any(GOLD_DIR.glob("*.jsonl")):
        pytest.skip(f"no gold sets in {GOLD_DIR}: this check needs the shared data {SHARED} "
                    "(../shared beside the checkout, or CONFLICTWATCH_SHARED)")
    gold = _gold_runs()
    allowed = _name_runs(_names_from_registry() | _names_from_csv())

    offending: list[tuple[str, int, str, str]] = []
    for name in _tracked_files():
        path = ROOT / name
        if not path.is_file():
            continue
        text = _text(path)
        if text is None:
            continue
        shared = {run for run in _runs(_words(text)) if run in gold} - allowed
        if shared:
            example = min(shared)
            offending.append((name, len(shared), example, gold[example]))

    if offending:
        offending.sort(key=lambda item: (-item[1], item[0]))
        lines = [f"  {name}: {count} run(s) of {N} words shared with gold texts, "
                 f"e.g. \"{example}\" ({where})" for name, count, example, where in offending]
        pytest.fail(
            f"{len(offending)} tracked file(s) repeat the wording of gold texts in {GOLD_DIR}. "
            "Gold texts are for measuring only: rewrite these passages in your own words "
            "(a new sentence, other places and days), keeping what they test.\n"
            + "\n".join(lines), pytrace=False)
