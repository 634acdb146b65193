"""The :class:`Extractor`: reports in, ACLED-coded events out."""

from __future__ import annotations

import hashlib
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from conflictwatch import __version__
from conflictwatch.errors import ExtractError, OverBudget
from conflictwatch.extract._facts import DocView
from conflictwatch.extract.actors import ActorRegistry
from conflictwatch.extract.cues import CueLexicon
from conflictwatch.extract.events import classify_sentence
from conflictwatch.extract.lang import SUPPORTED_LANGUAGES, document_language
from conflictwatch.extract.pipeline import Resources, build_pipeline
from conflictwatch.extract.triggers import TriggerLexicon
from conflictwatch.geo import Gazetteer
from conflictwatch.records import Document, Event, check_published

__all__ = ["EXTRACTOR_NAME", "MAX_CHARS", "TIME_BUDGET", "Extractor", "data_fingerprint", "extract_many",
           "extractor_id"]

#: The stable prefix of every extractor id (see :func:`extractor_id`).
EXTRACTOR_NAME = "conflictwatch-rules"
#: The longest document (in characters) the extractor reads by default; a longer one is an
#: :class:`~conflictwatch.errors.OverBudget` error of its own, the others go on.
MAX_CHARS = 1_000_000
#: Seconds the extractor may spend on one document by default before it gives the document up
#: (:class:`~conflictwatch.errors.OverBudget`); extraction time grows linearly with the text
#: (``bench/bench_scaling.py``), so only a document far beyond :data:`MAX_CHARS` or a slow machine
#: reaches it.
TIME_BUDGET = 300.0


def data_fingerprint(data_dir: Traversable | Path | None = None) -> str:
    """SHA-256 (hex) of the reference data the extractor reads: every file directly in
    ``data_dir`` (default: the package's ``conflictwatch/data``; sub-folders such as ``samples/``
    and hidden or backup files left out), in name order, each by its name and content bytes."""
    root: Traversable | Path = resources.files("conflictwatch.data") if data_dir is None else data_dir
    h = hashlib.sha256()
    for entry in sorted((e for e in root.iterdir() if e.is_file()), key=lambda e: e.name):
        if entry.name.startswith(".") or entry.name.endswith("~"):
            continue
        h.update(entry.name.encode("utf-8") + b"\0")
        h.update(hashlib.sha256(entry.read_bytes()).digest())
    return h.hexdigest()


def extractor_id(gazetteer: Gazetteer, *, data_dir: Traversable | Path | None = None) -> str:
    """The id of an extractor using ``gazetteer``: what produced an event, derived, never bumped.

    ``conflictwatch-rules/<package version>+data.<8 hex>+geo.<8 hex>``, e.g.
    ``conflictwatch-rules/0.1.0+data.1a2b3c4d+geo.5e6f7a8b``: the package version (the rules'
    code), the first 8 hex digits of :func:`data_fingerprint` (the bundled reference data: triggers,
    cues, actors, weights, place data...) and of :attr:`Gazetteer.fingerprint
    <conflictwatch.geo.Gazetteer.fingerprint>` (the installed countries and settlement sources).
    Two runs with the same code and data give the same id on any machine; changing a data file,
    installing another country or adding settlements gives another. Stored with every event
    (``Event.extractor``) and with each extracted document.
    """
    return (f"{EXTRACTOR_NAME}/{__version__}+data.{data_fingerprint(data_dir)[:8]}"
            f"+geo.{gazetteer.fingerprint[:8]}")


class _Default:
    """The type of :data:`_DEFAULT`, "not given" for arguments where None means "none"."""


_DEFAULT = _Default()


