"""``conflictwatch gazetteer install|lookup`` and ``conflictwatch setup``."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conflictwatch.cli import app, main
from tests.conftest import GEONAMES_DIR

runner = CliRunner(env={"COLUMNS": "200"})


def test_gazetteer_lookup_prints_a_table(gazetteer_home):
    result = runner.invoke(app, ["gazetteer", "lookup", "Gogui", "--country", "ML", "--data-dir",
                                 str(gazetteer_home), "--exact"])
    assert result.exit_code == 0, result.output
    row = next(line for line in result.output.splitlines() if "Gogui" in line and "PPL" in line)
    for cell in ("Kayes", "Nioro", "15.686", "-9.330", "1.00"):
        assert cell in row


def test_gazetteer_lookup_prints_json(gazetteer_home):
    result = runner.invoke(app, ["gazetteer", "lookup", "Modolo", "--country", "ML", "--limit", "2",
                                 "--json", "--data-dir", str(gazetteer_home)])
    assert result.exit_code == 0, result.output
    places = json.loads(result.output)
    assert len(places) == 2 and places[0]["name"] == "Molodo" and places[0]["admin1"] == "Segou"


def test_gazetteer_lookup_says_when_nothing_matches(gazetteer_home):
    result = runner.invoke(app, ["gazetteer", "lookup", "Xqzw", "--data-dir", str(gazetteer_home)])
    assert result.exit_code == 1
    assert "No place named 'Xqzw' in the gazetteer." in result.output


def test_gazetteer_lookup_without_install_tells_the_user_to_run_setup(tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["gazetteer", "lookup", "Gogui", "--data-dir", str(tmp_path)])
    assert exit_info.value.code == 1
    err = " ".join(capsys.readouterr().err.split())
    assert f"Error: No gazetteer installed in {tmp_path}: run `conflictwatch setup`" in err
    assert "(or `conflictwatch setup --from DIR` offline)" in err


def test_gazetteer_install_from_a_folder(tmp_path):
    result = runner.invoke(app, ["gazetteer", "install", "SN", "--from", str(GEONAMES_DIR),
                                 "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Installed SN (" in result.output
    assert "The gazetteer now holds SN:" in result.output


def test_setup_installs_the_default_countries(tmp_path):
    result = runner.invoke(app, ["setup", "--from", str(GEONAMES_DIR), "--data-dir", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "The gazetteer now holds BF, CI, GN, ML, MR, NE, SN:" in result.output


@pytest.mark.parametrize("command", [["setup"], ["gazetteer", "install"], ["gazetteer", "lookup"]])
def test_gazetteer_commands_have_help_with_an_example(command):
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and "Example: conflictwatch" in result.output
