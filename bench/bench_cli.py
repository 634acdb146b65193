"""How fast the CLI answers: ``conflictwatch --help`` and ``conflictwatch events`` on a large store.

    .venv/bin/python bench/bench_cli.py [--events 100000] [--runs 5] [--db PATH] [--pages-only]

Builds (once, reused when it is there with the asked size) a SQLite store of synthetic events with
``bench/bench_api.py``'s builder, then times whole processes as a user runs them (interpreter
start, imports, opening the store, printing to a pipe that is read and thrown away, or to a
pseudo-terminal 160 columns wide, read the same way): ``--help``; ``events`` as it is typed (the
newest 50, a table on the terminal, lines in a pipe); ``events --limit 100``; ``events`` for one
region and year; and every event of the store, ``--all`` as lines and as ``--json``. Prints the
median and the range of --runs runs of each, in wall-clock seconds, and the median CPU time of the
process (user + system: what a busy machine's load adds to the wall clock, it does not add here).
A benchmark, not a test: it never fails.
"""

from __future__ import annotations

import argparse
import fcntl
import importlib.util
import os
import resource
import statistics
import struct
import subprocess
import termios
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


def _on_a_terminal(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    """Run the CLI with its standard output on a pseudo-terminal; (exit status, the end of stderr)."""
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 160, 0, 0))
    proc = subprocess.Popen([str(CLI), *args], stdout=follower, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
                            env=env)
    os.close(follower)
    while True:
        try:
            if not os.read(leader, 1 << 16):
                break
        except OSError:  # the child closed the terminal
            break
    os.close(leader)
    assert proc.stderr is not None
    err = proc.stderr.read().decode()[-500:]
    proc.stderr.close()
    return proc.wait(), err


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], runs: int, *, terminal: bool = False) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``runs`` runs of the CLI with ``args``."""
    wall, cpu = [], []
    env = {**os.environ, "COLUMNS": "160"}
    for _ in range(runs):
        c0, t0 = _cpu(), time.perf_counter()
        if terminal:
            code, err = _on_a_terminal(args, env)
        else:
            done = subprocess.run([str(CLI), *args], capture_output=True, env=env, check=False)
            code, err = done.returncode, done.stderr.decode()[-500:]
        wall.append(time.perf_counter() - t0)
        cpu.append(_cpu() - c0)
        if code != 0:
            raise SystemExit(f"conflictwatch {' '.join(args)} failed: {err}")
    return wall, cpu


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--db", type=Path, default=ROOT / "out" / "bench-cli.db")
    ap.add_argument("--pages-only", action="store_true", help="Leave out the two runs over every event (--all).")
    args = ap.parse_args()
    args.db.parent.mkdir(parents=True, exist_ok=True)
    _builder()(args.db, args.events)
    db = str(args.db)
    cases = [
        ("conflictwatch --help", ["--help"], False),
        ("events, on a terminal (a table of the newest 50)", ["events", "--db", db], True),
        ("events, piped (lines: the newest 50)", ["events", "--db", db], False),
        ("events --limit 100, piped", ["events", "--db", db, "--limit", "100"], False),
        ("events --admin1 Mopti, one year, on a terminal", ["events", "--db", db, "--admin1", "Mopti", "--since",
                                                             "2020-01-01", "--until", "2020-12-31"], True),
    ]
    if not args.pages_only:
        cases += [
            (f"events --all, piped (all {args.events:,} as lines)", ["events", "--db", db, "--all"], False),
            (f"events --all --json, piped (all {args.events:,})", ["events", "--db", db, "--all", "--json"], False),
        ]
    print(f"| command ({args.events:,} events in SQLite) | median | range | CPU, median |")
    print("|---|---|---|---|")
    for name, cmd, terminal in cases:
        wall, cpu = timed(cmd, args.runs, terminal=terminal)
        print(f"| `{name}` | {statistics.median(wall):.2f} s | {min(wall):.2f}-{max(wall):.2f} s | "
              f"{statistics.median(cpu):.2f} s |", flush=True)


if __name__ == "__main__":
    main()
