"""Finding and resolving event dates (extract/dates.py).

Cases come from two places: the hand-written specification table ``test_dates_cases.tsv`` beside
this file, and the lexicon itself (``data/date_words.json``): every month, weekday, relative
phrase and month modifier it lists is checked to resolve.
"""

from __future__ import annotations

import calendar
import json
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

import pytest

from conflictwatch.extract.dates import LANGUAGES, DateMention, find_dates, resolve_date

WORDS = json.loads(
    resources.files("conflictwatch.data").joinpath("date_words.json").read_text("utf-8")
)
WEDNESDAY = date(2025, 7, 2)


def _cases() -> list[tuple[str, date | None, str, date | None, int | None, str | None]]:
    rows = []
    path = Path(__file__).with_name("test_dates_cases.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        lang, published, sentence, expected = cols[:4]
        rows.append(
            (
                lang,
                None if published == "-" else date.fromisoformat(published),
                sentence,
                None if expected == "-" else date.fromisoformat(expected),
                int(cols[4]) if len(cols) > 4 else None,
                cols[5] if len(cols) > 5 else None,
            )
        )
    return rows


@pytest.mark.parametrize(
    ("lang", "published", "sentence", "expected", "precision", "text"),
    _cases(),
    ids=lambda v: v if isinstance(v, str) and len(v) > 12 else None,
)
def test_resolve_date_follows_the_specification_table(
    lang: str,
    published: date | None,
    sentence: str,
    expected: date | None,
    precision: int | None,
    text: str | None,
) -> None:
    found = resolve_date(sentence, published=published, lang=lang)
    if expected is None:
        assert found is None
        return
    assert found is not None
    assert (found.date, found.precision) == (expected, precision)
    assert sentence[found.start : found.end] == found.text
    if text:
        assert found.text == text


def test_find_dates_keeps_the_longest_of_overlapping_mentions() -> None:
    found = find_dates("Tuesday, July 1, 2025", published=WEDNESDAY, lang="en")
    assert [m.text for m in found] == ["Tuesday, July 1, 2025"]


def test_find_dates_returns_every_mention_in_text_order() -> None:
    sentence = "After the raid on 3 June, the army hit back on Tuesday and again yesterday."
    found = find_dates(sentence, published=WEDNESDAY, lang="en")
    assert [m.text for m in found] == ["3 June", "on Tuesday", "yesterday"]
    assert [m.date for m in found] == [date(2025, 6, 3), date(2025, 7, 1), date(2025, 7, 1)]


def test_a_range_of_days_gives_its_first_day_and_its_last_in_until() -> None:
    found = resolve_date("du 3 au 5 juin 2024", published=WEDNESDAY, lang="fr")
    assert found is not None
    assert (found.date, found.until) == (date(2024, 6, 3), date(2024, 6, 5))


def test_a_night_spanning_two_days_has_no_until() -> None:
    found = resolve_date("the night of 3 to 4 May", published=WEDNESDAY, lang="en")
    assert found is not None
    assert (found.date, found.until) == (date(2025, 5, 3), None)


def test_relative_mentions_are_marked_relative_and_absolute_ones_are_not() -> None:
    relative = resolve_date("hier", published=WEDNESDAY, lang="fr")
    absolute = resolve_date("le 3 juin 2024", published=WEDNESDAY, lang="fr")
    assert relative is not None and relative.relative
    assert absolute is not None and not absolute.relative


def test_resolve_date_prefers_the_most_precise_mention() -> None:
    found = resolve_date("In June, the town fell on 12 June.", published=WEDNESDAY, lang="en")
    assert found is not None
    assert (found.date, found.precision) == (date(2025, 6, 12), 1)


def test_mention_is_a_frozen_record() -> None:
    found = resolve_date("yesterday", published=WEDNESDAY, lang="en")
    assert isinstance(found, DateMention)
    with pytest.raises(AttributeError):
        found.precision = 3  # type: ignore[misc]


def test_an_unknown_language_is_read_as_english() -> None:
    found = resolve_date("on 3 June 2024", published=WEDNESDAY, lang="de")
    assert found is not None and found.date == date(2024, 6, 3)


def test_an_impossible_day_falls_back_to_its_month() -> None:
    found = resolve_date("on 31 June 2024", published=WEDNESDAY, lang="en")
    assert found is not None
    assert (found.date, found.precision, found.text) == (date(2024, 6, 15), 3, "June 2024")


def test_an_impossible_numeric_date_is_not_a_date() -> None:
    assert resolve_date("30/02/2024", published=WEDNESDAY, lang="fr") is None


# ----------------------------------------------------------------- cases from the lexicon

_MONTHS = [
    (lang, word, number)
    for lang in ("en", "fr")
    for key in ("months", "month_abbreviations")
    for word, number in WORDS[lang][key].items()
]


@pytest.mark.parametrize(("lang", "word", "number"), _MONTHS)
def test_every_month_word_resolves_after_a_day_number(lang: str, word: str, number: int) -> None:
    found = resolve_date(
        f"le 3 {word} 2024" if lang == "fr" else f"on 3 {word} 2024", published=WEDNESDAY, lang=lang
    )
    assert found is not None
    assert found.date == date(2024, number, 3)


@pytest.mark.parametrize(
    ("lang", "word", "number"),
    [(lang, w, n) for lang in ("en", "fr") for w, n in WORDS[lang]["months"].items()],
)
def test_a_bare_month_name_is_not_a_date(lang: str, word: str, number: int) -> None:
    assert find_dates(f"{word} was quiet", published=WEDNESDAY, lang=lang) == []


@pytest.mark.parametrize(
    ("lang", "word", "weekday"),
    [(lang, w, n) for lang in ("en", "fr") for w, n in WORDS[lang]["weekdays"].items()],
)
def test_every_weekday_resolves_to_the_latest_such_day_on_or_before_publication(
    lang: str, word: str, weekday: int
) -> None:
    found = resolve_date(f"on {word}" if lang == "en" else word, published=WEDNESDAY, lang=lang)
    assert found is not None
    assert found.date.weekday() == weekday
    assert timedelta(0) <= WEDNESDAY - found.date < timedelta(days=7)


@pytest.mark.parametrize(
    ("lang", "prefix", "rule"),
    [(lang, p, r) for lang in ("en", "fr") for p, r in WORDS[lang]["weekday_prefixes"].items()],
)
def test_every_weekday_prefix_resolves_by_its_rule(lang: str, prefix: str, rule: str) -> None:
    weekday = "Wednesday" if lang == "en" else "mercredi"
    found = resolve_date(f"{prefix} {weekday}", published=WEDNESDAY, lang=lang)
    assert found is not None
    assert found.date == (WEDNESDAY if rule == "on_or_before" else WEDNESDAY - timedelta(days=7))


@pytest.mark.parametrize(
    ("lang", "suffix", "rule"),
    [(lang, s, r) for lang in ("en", "fr") for s, r in WORDS[lang]["weekday_suffixes"].items()],
)
def test_every_weekday_suffix_resolves_by_its_rule(lang: str, suffix: str, rule: str) -> None:
    weekday = "Wednesday" if lang == "en" else "mercredi"
    found = resolve_date(f"{weekday} {suffix}", published=WEDNESDAY, lang=lang)
    assert found is not None
    assert found.date == (WEDNESDAY if rule == "on_or_before" else WEDNESDAY - timedelta(days=7))


@pytest.mark.parametrize(
    ("lang", "future"), [(lang, f) for lang in ("en", "fr") for f in WORDS[lang]["future_words"]]
)
def test_a_future_weekday_is_not_an_event_date(lang: str, future: str) -> None:
    text = f"{future} Friday" if lang == "en" else f"vendredi {future}"
    assert find_dates(text, published=WEDNESDAY, lang=lang) == []


_PRECISION = {"day": 1, "week": 2, "weekend": 2, "month": 3}


@pytest.mark.parametrize(
    ("lang", "phrase", "kind", "offset"),
    [(lang, p, k, o) for lang in ("en", "fr") for p, (k, o) in WORDS[lang]["relative"].items()],
)
def test_every_relative_phrase_resolves_with_its_precision(
    lang: str, phrase: str, kind: str, offset: int
) -> None:
    found = resolve_date(f"x {phrase} y", published=WEDNESDAY, lang=lang)
    assert found is not None
    assert found.text.lower() == phrase.lower()
    assert found.precision == _PRECISION[kind]
    assert found.relative and found.date <= WEDNESDAY
    if kind == "day":
        assert found.date == WEDNESDAY + timedelta(days=offset)


@pytest.mark.parametrize(
    ("lang", "phrase"), [(lang, p) for lang in ("en", "fr") for p in WORDS[lang]["relative"]]
)
def test_relative_phrases_need_a_publication_date(lang: str, phrase: str) -> None:
    assert find_dates(phrase, published=None, lang=lang) == []


@pytest.mark.parametrize(
    ("lang", "modifier", "part"),
    [(lang, m, p) for lang in ("en", "fr") for m, p in WORDS[lang]["month_modifiers"].items()],
)
def test_every_month_modifier_codes_its_day_with_precision_3(
    lang: str, modifier: str, part: str
) -> None:
    month = "August" if lang == "en" else "août"
    sep = "" if modifier.endswith(("-", "'")) else " "
    found = resolve_date(f"x {modifier}{sep}{month} 2024", published=WEDNESDAY, lang=lang)
    assert found is not None
    last = calendar.monthrange(2024, 8)[1]
    assert found.date == date(2024, 8, {"early": 1, "late": last}.get(part, 15))
    assert found.precision == 3


@pytest.mark.parametrize(
    ("lang", "word"), [(lang, w) for lang in LANGUAGES for w in WORDS[lang]["background_words"]]
)
def test_a_date_after_a_background_word_is_background(lang: str, word: str) -> None:
    day = "3 March" if lang == "en" else "3 mars"
    found = find_dates(f"x {word} {day} y", published=WEDNESDAY, lang=lang)
    assert [m.background for m in found] == [True]


def test_an_event_date_is_not_background() -> None:
    found = find_dates("Gunmen attacked Boni on 1 July.", published=WEDNESDAY, lang="en")
    assert [m.background for m in found] == [False]


def test_a_date_more_than_a_year_before_publication_is_background() -> None:
    found = find_dates("Rebels took the town on 3 May 2012.", published=WEDNESDAY, lang="en")
    assert [(m.date, m.background) for m in found] == [(date(2012, 5, 3), True)]


def test_a_day_just_after_publication_coded_a_year_back_is_background() -> None:
    found = find_dates("JNIM claimed it on July 20.", published=WEDNESDAY, lang="en")
    assert [(m.date, m.background) for m in found] == [(date(2024, 7, 20), True)]


@pytest.mark.parametrize(
    ("lang", "sentence", "first", "last"),
    [
        ("en", "From 30 May to 2 June, roads were cut.", date(2025, 5, 30), date(2025, 6, 2)),
        ("en", "May 30 - June 2, 2024: roads cut.", date(2024, 5, 30), date(2024, 6, 2)),
        (
            "en",
            "From 28 December to 3 January, roads were cut.",
            date(2024, 12, 28),
            date(2025, 1, 3),
        ),
        (
            "fr",
            "Du 30 mai au 2 juin, les routes ont été coupées.",
            date(2025, 5, 30),
            date(2025, 6, 2),
        ),
    ],
)
def test_a_range_across_two_months_gives_its_first_and_last_day(
    lang: str, sentence: str, first: date, last: date
) -> None:
    found = find_dates(sentence, published=WEDNESDAY, lang=lang)
    assert [(m.date, m.until) for m in found] == [(first, last)]


@pytest.mark.parametrize(
    ("lang", "word"), [(lang, w) for lang in LANGUAGES for w in WORDS[lang]["count_words"]]
)
def test_a_number_after_a_month_that_counts_something_is_no_day(lang: str, word: str) -> None:
    sentence = (
        f"In May 12 {word} were reported."
        if lang == "en"
        else f"En mai 12 {word}{'' if word.endswith(chr(39)) else ' '}habitants signalés."
    )
    found = find_dates(sentence, published=WEDNESDAY, lang=lang)
    assert [(m.date, m.precision) for m in found] == [(date(2025, 5, 15), 3)]
