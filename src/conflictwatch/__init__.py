"""conflictwatch: turn conflict news into reliable, ACLED-coded event data.

The public API is what ``__all__`` lists; everything else is internal.
"""

from __future__ import annotations

from conflictwatch.errors import ConflictwatchError
from conflictwatch.records import (
    Document,
    Event,
    EventSource,
    Evidence,
    MergeLink,
    Offensive,
    Place,
)

__version__ = "0.1.0"

__all__ = [
    "ConflictwatchError",
    "Document",
    "Event",
    "EventSource",
    "Evidence",
    "MergeLink",
    "Offensive",
    "Place",
    "__version__",
]
