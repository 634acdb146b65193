"""The web stage: a JSON API over the store and an offline dashboard (map, timeline, events,
analyst review).

:func:`create_app` builds the Starlette application; :func:`serve` runs it with uvicorn
(``conflictwatch serve``). The web stage only reads from the store, except for analyst review
(``POST /api/events/{id}/review``, which calls :meth:`conflictwatch.store.Store.set_status`).
"""

from __future__ import annotations

from pathlib import Path

import uvicorn

from conflictwatch.web._app import create_app

__all__ = ["create_app", "serve"]


def serve(*, host: str = "127.0.0.1", port: int = 8000, db: str | None = None,
          data_dir: Path | None = None) -> None:
    """Serve the API and dashboard on ``host:port`` until interrupted (Ctrl-C).

    On a loopback address only the loopback names are answered (no DNS rebinding).
    """
    loopback = host in ("127.0.0.1", "localhost", "::1")
    app = create_app(db=db, data_dir=data_dir,
                     allowed_hosts=["127.0.0.1", "localhost", "[::1]"] if loopback else None)
    uvicorn.run(app, host=host, port=port, log_level="info", ws="none")
