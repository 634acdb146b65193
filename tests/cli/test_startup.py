"""Start-up stays light: importing the CLI, or asking for help, loads no pipeline stage and none of
the heavy libraries behind them (spaCy, SQLAlchemy, trafilatura, httpx...); each command imports
what it needs when it runs. Checked on the modules a fresh interpreter has loaded, not on time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conflictwatch.store import open_store
from tests.store.conftest import make_event

#: Libraries only some commands need.
HEAVY = ("spacy", "thinc", "sqlalchemy", "alembic", "trafilatura", "httpx", "feedparser", "numpy", "pyarrow",
         "dask", "starlette", "uvicorn", "dateparser", "rapidfuzz")
#: The stages (and the workflow over them).
STAGES = ("conflictwatch.ingest", "conflictwatch.geo", "conflictwatch.extract", "conflictwatch.merge",
          "conflictwatch.store", "conflictwatch.archive", "conflictwatch.watch", "conflictwatch.monitor",
          "conflictwatch.report", "conflictwatch.web", "conflictwatch.workflow")


def _loaded(code: str) -> set[str]:
    """The top-level packages and conflictwatch modules loaded once ``code`` has run in a new interpreter."""
    script = (f"import json, sys\n{code}\n"
              "sys.__stdout__.write('\\n' + json.dumps(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    names = json.loads(out.stdout.rsplit("\n", 1)[-1])
    return {n for n in names if n.startswith("conflictwatch.")} | {n.split(".")[0] for n in names}


def _run(*args: str) -> str:
    return ("from conflictwatch.cli import main\n"
            f"try:\n    main({list(args)!r})\nexcept SystemExit as exit:\n    assert not exit.code, exit.code")


def _stages(loaded: set[str]) -> list[str]:
    return sorted(m for m in loaded if m.startswith(STAGES))


def test_importing_the_cli_loads_no_stage_no_heavy_library_and_not_rich() -> None:
    loaded = _loaded("import conflictwatch.cli")
    assert _stages(loaded) == []
    assert sorted(loaded & {*HEAVY, "rich"}) == []


@pytest.mark.parametrize("args", [["--help"], ["events", "--help"], ["extract", "--help"], ["gazetteer", "--help"]],
                         ids=" ".join)
def test_help_loads_no_stage_and_no_heavy_library(args: list[str]) -> None:
    loaded = _loaded(_run(*args))
    assert _stages(loaded) == []
    assert sorted(loaded & set(HEAVY)) == []


def test_listing_events_loads_the_store_but_neither_the_extractor_nor_the_web_reader(tmp_path: Path) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event("ML-START-1", location="Ouelessebougou", admin1="Koulikoro")])
    loaded = _loaded(_run("events", "--db", db))
    assert "conflictwatch.store" in loaded and "sqlalchemy" in loaded
    assert sorted(loaded & {"conflictwatch.extract", "conflictwatch.ingest", "conflictwatch.geo", "spacy",
                            "trafilatura", "httpx", "rich"}) == []



@pytest.mark.parametrize("args", [["sources"], ["alerts", "--format", "csv"], ["trends", "--format", "csv"],
                                  ["offensives", "--json"], ["conflicts", "--format", "csv"]], ids=" ".join)
def test_other_store_queries_load_neither_the_extractor_nor_the_monitor(tmp_path: Path, args: list[str]) -> None:
    db = str(tmp_path / "cw.db")
    with open_store(db) as store:
        store.add_events([make_event("ML-START-2", location="Dioila", admin1="Koulikoro")])
    loaded = _loaded(_run(*args, "--db", db))
    assert "conflictwatch.store" in loaded
    assert sorted(loaded & {"conflictwatch.extract", "conflictwatch.monitor", "conflictwatch.ingest", "spacy",
                            "trafilatura", "httpx"}) == []
