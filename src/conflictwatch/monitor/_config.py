"""The monitor's configuration: one TOML file (see ``docs/monitor.example.toml``).

::

    [monitor]                 # all optional
    db = "/var/lib/conflictwatch/cw.db"   # else --db / CONFLICTWATCH_DB
    every = "15m"             # default poll interval of a source (s, m, h, d; or seconds)
    timeout = 20              # seconds a fetch may take
    max_bytes = 5000000       # largest feed or page read
    max_items = 200           # entries read from one feed or listing page per poll
    retries = 2               # retries of a failed fetch (connection errors, 429, 5xx)
    backoff = 2.0             # seconds before the first retry (doubling)
    host_interval = 1.0       # seconds between two requests to one host
    allow_hosts = []          # hosts that may resolve to internal addresses
    country = "Mali"          # alerts for this country only ("" for all)
    merge_days = 60           # new events merge with events this many days back
    duplicate_threshold = 0.8 # MinHash similarity above which two texts are one story

    [[source]]
    name = "wire-sahel"       # unique; the state of a source is kept under its name
    url = "https://example.org/sahel/rss"
    kind = "feed"             # feed (RSS/Atom) | listing (an HTML page of article links)
    every = "10m"
    language = "fr"           # when the feed or page does not say
    follow_links = true       # fetch the page of an entry that has only a summary
    pattern = "/articles/"    # listing: only links whose URL matches this regular expression
    allow_hosts = ["intranet.example"]

    [[channel]]
    name = "ops-webhook"      # unique; deliveries are recorded per channel
    kind = "webhook"          # webhook | email | jsonl
    url = "https://hooks.example.org/conflictwatch"
    headers = { Authorization = "Bearer ..." }
    min_severity = "medium"   # deliver alerts of this severity or higher: low, medium, high (default: all)

Unknown keys are errors (a typo must not silently drop a setting).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conflictwatch.errors import ConfigError
from conflictwatch.ingest import DEFAULT_MAX_BYTES, DEFAULT_MAX_ITEMS, DEFAULT_TIMEOUT

__all__ = ["ChannelConfig", "MonitorConfig", "SourceConfig", "load_config", "parse_config", "parse_duration"]

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_UNITS = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0}
CHANNEL_KINDS = ("webhook", "email", "jsonl")
SOURCE_KINDS = ("feed", "listing")
SEVERITIES = ("low", "medium", "high")


def parse_duration(value: object, *, what: str) -> float:
    """Seconds from ``90``, ``"90s"``, ``"15m"``, ``"1h"`` or ``"1d"``."""
    if isinstance(value, bool):
        raise ConfigError(f"{what}: {value!r} is not a duration; write seconds or e.g. \"15m\", \"1h\"")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise ConfigError(f"{what}: {value!r} is not a duration; write seconds or e.g. \"90s\", \"15m\", "
                              "\"1h\", \"1d\"")
        seconds = float(m.group(1)) * _UNITS[m.group(2)]
    if seconds <= 0:
        raise ConfigError(f"{what}: the duration must be more than 0 seconds")
    return seconds


@dataclass(frozen=True, slots=True)
class SourceConfig:
    name: str
    url: str
    kind: str = "feed"
    every: float = 900.0
    language: str = ""
    follow_links: bool = True
    pattern: str = ""
    allow_hosts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChannelConfig:
    """A delivery channel; ``options`` holds its kind's settings (url, headers; host, port, ...)."""

    name: str
    kind: str
    min_severity: str = ""
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MonitorConfig:
    sources: tuple[SourceConfig, ...]
    channels: tuple[ChannelConfig, ...] = ()
    db: str | None = None
    every: float = 900.0
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    max_items: int = DEFAULT_MAX_ITEMS
    retries: int = 2
    backoff: float = 2.0
    host_interval: float = 1.0
    allow_hosts: tuple[str, ...] = ()
    country: str = ""
    merge_days: int = 60
    duplicate_threshold: float = 0.8
    path: str = ""


