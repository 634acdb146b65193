"""Language routing: English or French, with the document's own ``lang`` winning.

Detection uses py3langid on a dedicated :class:`LanguageIdentifier` restricted to ``en`` and ``fr``
(the module-level identifier of py3langid is left untouched). The model is loaded on first use.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache, lru_cache
from pathlib import Path

from py3langid.langid import MODEL_FILE, LanguageIdentifier
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

__all__ = [
    "MAX_RUN",
    "SUFFIX_WINDOW",
    "SUPPORTED_LANGUAGES",
    "TOKENIZER_CACHE_FORMAT",
    "RunBoundedTokenizer",
    "TailSearch",
    "blank_pipeline",
    "bound_tokenizer",
    "detect_language",
    "document_language",
    "factor_token_match",
    "tokenizer_cache_path",
]

SUPPORTED_LANGUAGES: tuple[str, ...] = ("en", "fr")


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    ident = LanguageIdentifier.from_model_file(MODEL_FILE)
    ident.set_languages(list(SUPPORTED_LANGUAGES))
    return ident


def detect_language(text: str) -> str:
    """``"en"`` or ``"fr"``: the more likely of the two for ``text`` (English when empty)."""
    if not text.strip():
        return "en"
    lang, _score = _identifier().classify(text[:2000])
    return str(lang)


def document_language(text: str, declared: str = "") -> str:
    """The language to process a document in: ``declared`` when it is en/fr, else detected."""
    declared = (declared or "").strip().lower()[:2]
    if declared in SUPPORTED_LANGUAGES:
        return declared
    return detect_language(text)


# ---- tokenizers that start fast ---------------------------------------------------------------
#
# ``spacy.blank("fr")`` takes seconds: importing ``spacy.lang.fr`` compiles its tokenizer's
# ``token_match``, one regular expression of 266 anchored alternatives ("^anti[-‐][a-z...]...$"),
# each repeating spaCy's large letter classes, which Python's ``re`` expands for case-folding once
# per occurrence. The alternatives share a few tails, so the same expression factored by tail
# ("^(?:anti|arabo|...)[-‐][a-z...]...$") matches exactly the same strings and compiles in a few
# milliseconds. A pipeline's tokenizer (prefix, suffix and infix expressions, exceptions, the
# factored ``token_match``) is written once to ``<data dir>/cache/spacy-<version>/`` and read back
# by later processes, which then never import ``spacy.lang.fr``.

#: Bumped when what the tokenizer cache holds changes.
TOKENIZER_CACHE_FORMAT = 2
#: A character class this long is one of spaCy's letter classes: an alternative is split before it.
_BIG_CLASS = 64


def _class_end(pattern: str, start: int) -> int:
    """Index just past the character class opening at ``pattern[start] == "["``."""
    i = start + 1
    if i < len(pattern) and pattern[i] == "^":
        i += 1
    if i < len(pattern) and pattern[i] == "]":
        i += 1  # a "]" first in a class is literal
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
            continue
        if pattern[i] == "]":
            return i + 1
        i += 1
    raise ValueError(f"unterminated character class at {start} in {pattern[:80]!r}...")


def _split_top(pattern: str) -> list[str]:
    """``pattern``'s top-level alternatives (split at ``|`` outside groups and classes)."""
    parts, depth, i, start = [], 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


