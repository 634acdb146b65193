"""The place words of the extractor (data/extract_place_words.csv), one sentence per row kind and
form: every country name and adjective is found as its country (and only its), every people's name
written after a village's is cut from it."""

from __future__ import annotations

import pytest

from conflictwatch.extract.places import (
    PLACE_WORD_KINDS,
    PlaceWords,
    across_border,
    find_place_mentions,
    named_countries,
    people_after,
    place_countries,
    resolve_mentions,
)
from conflictwatch.geo import GeoContext
from conflictwatch.geo._install import read_data_csv
from conflictwatch.text import fold_aligned

WORDS = PlaceWords.load()
ROWS = sorted(WORDS.forms)
#: every form as the data file writes it, with its row
WRITTEN = [(kind, key, form) for kind, key, forms in
           ((r["kind"], r["key"], r["forms"].split("|")) for r in read_data_csv("extract_place_words.csv"))
           for form in forms]
COUNTRY_FORMS = [(key, form) for kind, key, form in WRITTEN if kind == "country"]
PEOPLE_FORMS = [(key, form) for kind, key, form in WRITTEN if kind == "people"]


def test_every_kind_has_rows_and_every_row_is_read() -> None:
    assert {kind for kind, _ in ROWS} == set(PLACE_WORD_KINDS)
    assert len(ROWS) == len(read_data_csv("extract_place_words.csv"))
    assert set(WORDS.countries) == {key for kind, key in ROWS if kind == "country"}


def test_no_folded_form_belongs_to_two_rows() -> None:
    seen: dict[str, tuple[str, str]] = {}
    for row, forms in WORDS.forms.items():
        for form in forms:
            assert seen.setdefault(form, row) == row, f"{form!r} is in {seen[form]} and {row}"


@pytest.mark.parametrize("key", sorted(WORDS.countries))
def test_every_country_row_is_a_known_country(key: str) -> None:
    assert key in {r["iso2"] for r in read_data_csv("geo_countries.csv")}


@pytest.mark.parametrize(("key", "form"), COUNTRY_FORMS, ids=[f"{k}-{f}" for k, f in COUNTRY_FORMS])
def test_every_country_form_names_its_country(key: str, form: str) -> None:
    for written in (form, form.upper(), form.replace("'", "\u2019")):
        sentence = fold_aligned(f"Armed men attacked two villages in {written} on Monday, a local official said.")
        assert named_countries(sentence) == [key]
        assert place_countries(sentence) == [key]
    assert across_border(fold_aligned(f"The attack took place near the border with {form}.")) == {key}
    assert named_countries(fold_aligned(f"Armed men attacked two villages in Trans{form.lower()} on Monday.")) == []


@pytest.mark.parametrize(("key", "form"), PEOPLE_FORMS, ids=[f"{k}-{f}" for k, f in PEOPLE_FORMS])
def test_every_people_form_is_cut_from_a_village_name(key: str, form: str) -> None:
    for written in (f"Sare {form}", f"Sare-{form}", f"Sare {form.upper()}", f"Sare\u2013{form}"):
        assert people_after(written) == 4, written  # where the village name ends
    assert people_after(form) == -1
    assert people_after(f"Sare {form}ville") == -1


@pytest.mark.parametrize(("key", "form"), PEOPLE_FORMS, ids=[f"{k}-{f}" for k, f in PEOPLE_FORMS])
def test_a_village_named_with_a_people_is_the_village(gazetteer, key: str, form: str) -> None:  # type: ignore[no-untyped-def]
    text = f"Gunmen attacked the village of Douentza {form.capitalize()} on Monday, killing three civilians."
    mentions = find_place_mentions(text, 0, len(text), lang="en")
    resolve_mentions(mentions, gazetteer, GeoContext(countries=("ML",)))
    village = next(m for m in mentions if m.name.startswith("Douentza"))
    assert (village.name, text[village.start:village.end]) == ("Douentza", "Douentza")
    assert village.place is not None and village.place.name == "Douentza"
