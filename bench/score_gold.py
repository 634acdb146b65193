"""Extraction quality on the gold sets, scored with ../shared/tools/score_events.py.

    .venv/bin/python bench/score_gold.py [--data-dir DIR] [--out DIR] [--set NAME ...]

Runs the extractor (the installed gazetteer: --data-dir, else $CONFLICTWATCH_HOME or the user
data dir) over each gold set in ../shared/data/gold, writes the predictions to --out
(default out/score) and prints the scorer's summary line and the figures the issues set targets
for. The gold sets measure; nothing here tunes anything. A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SETS = ("seed_mali_2025.jsonl", "acled_mali_2017_2019.jsonl", "malilink_fr_2015_2016.jsonl")
FIGURES = ("precision", "recall", "f1", "event_type_acc", "sub_event_type_acc", "date_exact_acc",
           "place_25km_acc", "admin1_acc", "actors_base_acc", "fatalities_exact_acc")


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("score_events", SHARED / "tools" / "score_events.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=ROOT / "out" / "score")
    parser.add_argument("--set", dest="sets", action="append", choices=SETS)
    args = parser.parse_args(argv)

    from conflictwatch import config
    from conflictwatch.extract import Extractor
    from conflictwatch.extract.io import extract_file
    from conflictwatch.geo import Gazetteer

    scorer = _scorer()
    args.out.mkdir(parents=True, exist_ok=True)
    extractor = Extractor(Gazetteer.load(config.data_dir(args.data_dir, create=False)))
    labels = {"event_type_acc": "type", "sub_event_type_acc": "subtype", "date_exact_acc": "date",
              "place_25km_acc": "place25km", "admin1_acc": "admin1", "actors_base_acc": "actors",
              "fatalities_exact_acc": "deaths"}
    print(f"{'set':32s} " + " ".join(f"{labels.get(f, f):>10s}" for f in FIGURES) + "   seconds")
    for name in args.sets or SETS:
        gold_path = SHARED / "data" / "gold" / name
        pred_path = args.out / name.replace(".jsonl", ".pred.jsonl")
        t0 = time.perf_counter()
        with pred_path.open("w", encoding="utf-8") as fh:
            extract_file(gold_path, fh, extractor)
        seconds = time.perf_counter() - t0
        gold = [json.loads(line) for line in gold_path.open(encoding="utf-8") if line.strip()]
        preds: dict[str, list[dict]] = {}
        for line in pred_path.open(encoding="utf-8"):
            event = json.loads(line)
            preds.setdefault(str(event["doc_id"]), []).append(event)
        res = scorer.score(gold, preds)
        cells = ["       n/a" if res[f] is None else f"{res[f]:10.3f}" for f in FIGURES]
        print(f"{name:32s} " + " ".join(cells) + f"   {seconds:7.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