def _head_and_tail(alternative: str) -> tuple[str, str]:
    """``alternative`` split before its first large character class outside any group
    (``("^anti[-‐]", "[a-z...][...]*$")``); ``("", alternative)`` when there is none."""
    depth, i = 0, 0
    while i < len(alternative):
        c = alternative[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            end = _class_end(alternative, i)
            if depth == 0 and end - i > _BIG_CLASS:
                return alternative[:i], alternative[i:]
            i = end
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        i += 1
    return "", alternative


def factor_token_match(pattern: str) -> str:
    """The regular expression ``pattern`` (alternatives, each anchored "^...$", as spaCy's French
    ``TOKEN_MATCH``) with alternatives that share a beginning and an end merged: ``H1 T|H2 T``
    becomes ``(?:H1|H2)T``, and ``P M1 S|P M2 S`` becomes ``P(?:M1|M2)S``.

    The two match the same strings; the factored one compiles each large letter class once per
    group instead of once per alternative. Leading inline flags (``(?iu)``) are kept.
    """
    flags = ""
    while pattern.startswith("(?") and ")" in pattern and pattern[2:pattern.index(")")].isalpha():
        end = pattern.index(")") + 1
        flags, pattern = flags + pattern[:end], pattern[end:]
    tails: dict[str, list[str]] = {}
    for alt in _split_top(pattern):
        if alt.startswith("(?:") and _balanced_group(alt):
            alt = alt[3:-1]
        for sub in _split_top(alt):
            head, tail = _head_and_tail(sub)
            tails.setdefault(tail, []).append(head)
    out: list[str] = []
    bare: dict[str, list[list[str]]] = {}  # tails with no head, by their first two atoms
    for tail, heads in tails.items():
        uniq = list(dict.fromkeys(heads))
        if uniq in ([""], ["^"]):
            atoms = _atoms(uniq[0] + tail)
            bare.setdefault("".join(atoms[:3]), []).append(atoms)
        else:
            out.append("(?:(?:" + "|".join(uniq) + f"){tail})")
    for group in bare.values():
        if len(group) == 1:
            out.append("(?:" + "".join(group[0]) + ")")
            continue
        n_pre = 0
        while all(len(a) > n_pre and a[n_pre] == group[0][n_pre] for a in group):
            n_pre += 1
        n_suf = 0
        while all(len(a) - n_pre > n_suf and a[-1 - n_suf] == group[0][-1 - n_suf] for a in group):
            n_suf += 1
        middles = list(dict.fromkeys("".join(a[n_pre:len(a) - n_suf]) for a in group))
        out.append("(?:" + "".join(group[0][:n_pre]) + "(?:" + "|".join(middles) + ")"
                   + "".join(group[0][len(group[0]) - n_suf:]) + ")")
    return flags + "|".join(out)


_ESCAPE_LENGTH = {"u": 6, "U": 10, "x": 4}


def _atoms(regex: str) -> list[str]:
    """``regex`` as a list of atoms (a character, escape, class or group, with its quantifier):
    cutting between two atoms leaves both sides well-formed."""
    atoms: list[str] = []
    i = 0
    while i < len(regex):
        c = regex[i]
        if c == "\\":
            end = i + _ESCAPE_LENGTH.get(regex[i + 1:i + 2], 2)
        elif c == "[":
            end = _class_end(regex, i)
        elif c == "(":
            depth, end = 0, i
            while end < len(regex):
                ch = regex[end]
                if ch == "\\":
                    end += 2
                    continue
                if ch == "[":
                    end = _class_end(regex, end)
                    continue
                depth += (ch == "(") - (ch == ")")
                end += 1
                if depth == 0:
                    break
        else:
            end = i + 1
        if end < len(regex) and regex[end] in "*+?":
            end += 1
        elif end < len(regex) and regex[end] == "{" and "}" in regex[end:]:
            end = regex.index("}", end) + 1
        if end < len(regex) and regex[end] == "?" and regex[end - 1] in "*+?}":
            end += 1
        atoms.append(regex[i:end])
        i = end
    return atoms


def _balanced_group(alt: str) -> bool:
    """Whether ``alt`` is one group "(?:...)" from its first to its last character."""
    depth, i = 0, 0
    while i < len(alt):
        c = alt[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(alt, i)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and i != len(alt) - 1:
                return False
        i += 1
    return depth == 0


def _spacy_tokenizer_bytes(lang: str) -> bytes:
    """The tokenizer of ``spacy.blank(lang)``, with a factored ``token_match``, serialised."""
    import spacy

    nlp = spacy.blank(lang)
    tok: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    match = tok.token_match
    if match is not None and hasattr(match, "__self__") and hasattr(match.__self__, "pattern"):
        pattern = match.__self__.pattern
        # compiled as Tokenizer.from_bytes will: from the pattern alone, its flags inline
        tok.token_match = re.compile(factor_token_match(pattern)).match
    data: bytes = tok.to_bytes(exclude=["vocab"])
    return data


def tokenizer_cache_path(cache_dir: Path, lang: str) -> Path:
    """Where the tokenizer of ``lang`` is cached under ``cache_dir``, keyed by spaCy's version."""
    import spacy

    return Path(cache_dir) / f"spacy-{spacy.__version__}" / f"tokenizer-{lang}-v{TOKENIZER_CACHE_FORMAT}.bin"


_CACHE_MAGIC = b"conflictwatch-tokenizer\n"


def _read_cache(path: Path) -> bytes | None:
    """The tokenizer bytes cached at ``path``; None when missing, unreadable, or not whole (a
    file cut short or written by something else fails its digest and is rebuilt)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    head, _, rest = raw.partition(b"\n")
    if head + b"\n" != _CACHE_MAGIC or len(rest) < 65 or rest[64:65] != b"\n":
        return None
    digest, data = rest[:64], rest[65:]
    if hashlib.sha256(data).hexdigest().encode() != digest:
        return None
    return data


def _cached_tokenizer_bytes(lang: str, cache_dir: Path | None) -> bytes:
    if cache_dir is None:
        return _spacy_tokenizer_bytes(lang)
    path = tokenizer_cache_path(cache_dir, lang)
    cached = _read_cache(path)
    if cached is not None:
        return cached
    data = _spacy_tokenizer_bytes(lang)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(_CACHE_MAGIC + hashlib.sha256(data).hexdigest().encode() + b"\n" + data)
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only data directory: build it in memory each time, as spaCy does
    return data


def blank_pipeline(lang: str, *, cache_dir: Path | None = None) -> Language:
    """A tokenizer-only pipeline for ``lang`` that tokenizes as ``spacy.blank(lang)`` does.

    Its tokenizer (spaCy's prefixes, suffixes, infixes, exceptions and a factored ``token_match``
    matching the same tokens) is read from ``cache_dir`` when cached there for this spaCy version,
    else built from spaCy's language data once and cached (silently skipped where ``cache_dir``
    is not writable). ``cache_dir=None`` builds it without a cache. The pipeline's language class
    carries only the tokenizer: spaCy's lexical attributes (``like_num``, stop words) are the
    base ones, which the extractor does not read.
    """
    if lang not in SUPPORTED_LANGUAGES:
        raise ValueError(f"no tokenizer for language {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}")
    data = _cached_tokenizer_bytes(lang, cache_dir)
    nlp = _language_class(lang)()
    tok: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    tok.from_bytes(data, exclude=["vocab"])
    return nlp


@cache
def _language_class(lang: str) -> type[Language]:
    """A bare :class:`spacy.language.Language` subclass for ``lang`` whose defaults compile nothing
    (the tokenizer comes from :func:`blank_pipeline`'s bytes)."""
    from spacy.language import BaseDefaults

    defaults = type(f"_Cw{lang.title()}Defaults", (BaseDefaults,), {
        "tokenizer_exceptions": {}, "prefixes": None, "suffixes": None, "infixes": None,
        "token_match": None, "url_match": None})
    return type(f"_Cw{lang.title()}", (Language,), {"lang": lang, "Defaults": defaults})


# ---- tokenizing in time linear in the text ----------------------------------------------------
#
# spaCy peels suffixes off a chunk of text without white space one at a time, each time running
# its suffix expression (alternatives anchored with "$") as ``re.search`` over the whole chunk: a
# search tries every start position, so a chunk of n characters that is all suffixes (24,000
# quotation marks, 5,000 closing parentheses) costs n searches of up to n positions, O(n^2) (181 s
# for 24 KB of quotes). :class:`TailSearch` searches only the chunk's last characters, which is
# where any suffix match starts, and falls back to the whole chunk when the match might begin
# further back; spaCy's tokens stay the same.

#: Characters at the end of a chunk where :class:`TailSearch` looks for a suffix first: longer than
#: any of spaCy's fixed suffixes ("km²", "…", "%"...), so only a repeated one reaches back further.
SUFFIX_WINDOW = 40


class TailSearch:
    """``pattern.search`` for suffix expressions (every alternative anchored at the end), looking
    at the last :data:`SUFFIX_WINDOW` characters first.

    Python's ``search(string, pos)`` leaves look-behinds free to see before ``pos``; a match found
    there is the leftmost one of the whole string unless it starts at ``pos`` itself (it might
    then reach further back, as a run of dots does), in which case the whole string is searched.
    The same strings give the same match as ``pattern.search`` wherever no suffix is longer than
    the window without a shorter suffix of it in the window -- true of spaCy's suffix rules, and
    checked on the tokens of every document of the test corpus.
    """

    def __init__(self, pattern: re.Pattern[str], window: int = SUFFIX_WINDOW) -> None:
        self.pattern = pattern
        self.window = window

    def __call__(self, string: str) -> re.Match[str] | None:
        start = len(string) - self.window
        if start <= 0:
            return self.pattern.search(string)
        found = self.pattern.search(string, start)
        if found is not None and found.start() == start:
            return self.pattern.search(string)
        return found


#: The longest chunk without white space that spaCy's tokenizer is given whole; a longer one (no
#: word or URL is that long) is cut into pieces of this length, each tokenized on its own.
MAX_RUN = 1000
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN + 1},}}")


