"""How fast the CLI answers: ``conflictwatch --help`` and ``conflictwatch events`` on a large store.

    .venv/bin/python bench/bench_cli.py [--events 100000] [--runs 5] [--db PATH]

Builds (once, reused when it is there with the asked size) a SQLite store of synthetic events with
``bench/bench_api.py``'s builder, then times whole processes as a user runs them (interpreter
start, imports, opening the store, printing to a pipe that is read and thrown away): ``--help``;
``events --limit 100``; ``events`` for one region and year; and ``events`` for the whole store,
as a table and as ``--json``. Prints the median and the range of --runs runs of each. A benchmark,
not a test: it never fails.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLI = ROOT / ".venv" / "bin" / "conflictwatch"


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_api", ROOT / "bench" / "bench_api.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build


def timed(args: list[str], runs: int) -> list[float]:
    out = []
    env = {**os.environ, "COLUMNS": "160"}
    for _ in range(runs):
        t0 = time.perf_counter()
        done = subprocess.run([str(CLI), *args], capture_output=True, env=env, check=False)
        out.append(time.perf_counter() - t0)
        if done.returncode != 0:
            raise SystemExit(f"conflictwatch {' '.join(args)} failed: {done.stderr.decode()[-500:]}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", type=Path, default=ROOT / "out" / "bench-cli.db")
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    _builder()(args.db, args.events)
    db = str(args.db)
    cases = [
        ("conflictwatch --help", ["--help"]),
        ("events --limit 100", ["events", "--db", db, "--limit", "100"]),
        ("events --admin1 Mopti, one year", ["events", "--db", db, "--admin1", "Mopti", "--since", "2020-01-01",
                                             "--until", "2020-12-31"]),
        (f"events, all {args.events:,} (table)", ["events", "--db", db]),
        (f"events --json, all {args.events:,}", ["events", "--db", db, "--json"]),
    ]
    print(f"| command ({args.events:,} events in SQLite) | median | range |")
    print("|---|---|---|")
    for name, cmd in cases:
        times = timed(cmd, args.runs)
        print(f"| `{name}` | {statistics.median(times):.2f} s | {min(times):.2f}-{max(times):.2f} s |", flush=True)


if __name__ == "__main__":
    main()
