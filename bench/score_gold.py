"""Extraction quality on the gold sets, scored with ../shared/tools/score_events.py, with and
without OCHA's Mali settlements in the gazetteer.

    .venv/bin/python bench/score_gold.py [--data-dir DIR] [--geonames-only-dir DIR]
        [--gazetteer both|geonames|ocha] [--set NAME ...] [--gold FILE ...] [--out DIR] [--per-doc]
        [--markdown]

Two gazetteers are measured, one after the other, each with a fresh extractor:

- "GeoNames only": the GeoNames gazetteer alone, as `conflictwatch setup --from
  ../shared/data/geonames` installs it, in --geonames-only-dir (default out/bench-home-geonames).
  It is installed there on demand (a few seconds) when missing, unreadable, made by another
  version, or older than the --data-dir one, and reused otherwise; --rebuild forces it.
- "GeoNames + OCHA settlements": the installed gazetteer (--data-dir, else $CONFLICTWATCH_HOME or
  the user data dir), which should hold OCHA's settlements (`setup --settlements`, as `make demo`
  does); a warning says so when it does not.

Each gold set of ../shared/data/gold (or those --set names: file names or news, seed, acled,
malilink) goes through the extractor; the predictions go to --out/<gazetteer>/ (default
out/score/geonames and out/score/ocha) with the scorer's full result beside them (.score.json).
--gold FILE scores a gold file of your own instead (repeatable): one your analysts made with
`conflictwatch export-reviews --output FILE` from the events they reviewed and corrected, or any
file in the gold-set format. Prints one table per gazetteer; --markdown also prints them as the README's "Measured figures"
tables; --per-doc also prints the scorer's per-document view (gold beside predicted, missed,
extra) of every set run (pick one with --set). The gold sets measure; nothing here tunes
anything. A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "data" / "gold"
GEONAMES = SHARED / "data" / "geonames"
BOUNDARIES = SHARED / "data" / "boundaries" / "ne_10m_admin1_sahel.geojson"
SETS = ("news_dev_2017_2025.jsonl", "seed_mali_2025.jsonl", "acled_mali_2017_2019.jsonl",
        "malilink_fr_2015_2016.jsonl")
ALIASES = {"news": SETS[0], "seed": SETS[1], "acled": SETS[2], "malilink": SETS[3]}
FIGURES = ("precision", "recall", "f1", "event_type_acc", "sub_event_type_acc", "date_exact_acc",
           "place_25km_acc", "admin1_acc", "actors_base_acc", "fatalities_exact_acc")
LABELS = {"precision": "P", "recall": "R", "f1": "F1", "event_type_acc": "type",
          "sub_event_type_acc": "subtype", "date_exact_acc": "date", "place_25km_acc": "place25km",
          "admin1_acc": "admin1", "actors_base_acc": "actors", "fatalities_exact_acc": "deaths"}
MD_HEADER = ("| gold set | P | R | F1 | type | sub-type | exact date | place ≤25 km | admin1 | actors "
             "| fatalities |\n|---|---|---|---|---|---|---|---|---|---|---|")
OCHA_SOURCE = "ocha-cod:ML"


@dataclass(slots=True)
class Variant:
    key: str  # the --out subfolder and the --gazetteer choice
    title: str
    data_dir: Path
    rows: list[tuple[str, dict[str, Any], float]] = field(default_factory=list)


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_events", SHARED / "tools" / "score_events.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _meta(data_dir: Path) -> dict[str, Any]:
    try:
        meta = json.loads((data_dir / "gazetteer" / "gazetteer.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def _installed(meta: dict[str, Any]) -> datetime | None:
    try:
        return datetime.fromisoformat(str(meta.get("installed")))
    except ValueError:
        return None


def _has_ocha(meta: dict[str, Any]) -> bool:
    source = (meta.get("extra_sources") or {}).get(OCHA_SOURCE) or {}
    return bool(source.get("applied"))


def _geonames_only(target: Path, reference: Path, *, rebuild: bool) -> Path | None:
    """``target`` with a GeoNames-only gazetteer in it, installed there when needed; None when
    it cannot be installed (reason printed)."""
    from conflictwatch.errors import GazetteerMissing
    from conflictwatch.geo import Gazetteer

    meta, ref = _meta(target), _meta(reference)
    why = "--rebuild" if rebuild else ""
    if not why:
        try:
            Gazetteer.load(target)
        except GazetteerMissing as exc:
            why = str(exc).split(":")[0]
    if not why and (meta.get("extra_sources") or {}):
        why = f"{target} holds extra settlement sources"
    if not why and _installed(ref) and _installed(meta) and _installed(ref) > _installed(meta):  # type: ignore[operator]
        why = f"the gazetteer in {reference} was installed after it"
    if not why:
        return target
    if not GEONAMES.is_dir():
        print(f"GeoNames-only gazetteer: skipped ({why}, and {GEONAMES} is absent to install it from)")
        return None
    from conflictwatch.workflow import setup_reference_data

    print(f"GeoNames-only gazetteer: installing into {target} from {GEONAMES} ({why})...", flush=True)
    if (target / "gazetteer").is_dir():  # a fresh install: no extra sources carried over
        for old in (target / "gazetteer").iterdir():
            old.unlink()
    t0 = time.perf_counter()
    setup_reference_data(data_dir=target, source_dir=GEONAMES,
                         boundaries=BOUNDARIES if BOUNDARIES.is_file() else None)
    print(f"GeoNames-only gazetteer: installed in {time.perf_counter() - t0:.1f} s")
    return target


def _gold_label(name: str, gold: list[dict[str, Any]], *, short: bool = False) -> str:
    """The README's name of a gold set: with its size in the first table, ``short`` in the next."""
    docs, events = len(gold), sum(len(d.get("events") or []) for d in gold)
    labels = {ALIASES["news"]: ("news articles", f"2017-25 ({docs} docs, {events} events)"),
              ALIASES["seed"]: ("seed report", f", 1 July 2025 ({events} events)"),
              ALIASES["acled"]: ("ACLED English notes", f" 2017-19 ({docs:,})"),
              ALIASES["malilink"]: ("French incident list", f" 2015-16 ({docs:,})")}
    base, more = labels.get(name, (name, ""))
    if short or not more:
        return base
    return f"{base}{more}" if more.startswith((",", " ")) else f"{base} {more}"


