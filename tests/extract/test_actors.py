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
    assert actor is not None
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
    ("Suspected JNIM militants set fire to the health centre.", "en"),
    ("De présumés jihadistes ont brûlé l'école.", "fr"),
    ("Des jihadistes présumés ont brûlé l'école.", "fr"),
])
def test_attribution_cues_mark_mentions_suspected(text: str, lang: str) -> None:
    (mention,) = REG.find(text, lang=lang)
    assert mention.suspected


def test_plain_mentions_are_not_suspected() -> None:
    assert [m.suspected for m in REG.find("JNIM militants set fire to the health centre.")] == [False]


@pytest.mark.parametrize(("sentence", "lang", "claimant"), [
    ("JNIM claimed responsibility for the raid on the Youwarou gendarmerie.", "en", "jnim"),
    ("The ambush was claimed by the Islamic State in the Greater Sahara.", "en", "is_sahel"),
    ("In a statement, Ansaroul Islam said it was behind the kidnapping.", "en", "ansaroul_islam"),
    ("JNIM, which killed ten Malian soldiers last week, claimed responsibility.", "en", "jnim"),
    ("Le GSIM a revendiqué l'embuscade de Dioura.", "fr", "jnim"),
    ("L'attaque a été revendiquée par l'EIGS.", "fr", "is_sahel"),
    ("La katiba Macina a affirmé être à l'origine de l'attaque.", "fr", "katiba_macina"),
    ("The Group for the Support of Islam and Muslims claimed the attack on the camp.", "en", "jnim"),
    ("JNIM continues to claim responsibility for the raids around Djenné.", "en", "jnim"),
    ("In a statement the ISGS claimed to have destroyed two armoured vehicles.", "en", "is_sahel"),
    ("Le JNIM a revendiqué avoir abattu un hélicoptère.", "fr", "jnim"),
    ("Une embuscade revendiquée dans un communiqué par le GSIM a visé un convoi.", "fr", "jnim"),
])
def test_claims_name_the_claimant(sentence: str, lang: str, claimant: str) -> None:
    assert [c.actor.id for c in find_claims(sentence, lang=lang)] == [claimant]


def test_ama_in_capitals_is_the_malian_army_but_ama_the_village_is_nobody() -> None:
    assert _found("Une patrouille de l'AMA a été prise à partie près de Tessit.", "fr") == [
        ("AMA", "mil_ml")]
    assert _found("Le village d'Ama, au nord de Mopti, a été pillé.", "fr") == []


@pytest.mark.parametrize(("text", "lang"), [
    ("Al-Mourabitoun claimed the kidnapping of the two engineers.", "en"),
    ("Al Mourabitoun fighters stormed the hotel.", "en"),
    ("Le groupe Al-Mourabitoune a revendiqué l'attentat.", "fr"),
    ("Les Signataires par le sang ont revendiqué la prise d'otages.", "fr"),
])
def test_the_spellings_of_al_mourabitoune_all_name_it(text: str, lang: str) -> None:
    assert [m.actor.id for m in REG.find(text, lang=lang)] == ["al_mourabitoune"]


@pytest.mark.parametrize(("sentence", "lang", "claimant"), [
    ("GSIM, aligned with Al-Qaeda, claimed the ambush near Nampala.", "en", "jnim"),
    ("Ansar Dine, an affiliate of AQIM, claimed responsibility for the rocket fire.", "en",
     "ansar_dine"),
    ("Le GSIM, proche d'AQMI, a revendiqué l'attaque du poste de Dioura.", "fr", "jnim"),
    ("L'attaque a été revendiquée par le GSIM, lié à Al-Qaïda.", "fr", "jnim"),
    ("Fighters linked to JNIM claimed the attack on the convoy.", "en", "jnim"),
])
def test_a_group_named_as_an_affiliation_does_not_claim(sentence: str, lang: str,
                                                         claimant: str) -> None:
    assert [c.actor.id for c in find_claims(sentence, lang=lang)] == [claimant]


