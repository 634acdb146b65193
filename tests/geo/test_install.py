"""install_gazetteer: from a folder, from a real local HTTP server, adding countries, atomicity."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from conflictwatch.errors import GazetteerMissing, GeocodeError
from conflictwatch.geo import Gazetteer, install_gazetteer
from tests.conftest import GEONAMES_DIR


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    user_agents: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:
        _QuietHandler.user_agents.append(self.headers.get("User-Agent", ""))


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    """A folder laid out like download.geonames.org: CC.zip per country plus the admin files."""
    root = tmp_path / "mirror"
    root.mkdir()
    for cc in ("ML", "SN"):
        with zipfile.ZipFile(root / f"{cc}.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(GEONAMES_DIR / f"{cc}.txt", f"{cc}.txt")
    for name in ("admin1CodesASCII.txt", "admin2Codes.txt"):
        shutil.copy(GEONAMES_DIR / name, root / name)
    return root


@pytest.fixture
def server(mirror: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(mirror))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/dump/"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


@pytest.fixture
def served_at_root(server: str) -> str:
    return server.removesuffix("dump/")


def test_install_downloads_zips_from_a_geonames_mirror(tmp_path, served_at_root):
    report = install_gazetteer(["ML"], data_dir=tmp_path / "home", base_url=served_at_root)
    assert report.countries == ("ML",) and report.rows["ML"] > 10000
    place = Gazetteer.load(tmp_path / "home").lookup("Gogui", country="ML")[0]
    assert place.admin1 == "Kayes"
    assert "conflictwatch/0.1" in _QuietHandler.user_agents[-1]


def test_install_reports_an_unreachable_mirror_with_the_url_and_offline_hint(tmp_path, served_at_root):
    with pytest.raises(GeocodeError) as err:
        install_gazetteer(["TD"], data_dir=tmp_path / "home", base_url=served_at_root)
    message = str(err.value)
    assert f"cannot download {served_at_root}TD.zip: HTTP 404" in message
    assert "conflictwatch setup --from DIR" in message
    assert not (tmp_path / "home" / "gazetteer" / "gazetteer.sqlite3").exists()


def test_install_reports_a_refused_connection(tmp_path):
    with pytest.raises(GeocodeError, match=r"cannot download http://127\.0\.0\.1:9/admin1CodesASCII\.txt"):
        install_gazetteer(["ML"], data_dir=tmp_path / "home", base_url="http://127.0.0.1:9/")


def test_install_reads_zips_from_a_source_folder(tmp_path, mirror):
    report = install_gazetteer(["sn"], data_dir=tmp_path / "home", source_dir=mirror)
    assert report.countries == ("SN",)
    assert Gazetteer.load(tmp_path / "home").lookup("Dakar", fuzzy=False)[0].country == "Senegal"


def test_installing_more_countries_adds_to_the_index(tmp_path, mirror):
    install_gazetteer(["ML"], data_dir=tmp_path, source_dir=mirror)
    report = install_gazetteer(["SN"], data_dir=tmp_path, source_dir=mirror)
    assert report.all_countries == ("ML", "SN")
    gaz = Gazetteer.load(tmp_path)
    assert gaz.countries == ("ML", "SN")
    assert gaz.lookup("Gogui", fuzzy=False) and gaz.lookup("Dakar", fuzzy=False)


def test_an_interrupted_install_keeps_the_old_index(tmp_path, mirror):
    install_gazetteer(["ML"], data_dir=tmp_path / "home", source_dir=mirror)
    before = (tmp_path / "home" / "gazetteer" / "gazetteer.sqlite3").read_bytes()
    broken = tmp_path / "broken"
    shutil.copytree(mirror, broken)
    (broken / "BF.txt").write_text("2353169\tOnly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(GeocodeError, match="BF dump line 1 has 3 columns"):
        install_gazetteer(["SN", "BF"], data_dir=tmp_path / "home", source_dir=broken)
    assert (tmp_path / "home" / "gazetteer" / "gazetteer.sqlite3").read_bytes() == before
    assert Gazetteer.load(tmp_path / "home").countries == ("ML",)
    assert sorted(p.name for p in (tmp_path / "home" / "gazetteer").iterdir()) == [
        "gazetteer.json", "gazetteer.sqlite3", "sources.pickle"]


def test_install_names_the_missing_file_of_a_source_folder(tmp_path, mirror):
    with pytest.raises(GeocodeError, match=r"no GeoNames dump for TD in .*: expected TD\.txt or TD\.zip"):
        install_gazetteer(["TD"], data_dir=tmp_path, source_dir=mirror)


def test_install_rejects_a_country_that_is_not_an_iso2_code(tmp_path, mirror):
    with pytest.raises(GeocodeError, match="'Mali' is not an ISO-2 country code"):
        install_gazetteer(["Mali"], data_dir=tmp_path, source_dir=mirror)


def test_load_without_an_install_tells_the_user_to_run_setup(tmp_path):
    with pytest.raises(GazetteerMissing) as err:
        Gazetteer.load(tmp_path)
    assert str(err.value) == (f"No gazetteer installed in {tmp_path}: run `conflictwatch setup` "
                              "(or `conflictwatch setup --from DIR` offline)")
