"""The shape of the package: stages import only upstream, the public API is what __all__ says,
every command documents itself."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import conflictwatch
from conflictwatch.cli import app

PKG = Path(conflictwatch.__file__).parent

#: Pipeline order: a stage may import the shared modules and the stages before it, never after.
STAGES = ["ingest", "geo", "extract", "merge", "store", "archive", "watch", "monitor", "report", "web"]
SHARED_MODULES = {"records", "errors", "config", "text", "constants"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.startswith("conflictwatch.")}


def _stage_files():
    for stage in STAGES:
        for path in sorted((PKG / stage).rglob("*.py")):
            yield stage, path


@pytest.mark.parametrize(("stage", "path"), list(_stage_files()), ids=lambda v: str(v).split("conflictwatch/")[-1])
def test_stage_imports_only_upstream_stages(stage: str, path: Path) -> None:
    allowed = set(STAGES[: STAGES.index(stage) + 1]) | SHARED_MODULES
    bad = sorted(m for m in _imports(path) if m.split(".")[1] not in allowed)
    assert not bad, f"{path.relative_to(PKG)} ({stage}) imports downstream or CLI modules: {bad}"


def test_public_api_lists_what_the_package_exports() -> None:
    import __future__

    public = {name for name in vars(conflictwatch) if not name.startswith("_")}
    public -= {n for n in public if isinstance(getattr(conflictwatch, n), __future__._Feature)}
    modules = {name for name in public if type(getattr(conflictwatch, name)).__name__ == "module"}
    assert set(conflictwatch.__all__) == (public - modules) | {"__version__"}
    for name in conflictwatch.__all__:
        assert hasattr(conflictwatch, name)


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    out = []
    for name, cmd in group.commands.items():  # type: ignore[attr-defined]
        sub = getattr(cmd, "commands", None)
        if sub:
            out += [(f"{name} {s}", c) for s, c in sub.items()]
        else:
            out.append((name, cmd))
    return out


@pytest.mark.parametrize(("name", "cmd"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_has_help_with_an_example(name: str, cmd) -> None:
    text = cmd.help or ""
    assert text.strip(), f"`conflictwatch {name}` has no help text"
    assert "conflictwatch " in text, f"`conflictwatch {name}` help has no example invocation"


@pytest.mark.parametrize(("name", "cmd"), _commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_is_in_the_cli_reference(name: str, cmd) -> None:
    reference = (PKG.parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert f"conflictwatch {name}" in reference, "run `python -m conflictwatch.cli._docs` to regenerate docs/cli.md"


def test_cli_reference_is_up_to_date() -> None:
    docs = importlib.import_module("conflictwatch.cli._docs")
    reference = (PKG.parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    assert reference == docs.render(), "docs/cli.md is stale: run `python -m conflictwatch.cli._docs`"


def test_python_dash_m_runs_the_cli() -> None:
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "conflictwatch", "--help"], capture_output=True, text=True, check=False)
    assert out.returncode == 0
    assert "conflictwatch" in out.stdout


def test_unknown_command_fails_with_usage() -> None:
    result = CliRunner().invoke(app, ["no-such-command"])
    assert result.exit_code == 2
