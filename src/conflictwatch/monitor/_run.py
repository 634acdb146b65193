"""Running the monitor from a configuration file, as the CLI and a systemd service do."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from types import FrameType

from conflictwatch import config as cw_config
from conflictwatch.extract import Extractor
from conflictwatch.monitor._config import load_config
from conflictwatch.monitor._monitor import Monitor, PollResult, ProcessResult
from conflictwatch.store import STALE_AFTER, SourceHealth, open_store
from conflictwatch.store._monitor import MonitorState

__all__ = ["run_monitor", "source_health"]


@contextmanager
def _stop_on_signals(monitor: Monitor) -> Iterator[None]:
    """SIGTERM and SIGINT ask ``monitor`` to stop (main thread only; elsewhere, nothing changes)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        monitor.stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def run_monitor(path: str | Path, *, db: str | None = None, data_dir: Path | None = None, once: bool = False,
                on_round: Callable[[list[PollResult], ProcessResult], None] | None = None) -> None:
    """Run the monitor configured in ``path`` until SIGTERM or SIGINT (one round with ``once``).

    The database is ``db``, else the configuration's ``db``, else the default (see
    :func:`conflictwatch.store.open_store`). The gazetteer is loaded from ``data_dir`` when the
    first documents need extracting. A signal lets the entry being read finish, then stops.
    """
    cfg = load_config(path)

    def make_extractor() -> Extractor:
        from conflictwatch.geo import Gazetteer

        return Extractor(Gazetteer.load(cw_config.data_dir(data_dir)))

    with open_store(db or cfg.db, data_dir=data_dir) as store, \
            Monitor(cfg, store=store, make_extractor=make_extractor) as monitor, _stop_on_signals(monitor):
        if once:
            polls, processed = monitor.run_once(force=True)
            if on_round is not None:
                on_round(polls, processed)
        else:
            monitor.run(on_round=on_round)


def source_health(*, db: str | None = None, data_dir: Path | None = None,
                  stale_after: timedelta = STALE_AFTER) -> list[SourceHealth]:
    """The health of every source a monitor polled into the database (see
    :meth:`conflictwatch.store.MonitorState.health`; the web API calls it on the server's store)."""
    with open_store(db, data_dir=data_dir) as store:
        return MonitorState(store).health(stale_after=stale_after)
