"""The errors conflictwatch raises, one tree::

    ConflictwatchError
    ├── ConfigError
    ├── IngestError            (.source: the path, URL or record that failed)
    │   ├── FeedUnreachable
    │   └── FeedParseError
    ├── ExtractError           (.article_id)
    │   └── OverBudget         (a document over the per-document size or time budget)
    ├── GeocodeError
    │   ├── GazetteerMissing   (no gazetteer installed: run `conflictwatch setup`)
    │   ├── PlaceNotFound
    │   └── AmbiguousPlace
    ├── StoreError
    │   ├── NotFound           (no document or event with that id)
    │   └── SchemaOutOfDate
    └── DeliveryError          (.channel: an alert channel of the monitor failed)

Messages say what failed, on which input, and what to do next. Third-party errors are translated
at the stage edge and chained with ``raise ... from``. The CLI catches ``ConflictwatchError`` only.
"""

from __future__ import annotations


class ConflictwatchError(Exception):
    """Base of every error conflictwatch raises on purpose."""


class ConfigError(ConflictwatchError):
    """A setting (data directory, database URL, option) is unusable."""


class IngestError(ConflictwatchError):
    """A report could not be read. ``source`` names the path, URL or record."""

    def __init__(self, message: str, *, source: str = "") -> None:
        super().__init__(message)
        self.source = source


class FeedUnreachable(IngestError):
    """A URL or feed could not be fetched (network error, timeout, HTTP error, too large)."""


class FeedParseError(IngestError):
    """A fetched feed could not be parsed as RSS or Atom."""


class ExtractError(ConflictwatchError):
    """Extraction failed on one document. ``article_id`` names it."""

    def __init__(self, message: str, *, article_id: str = "") -> None:
        super().__init__(message)
        self.article_id = article_id


class OverBudget(ExtractError):
    """A document is over the extractor's per-document budget: too long to read, or it took
    longer than the time allowed. ``limit`` names the budget ("size" or "time")."""

    def __init__(self, message: str, *, article_id: str = "", limit: str = "") -> None:
        super().__init__(message, article_id=article_id)
        self.limit = limit


class GeocodeError(ConflictwatchError):
    """A place could not be geocoded."""


class GazetteerMissing(GeocodeError):
    """No gazetteer is installed for the requested countries."""


class PlaceNotFound(GeocodeError):
    """No gazetteer entry matches a name."""


class AmbiguousPlace(GeocodeError):
    """Several gazetteer entries match a name and nothing tells them apart."""


class StoreError(ConflictwatchError):
    """The database could not be opened, read or written."""


class NotFound(StoreError):
    """No stored document or event has the id asked for."""


class SchemaOutOfDate(StoreError):
    """The database was made by another version of conflictwatch."""


class DeliveryError(ConflictwatchError):
    """An alert could not be delivered through a channel (webhook, e-mail, file). ``channel``
    names it."""

    def __init__(self, message: str, *, channel: str = "") -> None:
        super().__init__(message)
        self.channel = channel
