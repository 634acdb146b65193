"""The actor finder, date-dependent names and claims of responsibility."""

from __future__ import annotations

from datetime import date

import pytest

from conflictwatch.extract.actors import ActorRegistry, find_claims

REG = ActorRegistry.load()


def _found(text: str, lang: str | None = None) -> list[tuple[str, str]]:
    return [(m.text, m.actor.id) for m in REG.find(text, lang=lang)]


def test_load_is_cached() -> None:
    assert ActorRegistry.load() is REG


@pytest.mark.parametrize(("on", "expected"), [
    (date(2020, 8, 17), "Military Forces of Mali (2013-2020)"),
    (date(2020, 8, 19), "Military Forces of Mali (2020-2021)"),
    (date(2021, 5, 25), "Military Forces of Mali (2021-)"),
    (date(2019, 5, 1), "Military Forces of Mali (2013-2020)"),
    (date(2025, 7, 1), "Military Forces of Mali (2021-)"),
])
def test_mali_forces_take_the_regime_period_of_the_event_date(on: date, expected: str) -> None:
    assert REG.name_for(REG.get("mil_ml"), on) == expected


def test_gendarmes_are_police_forces_with_the_unit_after_the_period() -> None:
    (mention,) = REG.find("Des gendarmes maliens ont été blessés.", lang="fr")
    assert REG.name_for(mention.actor, date(2018, 3, 2)) == (
        "Police Forces of Mali (2013-2020) Gendarmerie")


def test_islamic_state_in_the_sahel_is_named_as_acled_named_it_at_the_time() -> None:
    actor = REG.by_name("Islamic State (Sahel)")
    assert REG.name_for(actor, date(2017, 10, 4)) == "Islamic State (Greater Sahara)"
    assert REG.name_for(actor, date(2020, 1, 9)) == (
        "Islamic State (West Africa) - Greater Sahara Faction")
    assert REG.name_for(actor, date(2023, 6, 1)) == "Islamic State (Sahel)"


def test_french_forces_follow_presidential_terms() -> None:
    actor = REG.find("French troops")[0].actor
    assert REG.name_for(actor, date(2014, 1, 1)) == "Military Forces of France (2012-2017)"
    assert REG.name_for(actor, date(2020, 1, 1)) == "Military Forces of France (2017-)"


def test_generic_actors_take_the_event_country() -> None:
    assert REG.generic("unidentified", "Mali") == "Unidentified Armed Group (Mali)"
    assert REG.generic("civilians", "BF") == "Civilians (Burkina Faso)"
    assert REG.generic("protesters", "Niger") == "Protesters (Niger)"
    assert REG.generic("rioters", "Mali") == "Rioters (Mali)"


def test_generic_rejects_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="kinds: unidentified"):
        REG.generic("aliens", "Mali")


def test_a_country_template_needs_the_event_country() -> None:
    with pytest.raises(ValueError, match="pass country="):
        REG.name_for(REG.get("civ_gen"), date(2020, 1, 1))


def test_the_army_in_a_country_is_that_country_s_army() -> None:
    (mention,) = REG.find("the army retook the town")
    assert REG.localise(mention.actor, "Mali") is REG.get("mil_ml")
    assert REG.name_for(mention.actor, date(2022, 2, 1), country="Niger") == (
        "Military Forces of Niger (2021-2023)")


def test_foreign_forces_are_external_in_another_country() -> None:
    french = REG.get("mil_fr")
    assert REG.inter_for(french, country="Mali") == 8
    assert REG.inter_for(french, country="France") == 1


@pytest.mark.parametrize(("name", "actor_id"), [
    ("Military Forces of Mali (2013-2020)", "mil_ml"),
    ("Military Forces of Mali", "mil_ml"),
    ("Police Forces of Mali (2021-) Gendarmerie", "gend_ml"),
    ("Islamic State (West Africa) - Greater Sahara Faction", "is_sahel"),
    ("JNIM: Group for Support of Islam and Muslims", "jnim"),
    ("Unidentified Armed Group (Niger)", "uag_gen"),
    ("Fulani Ethnic Militia (Burkina Faso)", "fulani_mil"),
    ("Police Forces of Ghana (2017-) Customs Agents", "customs_gen"),
])
def test_by_name_maps_canonical_names_back_to_actors(name: str, actor_id: str) -> None:
    assert REG.by_name(name) is REG.get(actor_id)


def test_by_name_returns_none_for_a_name_it_does_not_know() -> None:
    assert REG.by_name("Front for Lunar Independence") is None