def test_a_claim_without_a_named_group_names_nobody() -> None:
    assert find_claims("The group claimed responsibility on Telegram.", lang="en") == []


def test_a_sentence_without_a_claim_cue_has_no_claim() -> None:
    assert find_claims("JNIM attacked the Malian army near Sévaré.", lang="en") == []


@pytest.mark.parametrize(("text", "actor_id"), [
    ("the Group for the Support of Islam and Muslims", "jnim"),
    ("the Group for Support of Islam and Muslims", "jnim"),
    ("the National Movement for Liberation of Azawad", "mnla"),
    ("the Islamic State in Greater Sahara", "is_sahel"),
    ("le Mouvement pour le salut de l'Azawad", "msa"),
])
def test_long_names_match_with_or_without_their_articles(text: str, actor_id: str) -> None:
    (mention,) = REG.find(f"Witnesses blamed {text} for the raid.")
    assert mention.actor.id == actor_id


@pytest.mark.parametrize(("text", "span", "actor_id"), [
    ("Katiba Serma (JNIM) militants ambushed a convoy.", "Katiba Serma (JNIM) militants", "katiba_serma"),
    ("Ansar Dine (JNIM) militants mined the track the tankers use.", "Ansar Dine (JNIM) militants",
     "ansar_dine"),
    ("Dogon militiamen (thought to be Dan Na Ambassagou) looted a cattle camp.",
     "Dogon militiamen (thought to be Dan Na Ambassagou)", "dna"),
    ("Fulani gunmen (believed to be Katiba Macina) raided a weekly market.",
     "Fulani gunmen (believed to be Katiba Macina)", "katiba_macina"),
    ("Bambara hunters (Dozos) were ambushed near Diabaly.", "Bambara hunters (Dozos)", "dozo_gen"),
])
def test_a_bracketed_group_after_an_armed_actor_is_one_mention(text: str, span: str, actor_id: str) -> None:
    assert _found(text, "en") == [(span, actor_id)]


def test_a_bracketed_note_that_is_not_an_armed_actor_stays_apart() -> None:
    assert _found("Gunmen (two of them) robbed villagers.", "en") == [
        ("Gunmen", "uag_gen"), ("villagers", "civ_gen")]


@pytest.mark.parametrize(("text", "expected"), [
    ("Peul armed men raided the market.", [("Peul armed men", "fulani_mil")]),
    ("Fulani self-defence repelled the assault.", [("Fulani self-defence", "fulani_mil")]),
    ("Dogon and Fulani militiamen clashed again.", [("Dogon", "dogon_mil"), ("Fulani militiamen", "fulani_mil")]),
    ("Dozo and Fulani militiamen clashed again.", [("Dozo", "dozo_gen"), ("Fulani militiamen", "fulani_mil")]),
    ("The Fulani village was burned.", [("Fulani", "fulani_grp")]),
    ("Dogon and Fulani leaders signed a truce.", [("Dogon", "dogon_grp"), ("Fulani", "fulani_grp")]),
])
def test_an_ethnic_group_with_a_word_for_armed_men_is_its_militia(
        text: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text, "en") == expected


@pytest.mark.parametrize(("on", "expected"), [
    (date(2018, 6, 1), "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"),
    (date(2019, 10, 1), ("JNIM: Group for Support of Islam and Muslims and/or Islamic State (West Africa) - "
                         "Greater Sahara Faction")),
    (date(2023, 1, 1), "JNIM: Group for Support of Islam and Muslims and/or Islamic State (Sahel)"),
])
def test_jnim_or_isgs_is_one_actor_named_for_its_time(on: date, expected: str) -> None:
    (mention,) = REG.find("Suspected JNIM and/or ISGS militants fired rockets at the camp.")
    assert REG.name_for(mention.actor, on) == expected
    assert REG.by_name(expected) is mention.actor