_MONITOR_KEYS = {"db", "every", "timeout", "max_bytes", "max_items", "retries", "backoff", "host_interval",
                 "allow_hosts", "country", "merge_days", "duplicate_threshold"}
_SOURCE_KEYS = {"name", "url", "kind", "every", "language", "follow_links", "pattern", "allow_hosts"}
_CHANNEL_OPTIONS = {
    "webhook": {"url", "headers", "timeout"},
    "email": {"host", "port", "starttls", "ssl", "username", "password_env", "sender", "to", "subject_prefix",
              "timeout"},
    "jsonl": {"path"},
}
_CHANNEL_REQUIRED = {"webhook": ("url",), "email": ("host", "sender", "to"), "jsonl": ("path",)}


def _unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(extra)}; the settings are "
                          f"{', '.join(sorted(allowed))}")


def _typed(value: Any, kind: type | tuple[type, ...], where: str, what: str) -> Any:
    if isinstance(value, bool) and kind is not bool and bool not in (kind if isinstance(kind, tuple) else (kind,)):
        raise ConfigError(f"{where}: {what} must be a {getattr(kind, '__name__', 'number')}, not {value!r}")
    if not isinstance(value, kind):
        name = kind.__name__ if isinstance(kind, type) else " or ".join(k.__name__ for k in kind)
        raise ConfigError(f"{where}: {what} must be a {name}, not {value!r}")
    return value


def _hosts(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(h, str) for h in value):
        raise ConfigError(f"{where}: allow_hosts must be a list of host names, e.g. [\"intranet.example\"]")
    return tuple(h.strip().lower() for h in value if h.strip())


