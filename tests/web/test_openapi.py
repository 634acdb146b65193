"""The API description at /api/openapi.json covers every API route and method, and the shipped
map library files are the pinned npm releases, unmodified."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from starlette.applications import Starlette
from starlette.routing import Route

from tests.web.conftest import TestClient

VENDOR = Path(__file__).resolve().parents[2] / "src" / "conflictwatch" / "web" / "static" / "vendor"


def test_every_api_route_and_method_is_described(client: TestClient, app: Starlette) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.1")
    routes = {(r.path, m.lower()) for r in app.routes if isinstance(r, Route) and r.path.startswith("/api/")
              for m in (r.methods or ()) if m != "HEAD"}
    described = {(path, method) for path, ops in doc["paths"].items() for method in ops}
    assert described == routes


def test_described_query_parameters_are_the_ones_routes_accept(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    for path, ops in doc["paths"].items():
        if "{" in path or "get" not in ops:
            continue
        for param in ops["get"]["parameters"]:
            assert param["in"] == "query"
            response = client.get(f"{path}?{param['name']}=")  # blank: accepted, as if absent
            assert response.status_code in (200, 404), (path, param["name"], response.text)
        response = client.get(f"{path}?undocumented=1")
        assert response.status_code == 400 and "unknown query parameter" in response.text, path


def test_writes_are_described_as_needing_the_analyst_token(client: TestClient) -> None:
    doc = client.get("/api/openapi.json").json()
    assert doc["components"]["securitySchemes"]["analystToken"] == {"type": "http", "scheme": "bearer"}
    for path, ops in doc["paths"].items():
        if "post" in ops:
            assert ops["post"]["security"] == [{"analystToken": []}], path
            assert "401" in ops["post"]["responses"] and "413" in ops["post"]["responses"], path


def test_the_shipped_map_library_is_the_pinned_release() -> None:
    meta = json.loads((VENDOR / "vendor.json").read_text(encoding="utf-8"))
    for name, entry in meta["files"].items():
        assert hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() == entry["sha256"], name
        assert entry["package"] in meta["packages"]
    licences = (VENDOR / "LICENSES.txt").read_text(encoding="utf-8")
    assert "BSD 2-Clause" in licences and "MIT" in licences
    assert sum((VENDOR / n).stat().st_size for n in meta["files"]) < 250_000  # the bundle stays small
