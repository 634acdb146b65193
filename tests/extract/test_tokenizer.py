"""The fast-starting blank pipelines tokenize exactly as ``spacy.blank`` does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import spacy

from conflictwatch.extract.lang import blank_pipeline, factor_token_match, tokenizer_cache_path

# Our own sentences about other places and days, chosen for what French and English tokenizer
# exceptions and token_match handle: elisions, hyphenated prefixes, abbreviations, numbers, URLs.
SENTENCES = {
    "fr": [
        "Aujourd'hui, l'armée a repoussé une attaque près de Kaya (Burkina Faso) vers 5h30.",
        "Le porte-parole anti-terroriste a dit qu'il y avait 12 morts et 3 blessés, selon M. Diallo.",
        "Des jihadistes pro-gouvernementaux et des néo-salafistes ? Non : des ex-rebelles arabo-touareg.",
        "Rendez-vous à Saint-Louis le 3 janv. 2021 ; voir https://exemple.org/rapport-2021.pdf.",
        "C'est-à-dire qu'entre-temps les auto-défenses dozos ont pris l'avant-poste d'Est-Ouest.",
        "Prud'hommes, aujourd’hui, quelqu’un, presqu'île et l'Anti-Balaka : tout y est, n'est-ce pas ?",
    ],
    "en": [
        "Gunmen didn't spare the village; they'd killed 4 people by 6 p.m. on Jan. 3rd, officials said.",
        "The U.N. mission (MINUSCA) reported an IED near Bria at 10:30am — see https://example.com/a?b=1.",
        "Pro-government militiamen and ex-rebels can't agree, Mr. Kone told the AFP in St. Louis.",
        "A 12-year-old girl and 3 others were wounded; it's the third attack in '21, y'all know.",
    ],
}


def _tokens(nlp: spacy.language.Language, text: str) -> list[tuple[str, str, bool]]:
    return [(t.text, t.norm_, t.is_sent_start is True) for t in nlp(text)]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blank_pipeline_tokenizes_as_spacy_blank(lang: str, tmp_path: Path) -> None:
    ours, theirs = blank_pipeline(lang, cache_dir=tmp_path), spacy.blank(lang)
    for text in SENTENCES[lang]:
        assert _tokens(ours, text) == _tokens(theirs, text), text


def _heads(alternatives: list[str]) -> list[str]:
    """A literal word for the start of each alternative before its letter class:
    "^anti[-‐][a-z...]+$" -> "anti-"; a class becomes its first character, "?" is dropped."""
    words = []
    for alt in alternatives:
        head = alt.lstrip("^").split("[a-z", 1)[0]
        head = re.sub(r"\[\^?(.)[^\]]*\]", lambda m: m.group(1), head).replace("?", "")
        head = re.sub(r"\((?:\?:)?([^|)]*)[^)]*\)", lambda m: m.group(1), head)
        words.append(head)
    return words


def test_french_token_match_keeps_every_exception_word_spacy_keeps(tmp_path: Path) -> None:
    ours, theirs = blank_pipeline("fr", cache_dir=tmp_path).tokenizer, spacy.blank("fr").tokenizer
    assert ours.token_match is not None and theirs.token_match is not None
    from spacy.lang.fr.tokenizer_exceptions import _regular_exp

    heads = _heads(_regular_exp)
    assert len(heads) > 200
    words = [w for h in heads for w in (h + "terroriste", h, h + "Terroriste", h.upper() + "x", h + "é-x")]
    words += ["Villers-sur-Mer", "Aix-les-Bains", "Châlons-en-Champagne", "Pont-à-Mousson",
              "Lac-Saint-Jean", "Bourg-lès-Valence", "Fontaine-l'Évêque", "Saint-Louis"]
    kept = [w for w in words if theirs.token_match(w)]
    assert len(kept) > 200  # the words exercise the expression, not only its misses
    assert [w for w in words if ours.token_match(w)] == kept


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_blank_pipeline_reads_back_what_it_cached(lang: str, tmp_path: Path) -> None:
    first = blank_pipeline(lang, cache_dir=tmp_path)
    path = tokenizer_cache_path(tmp_path, lang)
    assert path.is_file() and f"spacy-{spacy.__version__}" in str(path)
    again = blank_pipeline(lang, cache_dir=tmp_path)
    for text in SENTENCES[lang]:
        assert _tokens(again, text) == _tokens(first, text)


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    blank_pipeline("fr", cache_dir=tmp_path)
    path = tokenizer_cache_path(tmp_path, "fr")
    good = path.read_bytes()
    path.write_bytes(good[: len(good) // 2])
    nlp = blank_pipeline("fr", cache_dir=tmp_path)
    assert [t.text for t in nlp("l'armée d'aujourd'hui")] == ["l'", "armée", "d'", "aujourd'hui"]
    assert path.read_bytes() == good


def test_a_read_only_cache_directory_still_gives_a_tokenizer(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    nlp = blank_pipeline("fr", cache_dir=blocked)
    assert [t.text for t in nlp("l'armée")] == ["l'", "armée"]


def test_blank_pipeline_refuses_a_language_it_does_not_know() -> None:
    with pytest.raises(ValueError, match="supported: en, fr"):
        blank_pipeline("de")


LETTERS = "[a-zàâçéèêëîïôûù" + "".join(chr(c) for c in range(0x100, 0x180)) + "]"
PATTERN = "|".join([
    f"^anti[-‐]{LETTERS}{LETTERS}*$", f"^pro[-‐]{LETTERS}{LETTERS}*$", f"^(?:ex|néo)[-‐]{LETTERS}+$",
    f"^{LETTERS}+[-‐]ci$", f"^{LETTERS}+[-‐]là$", "^prud'hom+es$", "^aujourd['’]hui$",
])
WORDS = ["anti-terroriste", "anti‐x", "anti-", "pro-mali", "pro-", "ex-rebelle", "néo-salafiste",
         "ceux-ci", "celle-là", "-ci", "prud'hommes", "prud'homes", "aujourd’hui", "aujourd'huix",
         "Anti-Balaka", "antiterroriste", "ex-", "xex-a", "ceux-cila", ""]


def test_factored_token_match_matches_the_same_strings() -> None:
    factored = factor_token_match(PATTERN)
    assert len(factored) < len(PATTERN)
    original, ours = re.compile(PATTERN), re.compile(factored)
    for word in WORDS:
        assert bool(original.match(word)) == bool(ours.match(word)), word


def test_factored_token_match_keeps_leading_flags() -> None:
    factored = factor_token_match("(?i)" + PATTERN)
    assert factored.startswith("(?i)")
    assert re.compile(factored).match("ANTI-TERRORISTE")
