"""The actor data files, checked row by row: adding an actor or alias adds its test cases."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, timedelta
from importlib import resources
from itertools import pairwise

import pytest

from conflictwatch.extract.actors import KINDS, ActorRegistry, Alias, fold

REGISTRY = ActorRegistry.from_data()
ALIASES = REGISTRY.aliases
ACTORS = REGISTRY.actors
CLAIM_CUES = [c for c in REGISTRY.cues if c.kind == "claim"]
SUSPECT_CUES = [c for c in REGISTRY.cues if c.kind == "suspected"]
AFFILIATION_CUES = [c for c in REGISTRY.cues if c.kind == "affiliation"]
DATA_FILES = ["actors.csv", "actor_alias_sets.csv", "actor_countries.csv", "actor_periods.csv",
              "actor_cues.csv", "actor_nationalities.csv"]

_SENTENCE = {
    "en": "Witnesses said that {} arrived on Tuesday.",
    "fr": "Selon des témoins, {} sont arrivés mardi.",
    "": "Witnesses said that {} arrived on Tuesday.",
}


def _alias_id(al: Alias) -> str:
    return f"{al.actor_id}:{al.text}"


@pytest.mark.parametrize("name", DATA_FILES)
def test_data_file_starts_with_its_version(name: str) -> None:
    text = resources.files("conflictwatch").joinpath("data", name).read_text(encoding="utf-8")
    assert text.splitlines()[0] == "# version: 1"


def test_no_folded_alias_belongs_to_two_actors() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for al in ALIASES:
        owners[al.key.lower()].add(al.actor_id)
    shared = {key: ids for key, ids in owners.items() if len(ids) > 1}
    assert shared == {}


@pytest.mark.parametrize("al", ALIASES, ids=_alias_id)
def test_alias_in_a_sentence_finds_its_actor(al: Alias) -> None:
    sentence = _SENTENCE[al.lang].format(al.text)
    start = sentence.index(al.text)
    found = REGISTRY.find(sentence, lang=al.lang or None)
    assert [(m.actor.id, m.start, m.end) for m in found] == [
        (al.actor_id, start, start + len(al.text))]


@pytest.mark.parametrize("al", [a for a in ALIASES if not a.case_sensitive], ids=_alias_id)
def test_alias_matches_in_capitals_and_without_accents(al: Alias) -> None:
    for form in (al.text.upper(), fold(al.text)):
        found = REGISTRY.find(_SENTENCE[al.lang].format(form), lang=al.lang or None)
        assert [m.actor.id for m in found] == [al.actor_id], form


@pytest.mark.parametrize("al", ALIASES, ids=_alias_id)
def test_alias_inside_a_longer_word_does_not_match_its_actor(al: Alias) -> None:
    found = REGISTRY.find(f"Witnesses said that pre{al.text}post arrived.")
    assert al.text not in [m.alias for m in found]


@pytest.mark.parametrize(
    "al", [a for a in ALIASES if a.case_sensitive and a.text.lower() != a.text], ids=_alias_id)
def test_acronym_in_lower_case_does_not_match(al: Alias) -> None:
    found = REGISTRY.find(_SENTENCE[""].format(al.text.lower()))
    assert al.actor_id not in [m.actor.id for m in found]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.id)
def test_actor_has_a_valid_inter_code_for_its_kind(actor) -> None:
    assert 1 <= actor.inter <= 8
    assert actor.inter in KINDS[actor.kind]


@pytest.mark.parametrize("actor", ACTORS, ids=lambda a: a.id)
def test_actor_name_resolves_back_to_the_actor_on_any_date(actor) -> None:
    for on in (date(2012, 6, 1), date(2019, 5, 1), date(2021, 1, 1), date(2025, 7, 1)):
        name = REGISTRY.name_for(actor, on, country="Burkina Faso")
        assert REGISTRY.by_name(name) == REGISTRY.localise(actor, "Burkina Faso"), name


@pytest.mark.parametrize("actor", [a for a in ACTORS if a.kind == "state"], ids=lambda a: a.id)
def test_state_actor_has_regime_periods(actor) -> None:
    assert actor.series == "regime"
    countries = [actor.country] if actor.country else list(REGISTRY.countries)
    for iso in countries:
        assert REGISTRY.series("regime", iso), iso


@pytest.mark.parametrize("key", sorted({(p.series, p.country) for p in REGISTRY.periods}),
                         ids=lambda k: "-".join(filter(None, k)))
def test_periods_tile_time_without_gaps_or_overlaps(key: tuple[str, str]) -> None:
    spans = REGISTRY.series(*key)
    assert spans[0].start is None
    assert spans[-1].end is None
    for prev, nxt in pairwise(spans):
        assert prev.end is not None and nxt.start is not None
        assert nxt.start == prev.end + timedelta(days=1)


@pytest.mark.parametrize("cue", CLAIM_CUES, ids=lambda c: f"{c.lang}-{c.side}-{c.text}")
def test_claim_cue_names_the_claimant(cue) -> None:
    if cue.side == "before":
        sentence = f"Hier, JNIM {cue.text} l'attaque de Diafarabé."
    else:
        sentence = f"The attack on the camp was {cue.text} JNIM yesterday."
    claims = REGISTRY.find_claims(sentence, lang=cue.lang)
    assert [c.actor.id for c in claims] == ["jnim"]
    assert sentence[claims[0].cue_start:claims[0].cue_end].startswith(cue.text)


@pytest.mark.parametrize("cue", AFFILIATION_CUES, ids=lambda c: f"{c.lang}-{c.text}")
def test_affiliation_cue_keeps_the_named_affiliation_from_claiming(cue) -> None:
    if cue.lang == "fr":
        sentence = f"Le JNIM, {cue.text} Al-Qaïda, a revendiqué l'attaque de Diafarabé."
    else:
        sentence = f"JNIM, {cue.text} Al-Qaeda, claimed the attack on Diafarabé."
    assert [c.actor.id for c in REGISTRY.find_claims(sentence, lang=cue.lang)] == ["jnim"]


@pytest.mark.parametrize("cue", SUSPECT_CUES, ids=lambda c: f"{c.lang}-{c.side}-{c.text}")
def test_suspect_cue_marks_the_mention_suspected(cue) -> None:
    if cue.side == "before":
        sentence = f"Yesterday {cue.text} JNIM attacked the camp."
    else:
        sentence = f"Yesterday JNIM {cue.text} attacked the camp."
    (mention,) = REGISTRY.find(sentence, lang=cue.lang)
    assert mention.actor.id == "jnim"
    assert mention.suspected


def _coalition_rows() -> list[dict[str, str]]:
    text = resources.files("conflictwatch").joinpath("data", "extract_actor_coalitions.csv").read_text(
        encoding="utf-8")
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return list(csv.DictReader(rows))


@pytest.mark.parametrize("row", _coalition_rows(), ids=lambda r: r["member"])
def test_coalition_rows_name_registry_actors_and_a_date(row: dict[str, str]) -> None:
    member, coalition = REGISTRY.get(row["member"]), REGISTRY.get(row["coalition"])
    assert member.kind in ("rebel", "militia", "identity") and coalition.kind == member.kind
    assert date.fromisoformat(row["since"]) >= date(2000, 1, 1)


def test_a_member_belongs_to_one_coalition() -> None:
    members = [r["member"] for r in _coalition_rows()]
    assert len(members) == len(set(members))