@pytest.mark.parametrize(("text", "on", "expected"), [
    ("A MOC officer was abducted.", date(2019, 9, 11),
     "Military Forces of Mali (2013-2020) Operational Coordination Mechanism"),
    ("National Guard soldiers were ambushed.", date(2019, 8, 21), "Military Forces of Mali (2013-2020)"),
    ("La garde nationale malienne a été attaquée.", date(2019, 8, 21), "Military Forces of Mali (2013-2020)"),
    ("French aircraft struck a camp.", date(2019, 1, 5), "Military Forces of France (2017-)"),
    ("Customs officers were attacked.", date(2022, 3, 1), "Police Forces of Mali (2021-)"),
])
def test_units_and_foreign_forces_get_acled_names(text: str, on: date, expected: str) -> None:
    mention = REG.find(text)[0]
    assert REG.name_for(REG.localise(mention.actor, "Mali"), on, country="Mali") == expected


@pytest.mark.parametrize(("text", "lang"), [
    ("Gunmen shot dead the mayor of the commune.", "en"),
    ("The sub-prefect was abducted on the road.", "en"),
    ("Des hommes armés ont enlevé le maire de la commune.", "fr"),
])
def test_unarmed_officials_are_victims_named_after_their_government(text: str, lang: str) -> None:
    (official,) = [m for m in REG.find(text, lang=lang) if m.actor.id == "officials_gen"]
    assert official.actor.kind == "victim-group"
    assert REG.name_for(official.actor, date(2019, 10, 7), country="Mali") == "Government of Mali (2013-2020)"


def test_the_government_itself_is_still_a_state_actor() -> None:
    (mention,) = REG.find("The Malian government signed the agreement.", lang="en")
    assert (mention.actor.id, mention.actor.kind) == ("gov_ml", "state")


def test_case_variants_of_an_acronym_all_match() -> None:
    assert _found("Les combattants du MSA et du Gatia ont repoussé l'attaque.", "fr") == [
        ("MSA", "msa"), ("Gatia", "gatia")]
    assert _found("The FAMA and the FAMa", "en") == [("FAMA", "mil_ml"), ("FAMa", "mil_ml")]


@pytest.mark.parametrize(("text", "lang", "actor_id"), [
    ("Security forces dispersed the crowd with tear gas.", "en", "pol_gen"),
    ("Malian security forces arrested ten people.", "en", "pol_ml"),
    ("Les forces de sécurité ont dispersé les manifestants.", "fr", "pol_gen"),
    ("Defence and security forces repelled the attack.", "en", "mil_gen"),
])
def test_unspecified_security_forces_are_police_as_acled_codes_them(text: str, lang: str, actor_id: str) -> None:
    assert REG.find(text, lang=lang)[0].actor.id == actor_id


def test_bambara_hunters_are_dozos() -> None:
    assert _found("Bambara hunters were ambushed.", "en") == [("Bambara hunters", "dozo_gen")]


def test_a_national_contingent_of_the_g5_sahel_is_its_country_s_army() -> None:
    assert _found("The Malian contingent of the G5 Sahel-Force opened fire.", "en") == [
        ("Malian contingent of the G5 Sahel-Force", "mil_ml")]
    assert _found("Le contingent burkinabè de la force conjointe du G5 Sahel est arrivé.", "fr") == [
        ("contingent burkinabè de la force conjointe du G5 Sahel", "mil_bf")]


@pytest.mark.parametrize("text", ["The operation put 14 jihadis out of combat.",
                                  "Islamist militias ransacked two chapels.",
                                  "Suspected Islamist gunmen fired on the checkpoint."])
def test_more_words_for_islamist_militants(text: str) -> None:
    assert [m.actor.id for m in REG.find(text, lang="en")] == ["islamist_gen"]