class RunBoundedTokenizer:
    """spaCy's tokenizer, with each chunk without white space longer than :data:`MAX_RUN`
    characters cut into pieces: even with :class:`TailSearch`, spaCy copies what is left of a chunk
    after each affix it peels off, O(n^2) in the chunk's length (a megabyte of quotation marks:
    6 minutes). A text with no such chunk is tokenized by spaCy's tokenizer alone, as before; the
    tokens of the pieces are joined into one ``Doc`` whose text is the text given."""

    def __init__(self, tokenizer: Tokenizer, max_run: int = MAX_RUN) -> None:
        self.tokenizer = tokenizer
        self.max_run = max_run
        self._long = _LONG_RUN if max_run == MAX_RUN else re.compile(rf"\S{{{max_run + 1},}}")

    @property
    def vocab(self) -> object:
        return self.tokenizer.vocab

    def __call__(self, text: str) -> Doc:
        if self._long.search(text) is None:
            return self.tokenizer(text)
        docs: list[Doc] = []
        pos = 0
        for m in self._long.finditer(text):
            if m.start() > pos:
                docs.append(self.tokenizer(text[pos:m.start()]))
            for i in range(m.start(), m.end(), self.max_run):
                docs.append(self.tokenizer(text[i:min(i + self.max_run, m.end())]))
            pos = m.end()
        if pos < len(text):
            docs.append(self.tokenizer(text[pos:]))
        return Doc.from_docs(docs, ensure_whitespace=False)


def bound_tokenizer(nlp: Language) -> Language:
    """``nlp`` with a tokenizer whose work is linear in the text: spaCy's own, its suffix search a
    :class:`TailSearch`, given no chunk without white space over :data:`MAX_RUN` characters
    (:class:`RunBoundedTokenizer`). A tokenizer that is not spaCy's is left as it is."""
    tok = nlp.tokenizer
    if not isinstance(tok, Tokenizer):
        return nlp
    search = tok.suffix_search
    pattern = getattr(search, "__self__", None)
    if isinstance(pattern, re.Pattern):
        tok.suffix_search = TailSearch(pattern)
    nlp.tokenizer = RunBoundedTokenizer(tok)
    return nlp