def test_longest_alias_wins() -> None:
    assert _found("Jihadists linked to al-Qaeda attacked Boni.") == [
        ("Jihadists linked to al-Qaeda", "jnim")]
    assert _found("Des miliciens peuls et des Peuls.") == [
        ("miliciens peuls", "fulani_mil"), ("Peuls", "fulani_grp")]


def test_french_elisions_and_english_possessives_do_not_hide_a_name() -> None:
    assert _found("les combattants d'AQMI et l'armée malienne") == [
        ("AQMI", "aqim"), ("armée malienne", "mil_ml")]
    assert _found("JNIM's fighters and Mali's army") == [("JNIM", "jnim"), ("Mali's army", "mil_ml")]


def test_acronyms_are_case_sensitive() -> None:
    assert _found("the MSA and the FAMa") == [("MSA", "msa"), ("FAMa", "mil_ml")]
    assert _found("msa fama cma") == []


def test_matching_ignores_accents_case_curly_apostrophes_and_line_breaks() -> None:
    text = "ARMEE MALIENNE, Etat islamique au Grand Sahara et l\u2019armée\nmalienne"
    assert [m.actor.id for m in REG.find(text)] == ["mil_ml", "is_sahel", "mil_ml"]
    third = REG.find(text)[2]
    assert text[third.start:third.end] == third.text == "armée\nmalienne"


def test_spelling_variants_of_al_qaeda_and_jihad_match() -> None:
    assert [m.actor.id for m in REG.find("djihadistes liés à Al-Qaeda", lang="fr")] == ["jnim"]
    assert [m.actor.id for m in REG.find("al-Qaida-linked militants", lang="en")] == ["jnim"]


@pytest.mark.parametrize("text", [
    "Mali is a landlocked country.",
    "The Malian capital was calm.",
    "Le Dozoland n'existe pas.",
    "The MSAs and msa",
    "An Islamic scholar spoke.",
])
def test_near_misses_find_no_actor(text: str) -> None:
    assert REG.find(text) == []


def test_descriptive_aliases_follow_the_language_asked_for() -> None:
    assert _found("des soldats maliens", lang="en") == []
    assert _found("des soldats maliens", lang="fr") == [("soldats maliens", "mil_ml")]
    assert _found("JNIM", lang="fr") == [("JNIM", "jnim")]


def test_find_rejects_an_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang must be one of"):
        REG.find("JNIM", lang="de")


def test_a_named_group_absorbs_the_generic_word_for_its_members() -> None:
    assert _found("JNIM militants attacked") == [("JNIM militants", "jnim")]
    assert _found("les jihadistes de l'EIGS ont attaqué") == [("jihadistes de l'EIGS", "is_sahel")]


@pytest.mark.parametrize(("text", "lang"), [
    ("Suspected JNIM militants burned the school.", "en"),
    ("De présumés jihadistes ont brûlé l'école.", "fr"),
    ("Des jihadistes présumés ont brûlé l'école.", "fr"),
])
def test_attribution_cues_mark_mentions_suspected(text: str, lang: str) -> None:
    (mention,) = REG.find(text, lang=lang)
    assert mention.suspected


def test_plain_mentions_are_not_suspected() -> None:
    assert [m.suspected for m in REG.find("JNIM militants burned the school.")] == [False]


@pytest.mark.parametrize(("sentence", "lang", "claimant"), [
    ("JNIM claimed responsibility for the attack on the Boulkessi camp.", "en", "jnim"),
    ("The ambush was claimed by the Islamic State in the Greater Sahara.", "en", "is_sahel"),
    ("In a statement, Ansaroul Islam said it was behind the kidnapping.", "en", "ansaroul_islam"),
    ("JNIM, which killed ten Malian soldiers last week, claimed responsibility.", "en", "jnim"),
    ("Le GSIM a revendiqué l'embuscade de Dioura.", "fr", "jnim"),
    ("L'attaque a été revendiquée par l'EIGS.", "fr", "is_sahel"),
    ("La katiba Macina a affirmé être à l'origine de l'attaque.", "fr", "katiba_macina"),
])
def test_claims_name_the_claimant(sentence: str, lang: str, claimant: str) -> None:
    assert [c.actor.id for c in find_claims(sentence, lang=lang)] == [claimant]


def test_a_claim_without_a_named_group_names_nobody() -> None:
    assert find_claims("The group claimed responsibility on Telegram.", lang="en") == []


def test_a_sentence_without_a_claim_cue_has_no_claim() -> None:
    assert find_claims("JNIM attacked the Malian army near Sévaré.", lang="en") == []