def test_contractors_of_the_un_mission_are_civilians() -> None:
    assert _found("Gunmen burned six MINUSMA subcontractor trucks.", "en") == [
        ("Gunmen", "uag_gen"), ("MINUSMA subcontractor", "civ_gen")]
    assert _found("Peacekeepers of MINUSMA escorted the convoy.", "en") == [
        ("Peacekeepers", "minusma"), ("MINUSMA", "minusma")]


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("French and Malian forces launched an operation.", "en",
     [("French", "mil_fr"), ("Malian forces", "mil_ml")]),
    ("Malian, French troops patrolled the road.", "en", [("Malian", "mil_ml"), ("French troops", "mil_fr")]),
    ("Les forces françaises et maliennes ont mené une opération.", "fr",
     [("forces françaises", "mil_fr"), ("maliennes", "mil_ml")]),
    ("Des soldats maliens et nigériens ont patrouillé.", "fr", [("soldats maliens", "mil_ml"), ("nigériens", "mil_ne")]),
    ("French and Malian nationals were evacuated.", "en", []),
])
def test_forces_of_two_countries_sharing_one_noun_are_two_mentions(
        text: str, lang: str, expected: list[tuple[str, str]]) -> None:
    assert _found(text, lang) == expected


@pytest.mark.parametrize(("text", "lang", "actor_id"), [
    ("French commandos raided the camp.", "en", "mil_fr"),
    ("A Malian convoy was ambushed.", "en", "mil_ml"),
    ("Une frappe aérienne burkinabè a visé un camp.", "fr", "mil_bf"),
    ("Des hélicoptères français sont intervenus.", "fr", "mil_fr"),
])
def test_a_nationality_with_a_military_noun_is_that_country_s_army(text: str, lang: str, actor_id: str) -> None:
    assert [m.actor.id for m in REG.find(text, lang=lang)] == [actor_id]


@pytest.mark.parametrize(("country", "expected"), [
    ("Niger", "Military Forces of Niger (2023-) National Guard"),
    ("Mali", "Military Forces of Mali (2021-)"),
    ("Burkina Faso", "Military Forces of Burkina Faso (2022-)"),
])
def test_a_national_guard_keeps_its_unit_only_where_the_country_codes_one(country: str, expected: str) -> None:
    reg = ActorRegistry.load()
    guard = next(m.actor for m in reg.find("Une colonne de la garde nationale a quitté la ville.", lang="fr"))
    assert reg.name_for(guard, date(2024, 5, 2), country=country) == expected
    assert reg.by_name(expected) == reg.localise(guard, country)


@pytest.mark.parametrize(("place", "expected"), [
    ("Tillabéri", "Military Forces of Niger (2023-) National Guard"),
    ("Kidal", "Military Forces of Mali (2021-)"),
])
def test_an_attack_on_the_national_guard_names_the_country_s_guard(extract, place: str, expected: str) -> None:  # type: ignore[no-untyped-def]
    events = extract(f"Des hommes armés ont pris d'assaut jeudi un poste de la garde nationale près de {place}, "
                     "tuant deux gardes.", lang="fr", published=date(2024, 5, 4))
    assert [e.actor2 for e in events] == [expected]


@pytest.mark.parametrize(("text", "lang", "span"), [
    ("par des combattants de l'État islamique au Grand Sahara, selon le ministère", "fr",
     "combattants de l'État islamique au Grand Sahara"),
])
def test_a_mention_stretches_over_a_longer_name_of_the_same_actor_inside_it(text: str, lang: str, span: str) -> None:
    (mention,) = ActorRegistry.load().find(text, lang=lang)
    assert (mention.actor.id, mention.text) == ("is_sahel", span)


@pytest.mark.parametrize("spelling", ["al-Qaeda", "al-Qaida", "al-Qa'ida", "al Qaeda"])
def test_an_alias_matches_every_spelling_the_press_uses(spelling: str) -> None:
    found = REG.find(f"The ambush bore the hallmarks of jihadist groups linked to {spelling}.", lang="en")
    assert [m.actor.id for m in found] == ["jnim"]


def test_every_spelling_row_names_words_an_alias_holds() -> None:
    from conflictwatch.extract.actors import _spellings
    from conflictwatch.text import fold_key

    aliases = [fold_key(a.text) for a in REG.aliases]
    for row in _spellings():
        assert len(row) >= 2, row
        assert any(fold_key(w) in a for w in row for a in aliases), row
