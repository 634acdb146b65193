"""What reading sources yields besides documents: failures, notes, and the report of a run."""

from __future__ import annotations

from dataclasses import dataclass, field

from conflictwatch.records import Document

__all__ = ["IngestFailure", "IngestNote", "IngestReport", "IngestResult", "UndatedDocument"]


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """One input (file, URL, JSONL line ``path:line``, feed entry) that yielded no document.

    ``message`` says what failed and what to do, e.g. ``"file is empty; add the report text or
    remove the file"``; the CLI prints it as ``Error: <source>: <message>``.
    """

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class IngestNote:
    """Something worth telling the user that is not a failure (a skipped file, a fallback)."""

    source: str
    message: str

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"


@dataclass(frozen=True, slots=True)
class ReadProgress:
    """How far reading has gone, for a progress bar (not a result): ``planned`` more units became
    known (a feed's entries once it is parsed), ``done`` units were finished. A unit is a file (of
    a folder, or named), a URL, or an entry of a feed; see :func:`~conflictwatch.ingest._files.planned_units`."""

    planned: int = 0
    done: int = 0


@dataclass(frozen=True, slots=True)
class UndatedDocument:
    """A document read without a publication date: its source states none (no metadata date, no
    dateline) and no default date was given (``published=``, ``--published``).

    ``source`` names where it was read (a path, ``path:line`` of a JSONL file, a URL, a feed
    entry); ``document`` is its :attr:`~conflictwatch.records.Document.key` (the source's id, or
    the content id). It is still ingested; relative dates in it ("on Monday") cannot be resolved.
    """

    source: str
    document: str

    def __str__(self) -> str:
        return f"{self.source} ({self.document})"


#: What :func:`conflictwatch.ingest.read_sources` yields: one per document or failed input.
IngestResult = Document | IngestFailure


@dataclass(frozen=True, slots=True)
class IngestReport:
    """The outcome of :func:`conflictwatch.ingest.ingest`.

    ``added`` documents were new to the store; ``existing`` were already stored (or appeared twice
    in this run: documents are keyed by their content). ``undated`` lists the documents of this
    run that have no publication date (each once), in the order read.
    """

    added: int = 0
    existing: int = 0
    failures: list[IngestFailure] = field(default_factory=list)
    notes: list[IngestNote] = field(default_factory=list)
    undated: list[UndatedDocument] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.failures)
