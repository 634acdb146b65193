"""The monitor stage: watch sources as they publish, and deliver alerts.

:class:`Monitor` polls RSS/Atom feeds and listing pages on each source's schedule (conditional
requests, retries, per-host spacing, the fetch policy of :mod:`conflictwatch.ingest`), stores the
new articles once (by guid, canonical URL and content; one story on several sites is one
document with several sources), extracts and merges them, and delivers new alerts and offensives
through the configured channels (webhook, SMTP e-mail, JSON-lines file), each once. Its state
lives in the store (:class:`~conflictwatch.store.MonitorState`), so it restarts where it stopped.

It comes after ``watch`` in the stage order: it drives ingest, extract, merge and store, and
reads alerts from watch.
"""

from __future__ import annotations

from conflictwatch.monitor._channels import (
    EmailChannel,
    JsonlChannel,
    WebhookChannel,
    alert_key,
    alert_text,
    make_channel,
)
from conflictwatch.monitor._config import (
    ChannelConfig,
    MonitorConfig,
    SourceConfig,
    load_config,
    parse_config,
    parse_duration,
)
from conflictwatch.monitor._dedup import NearDuplicates, minhash, similarity
from conflictwatch.monitor._monitor import MAX_ATTEMPTS, Monitor, PollResult, ProcessResult
from conflictwatch.monitor._run import run_monitor, source_health

__all__ = [
    "MAX_ATTEMPTS",
    "ChannelConfig",
    "EmailChannel",
    "JsonlChannel",
    "Monitor",
    "MonitorConfig",
    "NearDuplicates",
    "PollResult",
    "ProcessResult",
    "SourceConfig",
    "WebhookChannel",
    "alert_key",
    "alert_text",
    "load_config",
    "make_channel",
    "minhash",
    "parse_config",
    "parse_duration",
    "run_monitor",
    "similarity",
    "source_health",
]
