"""Classes of expression news reports use for events, each read as its ACLED type (EN and FR)."""

from __future__ import annotations

import pytest

from conflictwatch.extract import Extractor

CASES = [
    ("en", "Gunmen opened fire against a minibus on the road to Boni.", "Attack"),
    ("en", "Gunmen shot dead a trader in Boni.", "Attack"),
    ("en", "Militants assassinated the imam of Boni.", "Attack"),
    ("en", "Jihadists executed two herders in Boni.", "Attack"),
    ("en", "Militiamen torched the village of Boni.", "Looting/property destruction"),
    ("en", "Gunmen set fire to a school in Boni.", "Looting/property destruction"),
    ("en", "Dozo fighters encircled a Fulani camp outside Boni.", "Other"),
    ("en", "Gunmen threatened voters in Boni.", "Other"),
    ("en", "Gunmen seized a vehicle in Boni.", "Looting/property destruction"),
    ("en", "Bandits stole cattle in Boni.", "Looting/property destruction"),
    ("en", "French aircraft hit a hut near Boni, killing two militants.", "Air/drone strike"),
    ("en", "A convoy was struck by a dual-IED near Boni.", "Remote explosive/landmine/IED"),
    ("en", "An exchange of fire between soldiers and militants took place in Boni.", "Armed clash"),
    ("en", "Youths were throwing stones at police in Boni.", "Violent demonstration"),
    ("en", "Residents demonstrated against insecurity in Boni.", "Peaceful protest"),
    ("en", "The junta declared a Barkhane officer persona non grata.", "Other"),
    ("en", "Soldiers disarmed militiamen in Boni.", "Disrupted weapons use"),
    ("en", "A mass grave was found near Boni.", "Attack"),
    ("en", "Two civilians were killed in clashes between Dozos and Fulani militiamen in Boni.", "Armed clash"),
    ("en", "Two traders have gone missing near Boni after gunmen stopped their truck.",
     "Abduction/forced disappearance"),
    ("en", "5 gendarmes killed & 4 wounded by IED near Boni", "Remote explosive/landmine/IED"),
    ("fr", "Des hommes armés ont ouvert le feu sur un car à Boni.", "Attack"),
    ("fr", "Un commerçant a été abattu à Boni.", "Attack"),
    ("fr", "Le chef de village a été assassiné à Boni.", "Attack"),
    ("fr", "Le village de Boni a été incendié par des hommes armés.", "Looting/property destruction"),
    ("fr", "Braquage d'un car de transport près de Boni.", "Looting/property destruction"),
    ("fr", "Vol de bétail à Boni par des hommes armés.", "Looting/property destruction"),
    ("fr", "Enlèvement de deux commerçants près de Boni.", "Abduction/forced disappearance"),
    ("fr", "Accrochage entre l'armée et des jihadistes à Boni.", "Armed clash"),
    ("fr", "Des tirs ont visé le camp de Boni.", "Armed clash"),
    ("fr", "Des obus sont tombés sur le camp de Boni.", "Shelling/artillery/missile attack"),
    ("fr", "Explosion d'un engin explosif au passage d'un convoi près de Boni.", "Remote explosive/landmine/IED"),
    ("fr", "Un véhicule militaire a sauté sur une mine près de Boni.", "Remote explosive/landmine/IED"),
    ("fr", "Manifestation contre l'insécurité à Boni.", "Peaceful protest"),
    ("fr", "Marche des femmes à Boni contre l'insécurité.", "Peaceful protest"),
    ("fr", "Grève des enseignants à Boni.", "Peaceful protest"),
    ("fr", "Affrontements intercommunautaires à Boni, deux morts.", "Armed clash"),
]


@pytest.mark.parametrize(("lang", "sentence", "sub_event_type"), CASES, ids=[c[1][:40] for c in CASES])
def test_expression_reads_as_its_acled_type(extractor: Extractor, lang: str, sentence: str,
                                            sub_event_type: str) -> None:
    got = extractor.classify(sentence, lang=lang)
    assert got is not None and got[1] == sub_event_type, (sentence, got)
