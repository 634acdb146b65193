"""Where the monitor delivers alerts: a webhook (JSON POST), e-mail over SMTP, a JSON-lines file.

Each alert has a key (:func:`alert_key`: its kind, rule, area, week, actor, offensive and severity)
that stays the same across polls, so an alert found again is not delivered again; a rise in
severity is a new alert. The monitor records a delivery after the channel accepted it: a monitor
killed between the two delivers that alert once more on restart, so webhooks get the key in an
``Idempotency-Key`` header and e-mails in ``X-Conflictwatch-Alert``, for receivers that de-duplicate.
"""

from __future__ import annotations

import hashlib
import json
import os
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any, Protocol

import httpx

from conflictwatch.errors import ConfigError, DeliveryError
from conflictwatch.ingest import USER_AGENT
from conflictwatch.monitor._config import SEVERITIES, ChannelConfig
from conflictwatch.watch import Alert

__all__ = ["Channel", "EmailChannel", "JsonlChannel", "WebhookChannel", "alert_key", "alert_text", "make_channel"]


def alert_key(alert: Alert) -> str:
    """The identity of ``alert`` across polls (32 hex digits)."""
    parts = (alert.kind, alert.rule, alert.country, alert.admin1, alert.week_start.isoformat(), alert.actor,
             alert.offensive_id, alert.severity)
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def alert_text(alert: Alert) -> str:
    """A plain-text account of ``alert`` (an e-mail body, a chat message)."""
    lines = [f"{alert.severity.upper()} {alert.kind.replace('_', ' ')}: {alert.area}",
             f"Week {alert.week_start:%d %b %Y} to {alert.week_end:%d %b %Y}", "", alert.reason, ""]
    if alert.actor:
        lines.append(f"Actor: {alert.actor}")
    lines.append(f"Count this week: {alert.count}")
    if alert.baseline_mean is not None:
        lines.append(f"Baseline mean: {alert.baseline_mean:.2f} over {alert.baseline_weeks} weeks")
    if alert.p_value is not None:
        lines.append(f"p-value: {alert.p_value:.4g} ({alert.model})")
    lines.append(f"Events: {', '.join(alert.event_ids)}")
    return "\n".join(lines) + "\n"


def _payload(alert: Alert, key: str) -> dict[str, Any]:
    return {"alert_key": key, "text": alert_text(alert), "alert": alert.to_dict()}


class Channel(Protocol):
    name: str
    min_severity: str

    def deliver(self, alert: Alert, key: str) -> None:
        """Deliver ``alert``; :class:`DeliveryError` when the channel did not accept it."""

    def close(self) -> None: ...


def _wanted(severity: str, minimum: str) -> bool:
    return not minimum or SEVERITIES.index(severity) >= SEVERITIES.index(minimum)


class WebhookChannel:
    """POSTs each alert as JSON (``alert_key``, ``text``, ``alert``) to ``url``; a 2xx answer is
    delivery. The URL is the operator's own setting, so the fetch policy's address checks do not
    apply to it (a webhook on the local network is common)."""

    def __init__(self, name: str, *, url: str, headers: dict[str, str] | None = None, timeout: float = 10.0,
                 min_severity: str = "") -> None:
        self.name, self.url, self.min_severity = name, url, min_severity
        self.client = httpx.Client(timeout=timeout, headers={"User-Agent": USER_AGENT, **(headers or {})})

    def deliver(self, alert: Alert, key: str) -> None:
        try:
            resp = self.client.post(self.url, json=_payload(alert, key), headers={"Idempotency-Key": key})
        except httpx.HTTPError as exc:
            raise DeliveryError(f"webhook {self.name}: could not POST to {self.url} ({exc}); the alert is "
                                "delivered on the next poll", channel=self.name) from exc
        if not 200 <= resp.status_code < 300:
            raise DeliveryError(f"webhook {self.name}: {self.url} answered HTTP {resp.status_code}; the alert "
                                "is delivered on the next poll", channel=self.name)

    def close(self) -> None:
        self.client.close()


class EmailChannel:
    """Sends each alert as one plain-text e-mail through an SMTP server (STARTTLS or SSL when
    asked; the password is read from the environment variable ``password_env``)."""

    def __init__(self, name: str, *, host: str, sender: str, to: list[str], port: int = 25,
                 starttls: bool = False, ssl: bool = False, username: str = "", password_env: str = "",
                 subject_prefix: str = "[conflictwatch]", timeout: float = 30.0, min_severity: str = "") -> None:
        self.name, self.min_severity = name, min_severity
        self.host, self.port, self.sender, self.to = host, int(port), sender, list(to)
        self.starttls, self.use_ssl, self.username = starttls, ssl, username
        self.subject_prefix, self.timeout = subject_prefix, timeout
        self.password = ""
        if username:
            if not password_env or password_env not in os.environ:
                raise ConfigError(f"e-mail channel {name}: username is set but the password's environment "
                                  f"variable ({password_env or 'password_env'}) is not; set it")
            self.password = os.environ[password_env]

    def message(self, alert: Alert, key: str) -> EmailMessage:
        msg = EmailMessage()
        msg["Subject"] = (f"{self.subject_prefix} {alert.severity} {alert.kind.replace('_', ' ')}: "
                          f"{alert.area}, week of {alert.week_start:%d %b %Y}").strip()
        msg["From"] = self.sender
        msg["To"] = ", ".join(self.to)
        msg["Message-ID"] = make_msgid(idstring=key[:16], domain="conflictwatch.invalid")
        msg["X-Conflictwatch-Alert"] = key
        msg.set_content(alert_text(alert))
        return msg

    def deliver(self, alert: Alert, key: str) -> None:
        try:
            smtp_class = smtplib.SMTP_SSL if self.use_ssl else smtplib.SMTP
            with smtp_class(self.host, self.port, timeout=self.timeout) as smtp:
                if self.starttls:
                    smtp.starttls(context=ssl.create_default_context())
                if self.username:
                    smtp.login(self.username, self.password)
                smtp.send_message(self.message(alert, key))
        except (OSError, smtplib.SMTPException) as exc:
            raise DeliveryError(f"e-mail {self.name}: could not send through {self.host}:{self.port} ({exc}); "
                                "the alert is delivered on the next poll", channel=self.name) from exc

    def close(self) -> None:
        return


class JsonlChannel:
    """Appends each alert as one JSON line (``alert_key``, ``text``, ``alert``) to ``path``,
    flushed to disk before the delivery is recorded."""

    def __init__(self, name: str, *, path: str, min_severity: str = "") -> None:
        self.name, self.path, self.min_severity = name, Path(path), min_severity

    def deliver(self, alert: Alert, key: str) -> None:
        line = json.dumps(_payload(alert, key), ensure_ascii=False, sort_keys=True) + "\n"
        try:
            with self.path.open("a", encoding="utf-8") as fh:
                fh.write(line)
                fh.flush()
                os.fsync(fh.fileno())
        except OSError as exc:
            raise DeliveryError(f"file {self.name}: cannot append to {self.path} ({exc}); check the folder "
                                "exists and is writable", channel=self.name) from exc

    def close(self) -> None:
        return


def make_channel(config: ChannelConfig) -> WebhookChannel | EmailChannel | JsonlChannel:
    """The channel a ``[[channel]]`` table describes."""
    opts = dict(config.options)
    if config.kind == "webhook":
        return WebhookChannel(config.name, min_severity=config.min_severity, **opts)
    if config.kind == "email":
        return EmailChannel(config.name, min_severity=config.min_severity, **opts)
    return JsonlChannel(config.name, min_severity=config.min_severity, **opts)