def _cell(value: float | None, width: int = 0) -> str:
    return f"{'n/a':>{width}s}" if value is None else f"{value:{width}.3f}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="data directory of the gazetteer with OCHA settlements (default: config)")
    parser.add_argument("--geonames-only-dir", type=Path, default=ROOT / "out" / "bench-home-geonames",
                        help="data directory of the GeoNames-only gazetteer, installed on demand "
                             "(default: out/bench-home-geonames)")
    parser.add_argument("--rebuild", action="store_true", help="reinstall the GeoNames-only gazetteer")
    parser.add_argument("--gazetteer", choices=("both", "geonames", "ocha"), default="both",
                        help="which gazetteer(s) to measure (default: both)")
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "score")
    parser.add_argument("--set", dest="sets", action="append", choices=(*SETS, *ALIASES), metavar="NAME",
                        help=f"a gold set to run (repeatable): {', '.join(ALIASES)} or its file name")
    parser.add_argument("--gold", dest="gold_files", action="append", type=Path, metavar="FILE",
                        help="a gold-format JSONL file of your own to score against (repeatable), e.g. "
                             "from `conflictwatch export-reviews`; replaces the shared gold sets")
    parser.add_argument("--per-doc", action="store_true",
                        help="also print score_events' per-document view of each set run")
    parser.add_argument("--markdown", action="store_true", help="also print the tables as README markdown")
    args = parser.parse_args(argv)

    from conflictwatch import config
    from conflictwatch.errors import GazetteerMissing
    from conflictwatch.extract import Extractor
    from conflictwatch.extract.io import extract_file
    from conflictwatch.geo import Gazetteer

    scorer = _scorer()
    if args.gold_files:
        paths = {p.name: p.resolve() for p in args.gold_files}
    else:
        paths = {n: GOLD / n for n in dict.fromkeys(ALIASES.get(s, s) for s in args.sets or SETS)}
    names = list(paths)
    missing = [n for n in names if not paths[n].is_file()]
    for name in missing:
        print(f"{name}: skipped ({paths[name]} is absent)")
    names = [n for n in names if n not in missing]
    ocha_dir = config.data_dir(args.data_dir, create=False)
    variants: list[Variant] = []
    if args.gazetteer in ("both", "geonames"):
        geonames_dir = _geonames_only(args.geonames_only_dir.resolve(), ocha_dir, rebuild=args.rebuild)
        if geonames_dir is not None:
            variants.append(Variant("geonames", "GeoNames only", geonames_dir))
    if args.gazetteer in ("both", "ocha"):
        title = "GeoNames + OCHA settlements"
        if not _has_ocha(_meta(ocha_dir)):
            print(f"WARNING: the gazetteer in {ocha_dir} holds no OCHA settlements "
                  f"(install them with `conflictwatch setup --settlements ...`)")
            title += " (NOT INSTALLED)"
        variants.append(Variant("ocha", title, ocha_dir))

    width = max([len(n) for n in names] + [24])
    per_doc: list[tuple[str, str, list[dict[str, Any]], dict[str, list[dict[str, Any]]]]] = []
    for variant in variants:
        print(f"\n{variant.title}  ({variant.data_dir})")
        try:
            extractor = Extractor(Gazetteer.load(variant.data_dir))
        except GazetteerMissing as exc:
            print(f"  skipped: {exc}")
            continue
        from conflictwatch.records import Document

        for text, lang in (("Militants attacked Boni.", "en"), ("Attaque à Boni.", "fr")):  # first use
            extractor.extract(Document.from_text(text, language=lang))
        out_dir = args.out / variant.key
        out_dir.mkdir(parents=True, exist_ok=True)
        print(f"{'set':{width}s} " + " ".join(f"{LABELS[f]:>9s}" for f in FIGURES) + "   seconds", flush=True)
        for name in names:
            gold_path = paths[name]
            pred_path = out_dir / name.replace(".jsonl", ".pred.jsonl")
            t0 = time.perf_counter()
            with pred_path.open("w", encoding="utf-8") as fh:
                extract_file(gold_path, fh, extractor)
            seconds = time.perf_counter() - t0
            gold = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
            preds: dict[str, list[dict[str, Any]]] = {}
            for line in pred_path.open(encoding="utf-8"):
                if line.strip():
                    event = json.loads(line)
                    preds.setdefault(str(event["doc_id"]), []).append(event)
            res = scorer.score(gold, preds)
            pred_path.with_name(name.replace(".jsonl", ".score.json")).write_text(
                json.dumps(res, indent=2) + "\n", encoding="utf-8")
            # the README names the sets in full in its first table only
            variant.rows.append((_gold_label(name, gold, short=variant is not variants[0]), res, seconds))
            print(f"{name:{width}s} " + " ".join(_cell(res[f], 9) for f in FIGURES) + f"   {seconds:7.1f}",
                  flush=True)
            if args.per_doc:
                per_doc.append((variant.title, name, gold, preds))
        del extractor

    for title, name, gold, preds in per_doc:
        print(f"\n===== per document: {name}, {title} =====")
        sys.stdout.flush()
        scorer.per_doc(gold, preds)

    if args.markdown:
        for variant in variants:
            if variant.rows:
                print(f"\n{variant.title}:\n\n{MD_HEADER}")
                for label, res, _ in variant.rows:
                    print(f"| {label} | " + " | ".join(_cell(res[f]) for f in FIGURES) + " |")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