class Extractor:
    """Extract events from documents: a pure function of text, metadata and reference data.

    ``gazetteer`` resolves places; ``nlp_en``/``nlp_fr`` are the spaCy pipelines to start from
    (default: blank tokenizer-only pipelines, built on first use); ``actors`` the actor registry
    (default: the bundled one). ``extractor_id`` (see :func:`extractor_id`) is computed once
    here and set on every event it returns. ``cache_dir`` holds the blank pipelines' compiled
    tokenizers (:func:`~conflictwatch.extract.lang.blank_pipeline`); by default the ``cache``
    folder of the data directory the gazetteer was loaded from, none for a gazetteer built in
    memory.

    Each document has a budget: at most ``max_chars`` characters and ``time_budget`` seconds
    (None: no time limit). A document over it raises :class:`~conflictwatch.errors.OverBudget`
    (an :class:`~conflictwatch.errors.ExtractError` naming the document, the budget and what to
    do), as does a publication date outside :data:`~conflictwatch.records.PUBLISHED_YEARS`. The
    time is checked after each pipeline component and, in the main thread of a process that does
    not use ``SIGALRM`` itself, also enforced by an alarm that stops the work in progress.
    """

    def __init__(self, gazetteer: Gazetteer, *, nlp_en: Language | None = None,
                 nlp_fr: Language | None = None, actors: ActorRegistry | None = None,
                 cache_dir: Path | None | _Default = _DEFAULT, max_chars: int = MAX_CHARS,
                 time_budget: float | None = TIME_BUDGET) -> None:
        #: What produced this extractor's events (:func:`extractor_id`), e.g.
        #: "conflictwatch-rules/0.1.0+data.1a2b3c4d+geo.5e6f7a8b".
        self.extractor_id: str = extractor_id(gazetteer)
        self.resources = Resources(gazetteer=gazetteer, registry=actors or ActorRegistry.load(),
                                   triggers=TriggerLexicon.load(), cues=CueLexicon.load(),
                                   extractor=self.extractor_id)
        self._given: dict[str, Language | None] = {"en": nlp_en, "fr": nlp_fr}
        if isinstance(cache_dir, _Default):
            cache_dir = gazetteer.cache_dir
        self.cache_dir: Path | None = cache_dir
        self._nlp: dict[str, Language] = {}
        #: The per-document budget: characters, and seconds (None: unlimited).
        self.max_chars = max_chars
        self.time_budget = time_budget

    def nlp(self, lang: str) -> Language:
        """The pipeline for ``lang``, built on first use."""
        if lang not in SUPPORTED_LANGUAGES:
            raise ExtractError(f"no pipeline for language {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}")
        if lang not in self._nlp:
            nlp = build_pipeline(lang, self.resources, nlp=self._given.get(lang), cache_dir=self.cache_dir)
            # the size budget is ours (check_budget), not spaCy's E088
            nlp.max_length = max(nlp.max_length, self.max_chars + 1)
            self._nlp[lang] = nlp
        return self._nlp[lang]

    def check_document(self, doc: Document) -> None:
        """Raise :class:`~conflictwatch.errors.ExtractError` if ``doc`` cannot be extracted: over
        the size budget, or dated outside the years a relative date can be computed in."""
        if len(doc.text) > self.max_chars:
            raise OverBudget(
                f"document {doc.key} is {len(doc.text):,} characters long, over the per-document limit of "
                f"{self.max_chars:,}: split it into several documents (one per report), or raise the limit "
                "(Extractor(max_chars=...))", article_id=doc.key, limit="size")
        if doc.published is not None:
            try:
                check_published(doc.published)
            except ValueError as exc:
                raise ExtractError(f"document {doc.key}: {exc}, so its relative dates ('last week') cannot "
                                   "be computed: correct its publication date", article_id=doc.key) from exc

    def annotate(self, doc: Document) -> Doc:
        """The spaCy ``Doc`` of ``doc`` with every ``Doc._.cw_*`` annotation set.

        Raises :class:`~conflictwatch.errors.OverBudget` when ``doc`` is over its budget (see the
        class), :class:`~conflictwatch.errors.ExtractError` when it cannot be extracted."""
        self.check_document(doc)
        lang = document_language(doc.text, doc.language)
        nlp = self.nlp(lang)
        try:
            with _deadline(self.time_budget, doc.key) as check:
                sdoc = nlp.make_doc(doc.text)
                check("the tokenizer")
                sdoc.user_data["cw_document"] = doc
                for name, proc in nlp.pipeline:
                    sdoc = proc(sdoc)
                    check(name)
        except _OutOfTime:  # the alarm rang as the work ended
            raise _over_time(doc.key, self.time_budget or 0, "its last step") from None
        return sdoc

    def extract(self, doc: Document) -> list[Event]:
        """The events ``doc`` describes ([] when none)."""
        events: list[Event] = self.annotate(doc)._.cw_events or []
        return events

    def classify(self, sentence: str, *, lang: str) -> tuple[str, str] | None:
        """(event_type, sub_event_type) of the event ``sentence`` reports, wherever it happened;
        None when it reports none (no trigger, or background, negated, hypothetical...)."""
        sdoc = self.annotate(Document.from_text(sentence, language=lang))
        if not sdoc._.cw_sentences or not sdoc._.cw_triggers:
            return None
        view = DocView(document=sdoc._.cw_document, lang=lang, text=sdoc._.cw_text, folded=sdoc._.cw_folded,
                       sentences=sdoc._.cw_sentences, triggers=sdoc._.cw_triggers, cues=sdoc._.cw_cues,
                       actors=sdoc._.cw_actors, places=sdoc._.cw_places, published=None,
                       structure=sdoc._.cw_structure)
        return classify_sentence(view, sdoc._.cw_sentences[0], registry=self.resources.registry, geo=self.resources,
                                 gazetteer=self.resources.gazetteer, weights=self.resources.weights)


class _OutOfTime(Exception):
    """Raised by the alarm of :func:`_deadline` in the middle of a component's work."""


def _over_time(key: str, seconds: float, where: str) -> OverBudget:
    return OverBudget(f"document {key} took over the per-document time budget of {seconds:g} s "
                      f"(stopped in {where}); it is left unextracted: split it into several documents, "
                      "or raise the budget (Extractor(time_budget=...))", article_id=key, limit="time")


@contextmanager
def _deadline(seconds: float | None, key: str) -> Iterator[Callable[[str], None]]:
    """A ``check(where)`` raising :class:`OverBudget` once ``seconds`` have passed; in the main
    thread, when nothing else uses ``SIGALRM``, an alarm also stops the work in progress."""
    if seconds is None:
        yield lambda where: None
        return
    end = time.monotonic() + seconds

    def check(where: str) -> None:
        if time.monotonic() > end:
            raise _over_time(key, seconds, where)

    alarm = (hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
             and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, None))
    if not alarm:
        yield check
        return

    armed = [True]

    def ring(signum: int, frame: object) -> None:
        if armed[0]:
            raise _OutOfTime

    signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield check
    except _OutOfTime:
        raise _over_time(key, seconds, "the middle of its work") from None
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)


def extract_many(docs: Iterable[Document], extractor: Extractor, *, n_process: int = 1,
                 **_: Any) -> Iterator[tuple[Document, list[Event]]]:
    """``(document, events)`` for each document, in order; ``n_process`` > 1 uses worker processes."""
    if n_process <= 1:
        for doc in docs:
            yield doc, extractor.extract(doc)
        return
    import multiprocessing as mp

    global _WORKER
    _WORKER = extractor
    ctx = mp.get_context("fork")
    with ctx.Pool(n_process) as pool:
        yield from pool.imap(_extract_in_worker, docs, chunksize=16)


_WORKER: Extractor | None = None


def _extract_in_worker(doc: Document) -> tuple[Document, list[Event]]:
    assert _WORKER is not None
    return doc, _WORKER.extract(doc)
