"""Reading death and injury tolls (extract/numbers.py).

Cases come from the hand-written specification table ``test_numbers_cases.tsv`` beside this file
and from the lexicons themselves (``data/number_words.json``, ``data/fatality_words.json``): every
number word parses, every death and injury word fires in a sentence, every "nobody died" phrase
gives 0, every phrase that only looks like a death gives none, every unit blocks a count.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from conflictwatch.extract.numbers import FatalityCount, parse_fatalities, parse_number


def _data(name: str) -> dict:  # type: ignore[type-arg]
    return json.loads(resources.files("conflictwatch.data").joinpath(name).read_text("utf-8"))


NUMBERS = _data("number_words.json")
CUES = _data("fatality_words.json")
LANGS = ("en", "fr")


def _cases() -> list[tuple[str, str, str, str, int | None, int | None]]:
    rows = []
    path = Path(__file__).with_name("test_numbers_cases.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        low = int(cols[4]) if len(cols) > 4 else None
        high = int(cols[5]) if len(cols) > 5 else None
        rows.append((cols[0], cols[1], cols[2], cols[3], low, high))
    return rows


@pytest.mark.parametrize(("lang", "sentence", "killed", "injured", "low", "high"), _cases())
def test_parse_fatalities_follows_the_specification_table(
    lang: str, sentence: str, killed: str, injured: str, low: int | None, high: int | None
) -> None:
    found = parse_fatalities(sentence, lang=lang)
    if killed == "-" and injured == "-":
        assert found is None
        return
    assert found is not None
    if killed == "?":
        assert (found.killed, found.unknown) == (0, True)
    else:
        assert found.killed == (None if killed == "-" else int(killed))
        assert not found.unknown
    assert found.injured == (None if injured == "-" else int(injured))
    assert (found.low, found.high) == (low, high)
    assert sentence[found.start : found.end] == found.text


@pytest.mark.parametrize(
    ("lang", "text", "value"),
    [
        ("en", "seven", 7),
        ("en", "twenty-one", 21),
        ("en", "one hundred and twenty-five", 125),
        ("en", "three thousand", 3000),
        ("en", "2,000", 2000),
        ("en", "12", 12),
        ("fr", "dix-sept", 17),
        ("fr", "vingt et un", 21),
        ("fr", "soixante et onze", 71),
        ("fr", "soixante-dix", 70),
        ("fr", "quatre-vingts", 80),
        ("fr", "quatre-vingt-dix", 90),
        ("fr", "quatre-vingt-dix-neuf", 99),
        ("fr", "deux cents", 200),
        ("fr", "mille deux cents", 1200),
        ("fr", "1 200", 1200),
        ("fr", "1.200", 1200),
    ],
)
def test_parse_number_reads_digits_and_number_words(lang: str, text: str, value: int) -> None:
    assert parse_number(text, lang=lang) == value


@pytest.mark.parametrize(
    ("lang", "text"),
    [("en", "soldiers"), ("en", ""), ("en", "seven soldiers"), ("fr", "sept soldats"), ("fr", "")],
)
def test_parse_number_rejects_what_is_not_a_number(lang: str, text: str) -> None:
    assert parse_number(text, lang=lang) is None


@pytest.mark.parametrize(
    ("lang", "word", "value"),
    [(lang, w, v) for lang in LANGS for w, v in NUMBERS[lang]["units"].items()],
)
def test_every_unit_word_parses(lang: str, word: str, value: int) -> None:
    assert parse_number(word, lang=lang) == value


@pytest.mark.parametrize(
    ("lang", "phrase", "value"),
    [(lang, p, v) for lang in LANGS for p, v in NUMBERS[lang]["approximate"].items()],
)
def test_every_vague_quantity_reads_conservatively(lang: str, phrase: str, value: int) -> None:
    assert parse_number(phrase, lang=lang) == value


@pytest.mark.parametrize(
    ("lang", "phrase", "value"),
    [
        (lang, p, v)
        for lang in LANGS
        for p, v in NUMBERS[lang]["approximate"].items()
        if p.endswith(("of", "de", "d'"))
    ],
)
def test_every_vague_quantity_counts_the_dead(lang: str, phrase: str, value: int) -> None:
    noun = "civilians were killed" if lang == "en" else "civils ont été tués"
    if phrase.endswith("d'"):
        noun = "habitants ont été tués"
    found = parse_fatalities(f"{phrase}{'' if phrase.endswith(chr(39)) else ' '}{noun}", lang=lang)
    assert found is not None and found.killed == value


@pytest.mark.parametrize(
    ("lang", "qualifier"),
    [
        (lang, q)
        for lang in LANGS
        for q in NUMBERS[lang]["qualifiers"]
        if q not in ("between", "entre")
    ],
)
def test_every_qualifier_keeps_the_figure(lang: str, qualifier: str) -> None:
    tail = "12 soldiers were killed" if lang == "en" else "12 soldats ont été tués"
    found = parse_fatalities(f"x {qualifier} {tail}", lang=lang)
    assert found is not None and found.killed == 12


@pytest.mark.parametrize(
    ("lang", "cue", "kind"),
    [(lang, c, kind) for lang in LANGS for kind in ("death", "injury") for c in CUES[lang][kind]],
)
def test_every_death_and_injury_word_counts_the_number_before_it(
    lang: str, cue: str, kind: str
) -> None:
    found = parse_fatalities(f"x 12 {cue}", lang=lang)
    assert found is not None
    assert (found.killed if kind == "death" else found.injured) == 12


@pytest.mark.parametrize(
    ("lang", "verb", "kind"),
    [
        (lang, v, kind)
        for lang in LANGS
        for kind in ("death_verbs", "injury_verbs")
        for v in CUES[lang][kind]
    ],
)
def test_every_killing_and_wounding_verb_counts_the_number_after_it(
    lang: str, verb: str, kind: str
) -> None:
    sep = "" if verb.endswith("'") else " "
    found = parse_fatalities(f"x {verb}{sep}12 y", lang=lang)
    assert found is not None
    assert (found.killed if kind == "death_verbs" else found.injured) == 12


@pytest.mark.parametrize(
    ("lang", "cue"), [(lang, c) for lang in LANGS for c in CUES[lang]["death_transitive"]]
)
def test_a_count_before_an_active_killing_verb_is_the_attacker(lang: str, cue: str) -> None:
    victims = "the villagers" if lang == "en" else "les villageois"
    found = parse_fatalities(f"x 100 gunmen {cue} {victims}", lang=lang)
    assert found is None or found.killed != 100


@pytest.mark.parametrize(
    ("lang", "toll"), [(lang, t) for lang in LANGS for t in CUES[lang]["tolls"]]
)
def test_every_toll_word_introduces_the_death_toll(lang: str, toll: str) -> None:
    found = parse_fatalities(f"x {toll} : 14", lang=lang)
    assert found is not None and found.killed == 14


@pytest.mark.parametrize(
    ("lang", "phrase"), [(lang, p) for lang in LANGS for p in CUES[lang]["zero"]]
)
def test_every_nobody_died_phrase_gives_zero(lang: str, phrase: str) -> None:
    found = parse_fatalities(f"x, {phrase}.", lang=lang)
    assert found is not None
    assert (found.killed, found.unknown) == (0, False)


@pytest.mark.parametrize(
    ("lang", "phrase"), [(lang, p) for lang in LANGS for p in CUES[lang]["not_death"]]
)
def test_phrases_that_only_look_like_deaths_report_none(lang: str, phrase: str) -> None:
    assert parse_fatalities(f"x {phrase} y", lang=lang) is None


@pytest.mark.parametrize(
    ("lang", "phrase"), [(lang, p) for lang in LANGS for p in CUES[lang]["other_report"]]
)
def test_another_sources_figure_is_an_alternative_and_the_lowest_is_kept(
    lang: str, phrase: str
) -> None:
    if lang == "en":
        sentence = f"Six soldiers were killed; {phrase}: eight dead."
    else:
        sentence = f"Six soldats ont été tués ; {phrase} : huit morts."
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None
    assert (found.killed, found.low, found.high) == (6, 6, 8)


@pytest.mark.parametrize(
    ("lang", "word"), [(lang, w) for lang in LANGS for w in CUES[lang]["breakdown"]]
)
def test_a_breakdown_of_the_toll_is_not_counted_again(lang: str, word: str) -> None:
    head = "12 people were killed" if lang == "en" else "12 personnes ont été tuées"
    found = parse_fatalities(f"{head}, {word} 5 soldiers", lang=lang)
    assert found is not None and found.killed == 12


@pytest.mark.parametrize(
    ("lang", "unit"), [(lang, u) for lang in LANGS for u in CUES[lang]["units"]]
)
def test_a_number_of_things_is_not_a_death_toll(lang: str, unit: str) -> None:
    verb = "killing" if lang == "en" else "tuant"
    found = parse_fatalities(f"x {verb} 12 {unit} y", lang=lang)
    assert found is None or found.killed != 12


@pytest.mark.parametrize(
    ("lang", "word"), [(lang, w) for lang in LANGS for w in CUES[lang]["needs_count"]]
)
def test_some_death_words_report_deaths_only_with_a_number(lang: str, word: str) -> None:
    assert parse_fatalities(f"x {word} y", lang=lang) is None


def test_the_count_is_a_frozen_record() -> None:
    found = parse_fatalities("Three soldiers were killed.", lang="en")
    assert isinstance(found, FatalityCount)
    with pytest.raises(AttributeError):
        found.killed = 4  # type: ignore[misc]


def test_a_sentence_without_tolls_gives_none() -> None:
    assert parse_fatalities("The minister met elders in Mopti on Monday.", lang="en") is None


@pytest.mark.parametrize(
    ("lang", "phrase"), [(lang, p) for lang in LANGS for p in CUES[lang]["vague"]]
)
def test_a_count_without_a_figure_reports_deaths_without_a_number(lang: str, phrase: str) -> None:
    verb, noun = ("killed", "civilians") if lang == "en" else ("ont tué", "civils")
    sep = "" if phrase.endswith("'") else " "
    if phrase.endswith("'"):
        noun = "habitants"
    found = parse_fatalities(f"Gunmen {verb} {phrase}{sep}{noun} near the town.", lang=lang)
    assert found is not None
    assert (found.killed, found.unknown) == (0, True)


def _with_determiner(lang: str, det: str, noun: str) -> str:
    if lang == "fr" and det in ("le", "la") and noun[0] in "aeiouyéèêh":
        return f"l'{noun}"
    return f"{det}{'' if det.endswith(chr(39)) else ' '}{noun}"


@pytest.mark.parametrize(
    ("lang", "person"), [(lang, p) for lang in LANGS for p in CUES[lang]["persons"]]
)
def test_one_named_person_killed_counts_one(lang: str, person: str) -> None:
    det = "the" if lang == "en" else "le"
    victim = _with_determiner(lang, det, person)
    after = (
        f"Gunmen killed {victim} near the market."
        if lang == "en"
        else (f"Des hommes armés ont tué {victim} près du marché.")
    )
    before = (
        f"{victim.capitalize()} was killed."
        if lang == "en"
        else (f"{victim.capitalize()} a été tué.")
    )
    for sentence in (after, before):
        found = parse_fatalities(sentence, lang=lang)
        assert found is not None and (found.killed, found.unknown) == (1, False), sentence


@pytest.mark.parametrize(
    ("lang", "det"), [(lang, d) for lang in LANGS for d in CUES[lang]["determiners"]]
)
def test_every_singular_determiner_before_a_person_counts_one(lang: str, det: str) -> None:
    sentence = (
        f"Gunmen killed {det} young farmer yesterday."
        if lang == "en"
        else f"Des hommes armés ont tué {_with_determiner(lang, det, 'jeune berger')} hier."
    )
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and found.killed == 1


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "Gunmen killed the soldiers guarding the bridge."),
        ("en", "The villagers were killed in the raid."),
        ("fr", "Les assaillants ont tué les soldats qui gardaient le pont."),
    ],
)
def test_a_plural_person_without_a_number_is_an_unknown_toll(lang: str, sentence: str) -> None:
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and (found.killed, found.unknown) == (0, True)


@pytest.mark.parametrize(
    ("lang", "pronoun"), [(lang, p) for lang in LANGS for p in CUES[lang]["pronouns"]]
)
def test_a_pronoun_for_one_person_counts_one(lang: str, pronoun: str) -> None:
    if lang == "fr":
        sentence = f"Blessé par balle, {pronoun} a succombé à l'hôpital."
    elif pronoun == "him":
        sentence = "Gunmen stopped a herder, robbing and killing him."
    else:
        sentence = f"Shot twice, {pronoun} succumbed in hospital."
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and (found.killed, found.unknown) == (1, False)


@pytest.mark.parametrize(
    ("lang", "fate"), [(lang, f) for lang in LANGS for f in CUES[lang]["fates"]]
)
def test_people_who_met_another_fate_are_not_added_to_the_dead(lang: str, fate: str) -> None:
    sentence = (
        f"At least 12 soldiers were killed, 30 {fate}, 5 assailants killed."
        if lang == "en"
        else f"Au moins 12 soldats ont été tués, 30 {fate}, 5 assaillants tués."
    )
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and found.killed == 17


@pytest.mark.parametrize(
    ("lang", "prep"), [(lang, p) for lang in LANGS for p in CUES[lang]["prepositions"]]
)
def test_a_unit_word_after_a_preposition_still_counts_people(lang: str, prep: str) -> None:
    sentence = (
        f"Gunmen killed two herders {prep} vehicles yesterday."
        if lang == "en"
        else f"Des hommes armés ont tué deux bergers {prep} véhicules hier."
    )
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and found.killed == 2


@pytest.mark.parametrize(
    ("lang", "det"), [(lang, d) for lang in LANGS for d in CUES[lang]["definite"]]
)
def test_a_definite_person_after_a_comma_is_the_same_person(lang: str, det: str) -> None:
    sentence = (
        f"Gunmen killed a trader in the market, {det} victim had been threatened."
        if lang == "en"
        else f"Des hommes armés ont tué un commerçant au marché, {det} victime était menacée."
    )
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and found.killed == 1


@pytest.mark.parametrize(
    ("lang", "phrase"), [(lang, p) for lang in LANGS for p in CUES[lang]["remains"]]
)
def test_remains_found_confirm_deaths_already_counted(lang: str, phrase: str) -> None:
    sep = "" if phrase.endswith("'") else " "
    if lang == "en":
        alone = f"{phrase.capitalize()} two herders were found."
        both = f"Gunmen killed two herders; {phrase} two herders were found."
    else:
        victims = "otages" if phrase.endswith("'") else "bergers"
        alone = f"{phrase.capitalize()}{sep}deux {victims} ont été retrouvés."
        both = f"Des hommes armés ont tué deux {victims}, {phrase}{sep}deux {victims} retrouvés."
    for sentence, killed in ((alone, 2), (both, 2)):
        found = parse_fatalities(sentence, lang=lang)
        assert found is not None and found.killed == killed, sentence


@pytest.mark.parametrize(
    ("lang", "det"), [(lang, d) for lang in LANGS for d in CUES[lang]["possessives"]]
)
def test_a_long_victim_phrase_still_joins_and_a_possessive(lang: str, det: str) -> None:
    sentence = (
        f"Gunmen killed a leader of the northern faction of the Kel Essouk and {det} driver."
        if lang == "en"
        else f"Des hommes armés ont tué un chef de la fraction nord de la tribu des Kel Essouk et "
        f"{det} {'deux chauffeurs' if det in ('ses', 'leurs') else 'chauffeur'}."
    )
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and found.killed == (3 if det in ("ses", "leurs") else 2)


@pytest.mark.parametrize(
    ("lang", "phrase"), [(lang, p) for lang in LANGS for p in CUES[lang]["one_death"]]
)
def test_a_corpse_found_is_one_death(lang: str, phrase: str) -> None:
    sentence = (
        f"Two days later {phrase} was found near the well."
        if lang == "en"
        else f"Deux jours plus tard, {phrase} a été retrouvé près du puits."
    )
    found = parse_fatalities(sentence, lang=lang)
    assert found is not None and (found.killed, found.unknown) == (1, False)


@pytest.mark.parametrize(
    ("lang", "word"), [(lang, a) for lang in LANGS for a in CUES[lang]["anaphora"]]
)
def test_killing_them_counts_the_people_named_before(lang: str, word: str) -> None:
    found = parse_fatalities(f"Militiamen abducted six herders and executed {word}.", lang=lang)
    assert found is not None and found.killed == 6


@pytest.mark.parametrize(
    ("lang", "word"), [(lang, a) for lang in LANGS for a in CUES[lang]["anaphora_before"]]
)
def test_a_pronoun_before_the_killing_verb_counts_the_people_named_before(
    lang: str, word: str
) -> None:
    found = parse_fatalities(f"Des miliciens ont enlevé six bergers et {word} ont tués.", lang=lang)
    assert found is not None and found.killed == 6