def parse_config(data: dict[str, Any], *, path: str = "") -> MonitorConfig:
    """A :class:`MonitorConfig` from parsed TOML; :class:`ConfigError` says what is wrong, where."""
    where = path or "the monitor configuration"
    _unknown(data, {"monitor", "source", "channel"}, where)
    top = data.get("monitor", {})
    _typed(top, dict, where, "[monitor]")
    _unknown(top, _MONITOR_KEYS, f"{where} [monitor]")
    w = f"{where} [monitor]"
    every = parse_duration(top.get("every", 900), what=f"{w} every")
    settings: dict[str, Any] = {
        "db": _typed(top["db"], str, w, "db") if "db" in top else None,
        "every": every,
        "timeout": parse_duration(top.get("timeout", DEFAULT_TIMEOUT), what=f"{w} timeout"),
        "max_bytes": _typed(top.get("max_bytes", DEFAULT_MAX_BYTES), int, w, "max_bytes"),
        "max_items": _typed(top.get("max_items", DEFAULT_MAX_ITEMS), int, w, "max_items"),
        "retries": _typed(top.get("retries", 2), int, w, "retries"),
        "backoff": float(_typed(top.get("backoff", 2.0), (int, float), w, "backoff")),
        "host_interval": float(_typed(top.get("host_interval", 1.0), (int, float), w, "host_interval")),
        "allow_hosts": _hosts(top.get("allow_hosts", []), w),
        "country": _typed(top.get("country", ""), str, w, "country"),
        "merge_days": _typed(top.get("merge_days", 60), int, w, "merge_days"),
        "duplicate_threshold": float(_typed(top.get("duplicate_threshold", 0.8), (int, float), w,
                                            "duplicate_threshold")),
    }
    for key in ("max_bytes", "max_items"):
        if settings[key] < 1:
            raise ConfigError(f"{w}: {key} must be at least 1")
    if settings["retries"] < 0 or settings["merge_days"] < 0:
        raise ConfigError(f"{w}: retries and merge_days must not be negative")
    if not 0 < settings["duplicate_threshold"] <= 1:
        raise ConfigError(f"{w}: duplicate_threshold must be between 0 and 1 (0.8 by default)")

    raw_sources = data.get("source", [])
    if not isinstance(raw_sources, list) or not raw_sources:
        raise ConfigError(f"{where}: no [[source]] tables; add at least one, e.g.\n"
                          "[[source]]\nname = \"wire\"\nurl = \"https://example.org/rss\"")
    sources: list[SourceConfig] = []
    for n, src in enumerate(raw_sources, start=1):
        sw = f"{where} [[source]] #{n}"
        _typed(src, dict, where, f"[[source]] #{n}")
        _unknown(src, _SOURCE_KEYS, sw)
        for key in ("name", "url"):
            if not isinstance(src.get(key), str) or not src[key].strip():
                raise ConfigError(f"{sw}: {key} is required (a non-empty string)")
        sw = f"{where} source {src['name']!r}"
        url = src["url"].strip()
        if not url.lower().startswith(("http://", "https://")):
            raise ConfigError(f"{sw}: url {url!r} is not an http(s) URL; only http:// and https:// are fetched")
        kind = src.get("kind", "feed")
        if kind not in SOURCE_KINDS:
            raise ConfigError(f"{sw}: kind {kind!r} is not one of {', '.join(SOURCE_KINDS)}")
        pattern = _typed(src.get("pattern", ""), str, sw, "pattern")
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ConfigError(f"{sw}: pattern {pattern!r} is not a regular expression ({exc})") from exc
        sources.append(SourceConfig(
            name=src["name"].strip(), url=url, kind=kind,
            every=parse_duration(src.get("every", every), what=f"{sw} every"),
            language=_typed(src.get("language", ""), str, sw, "language"),
            follow_links=_typed(src.get("follow_links", True), bool, sw, "follow_links"),
            pattern=pattern, allow_hosts=_hosts(src.get("allow_hosts", []), sw)))
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{where}: source names must be unique; repeated: {', '.join(dupes)}")

    channels: list[ChannelConfig] = []
    raw_channels = data.get("channel", [])
    _typed(raw_channels, list, where, "[[channel]]")
    for n, ch in enumerate(raw_channels, start=1):
        cw = f"{where} [[channel]] #{n}"
        _typed(ch, dict, where, f"[[channel]] #{n}")
        kind = ch.get("kind")
        if kind not in CHANNEL_KINDS:
            raise ConfigError(f"{cw}: kind {kind!r} is not one of {', '.join(CHANNEL_KINDS)}")
        _unknown(ch, {"name", "kind", "min_severity"} | _CHANNEL_OPTIONS[kind], cw)
        for key in _CHANNEL_REQUIRED[kind]:
            if key not in ch or ch[key] in ("", []):
                article = "an" if kind == "email" else "a"
                raise ConfigError(f"{cw}: {article} {kind} channel needs {key}")
        severity = ch.get("min_severity", "")
        if severity and severity not in SEVERITIES:
            raise ConfigError(f"{cw}: min_severity {severity!r} is not one of {', '.join(SEVERITIES)}")
        name = str(ch.get("name") or f"{kind}-{n}")
        options = {k: v for k, v in ch.items() if k not in ("name", "kind", "min_severity")}
        if kind == "email" and isinstance(options.get("to"), str):
            options["to"] = [options["to"]]
        channels.append(ChannelConfig(name=name, kind=kind, min_severity=severity, options=options))
    cnames = [c.name for c in channels]
    dupes = sorted({n for n in cnames if cnames.count(n) > 1})
    if dupes:
        raise ConfigError(f"{where}: channel names must be unique; repeated: {', '.join(dupes)}")
    return MonitorConfig(sources=tuple(sources), channels=tuple(channels), path=path, **settings)


def load_config(path: str | Path) -> MonitorConfig:
    """Read the monitor's TOML configuration at ``path``."""
    p = Path(path)
    try:
        data = tomllib.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"{p}: no such file; pass the monitor's TOML configuration "
                          "(see docs/monitor.example.toml)") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read it ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{p}: not valid TOML ({exc}); fix the line it names") from exc
    return parse_config(data, path=str(p))
