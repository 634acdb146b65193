"""Made-up reports for the parallel and archive tests: our own sentence patterns about Sahel
places and days (no gold text), some with events, some without, English and French."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PLACES = ["Boni", "Douentza", "Djibo", "Bankass", "Koro", "Dori", "Ouallam", "Gao", "Ménaka", "Kaya",
          "Tessit", "Diafarabé", "Arbinda", "Ansongo", "Téra"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November"]
MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
             "octobre", "novembre"]

PATTERNS_EN = [
    ("On {d} {m} {y}, gunmen on motorbikes stormed the weekly market of {p}, killing {n} traders, "
    "local officials told reporters the next day."),
    ("Soldiers repelled an assault on their base at {p} on {d} {m} {y}; the army said {n} assailants "
    "were neutralised and two vehicles seized."),
    ("Hundreds of residents of {p} marched peacefully on {d} {m} {y} to demand the reopening of the "
    "health centre, which closed last year."),
    "The regional council of {p} adopted its budget for the coming year at a session on {d} {m} {y}.",
]
PATTERNS_FR = [
    ("Le {d} {m} {y}, des hommes armés ont incendié des greniers à {p}, tuant {n} civils, selon un élu "
    "de la commune joint par téléphone."),
    ("Une patrouille de l'armée a sauté sur un engin explosif près de {p} le {d} {m} {y}, faisant {n} "
    "morts parmi les militaires."),
    "Les enseignants de {p} ont tenu une assemblée le {d} {m} {y} pour préparer la rentrée scolaire.",
]


def documents(n: int) -> list[dict[str, Any]]:
    """``n`` JSONL documents, each different (place, day, toll and pattern vary with the number)."""
    out = []
    for i in range(n):
        french = i % 3 == 2
        patterns, months = (PATTERNS_FR, MONTHS_FR) if french else (PATTERNS_EN, MONTHS_EN)
        day, month, year = 1 + i % 27, i % 11, 2018 + i % 6
        text = patterns[i % len(patterns)].format(d=day, m=months[month], y=year,
                                                  p=PLACES[(i * 7) % len(PLACES)], n=2 + i % 9)
        out.append({"id": f"r{i:05d}", "lang": "fr" if french else "en", "text": text,
                    "published": f"{year}-{month + 1:02d}-{min(day + 1, 28):02d}", "outlet": "Test Wire"})
    return out


def write_jsonl(path: Path, n: int) -> Path:
    path.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in documents(n)), encoding="utf-8")
    return path
