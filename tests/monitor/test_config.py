"""The monitor's TOML configuration: the shipped example parses, and mistakes are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwatch.errors import ConfigError
from conflictwatch.monitor import load_config, parse_config, parse_duration

ROOT = Path(__file__).resolve().parents[2]
SOURCE = {"name": "wire", "url": "https://news.example.org/rss"}


def test_the_example_configuration_parses() -> None:
    config = load_config(ROOT / "docs" / "monitor.example.toml")
    assert [(s.name, s.kind, s.every) for s in config.sources] == [
        ("sahel-wire", "feed", 600.0), ("ministry-releases", "listing", 3600.0)]
    assert [(c.name, c.kind) for c in config.channels] == [
        ("ops-webhook", "webhook"), ("desk-mail", "email"), ("archive", "jsonl")]


def test_a_source_without_an_interval_takes_the_monitor_default() -> None:
    config = parse_config({"monitor": {"every": "2h"}, "source": [SOURCE]})
    assert config.sources[0].every == 7200.0


@pytest.mark.parametrize(("value", "seconds"), [(90, 90.0), ("90s", 90.0), ("15m", 900.0), ("1.5h", 5400.0),
                                                 ("1d", 86400.0)])
def test_durations_are_read_in_seconds_minutes_hours_or_days(value: object, seconds: float) -> None:
    assert parse_duration(value, what="every") == seconds


@pytest.mark.parametrize(("data", "message"), [
    ({"source": [SOURCE], "monitor": {"evry": "1m"}},
     ("the monitor configuration [monitor]: unknown setting(s) evry; the settings are allow_hosts, backoff, "
     "country, db, duplicate_threshold, every, host_interval, max_bytes, max_items, merge_days, retries, timeout")),
    ({}, ("the monitor configuration: no [[source]] tables; add at least one, e.g.\n[[source]]\nname = \"wire\"\n"
         "url = \"https://example.org/rss\"")),
    ({"source": [{"name": "x", "url": "file:///etc/passwd"}]},
     ("the monitor configuration source 'x': url 'file:///etc/passwd' is not an http(s) URL; only http:// and "
     "https:// are fetched")),
    ({"source": [SOURCE, SOURCE]}, "the monitor configuration: source names must be unique; repeated: wire"),
    ({"source": [{**SOURCE, "every": "soon"}]},
     ("the monitor configuration source 'wire' every: 'soon' is not a duration; write seconds or e.g. \"90s\", "
     "\"15m\", \"1h\", \"1d\"")),
    ({"source": [SOURCE], "channel": [{"kind": "pager"}]},
     "the monitor configuration [[channel]] #1: kind 'pager' is not one of webhook, email, jsonl"),
    ({"source": [SOURCE], "channel": [{"kind": "email", "host": "smtp.example.org", "sender": "a@example.org"}]},
     "the monitor configuration [[channel]] #1: an email channel needs to"),
    ({"source": [{**SOURCE, "kind": "listing", "pattern": "("}]},
     ("the monitor configuration source 'wire': pattern '(' is not a regular expression (missing ), unterminated "
     "subpattern at position 0)")),
])
def test_a_mistake_in_the_configuration_is_named(data: dict, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        parse_config(data)
    assert str(info.value) == message


def test_a_file_that_is_not_toml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "m.toml"
    path.write_text("[monitor\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"m\.toml: not valid TOML \(.*\); fix the line it names"):
        load_config(path)
