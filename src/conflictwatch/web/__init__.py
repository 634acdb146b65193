"""The web stage: a JSON API over the store and an offline dashboard (map, timeline, events,
alerts, offensives, event detail, analyst review and corrections).

:func:`create_app` builds the Starlette application; :func:`serve` runs it with uvicorn
(``conflictwatch serve``). The web stage reads from the store; its only writes are the analysts'
decisions (review, corrections, notes, splits, merges, conflict resolutions), each of which needs
an analyst token and is recorded in the event's history.
"""

from __future__ import annotations

import socket
from collections.abc import Sequence
from pathlib import Path

from conflictwatch.web._app import create_app

__all__ = ["allowed_hosts", "create_app", "serve"]

_LOOPBACK = ("127.0.0.1", "localhost", "[::1]")


def allowed_hosts(host: str, extra: Sequence[str] = ()) -> list[str]:
    """The Host header names a server bound to ``host`` answers: the loopback names, plus, when it
    listens beyond this machine, the machine's own names and addresses, plus ``extra``. Any other
    Host (a DNS-rebinding page's, say) is refused, whatever the bind address."""
    names = {*_LOOPBACK, *(h.strip().lower() for h in extra if h.strip())}
    if host not in ("127.0.0.1", "localhost", "::1"):
        if host not in ("0.0.0.0", "::", ""):
            names.add(f"[{host}]" if ":" in host else host)
        try:
            hostname = socket.gethostname()
            names.update({hostname.lower(), socket.getfqdn().lower()})
            names.update(socket.gethostbyname_ex(hostname)[2])
        except OSError:
            pass
    return sorted(names)


def serve(*, host: str = "127.0.0.1", port: int = 8000, db: str | None = None, data_dir: Path | None = None,
          read_only: bool = False, allow_hosts: Sequence[str] = (), tiles: str | None = None) -> None:
    """Serve the API and dashboard on ``host:port`` until interrupted (Ctrl-C).

    Only the Host names of :func:`allowed_hosts` are answered (no DNS rebinding); ``read_only``
    refuses every write; ``tiles`` adds an online base map (see :func:`create_app`).
    """
    import uvicorn

    app = create_app(db=db, data_dir=data_dir, allowed_hosts=allowed_hosts(host, allow_hosts),
                     read_only=read_only, tiles=tiles)
    uvicorn.run(app, host=host, port=port, log_level="info", ws="none", timeout_keep_alive=15,
                limit_concurrency=200)
