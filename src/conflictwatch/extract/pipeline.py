"""The extraction pipeline: a tokenizer-only spaCy pipeline with conflictwatch's components.

``nlp = build_pipeline(lang, resources)`` gives a pipeline whose ``nlp(text)`` returns a ``Doc``
with ``doc._.cw_events`` set; to pass a report's metadata, put its
:class:`~conflictwatch.records.Document` in ``doc.user_data["cw_document"]`` of a ``Doc`` from
``nlp.make_doc(text)`` and call ``nlp(doc)``.

Components, in order (each registered by name and version -- spaCy forbids dots in factory
names, so ``conflictwatch_trigger_matcher_v1`` rather than ``conflictwatch.trigger_matcher.v1`` --
declaring the ``Doc._`` extensions it sets and needs; see :mod:`conflictwatch.extract._extensions`;
``nlp.analyze_pipes()`` finds nothing unmet):

==================================  =====================================  ==========================
component                           assigns                                requires
==================================  =====================================  ==========================
conflictwatch_document_reader_v1    doc._.cw_document, cw_text, cw_lang,   --
                                    cw_folded
conflictwatch_sentence_breaks_v1    token.is_sent_start (lines, "Bilan")   --
sentencizer (spaCy)                 token.is_sent_start                    --
conflictwatch_structure_v1          doc._.cw_structure, cw_sentences       doc._.cw_document, cw_text,
                                                                           cw_lang
conflictwatch_trigger_matcher_v1    doc._.cw_triggers                      cw_text, cw_lang, cw_folded
conflictwatch_cue_tagger_v1         doc._.cw_cues                          cw_text, cw_triggers
conflictwatch_actor_ruler_v1        doc._.cw_actors                        cw_text, cw_triggers
conflictwatch_place_ruler_v1        doc._.cw_places, cw_geo_context,       cw_text, cw_triggers,
                                    cw_actors (drops those inside places)  cw_sentences, cw_actors,
                                                                           cw_structure
conflictwatch_event_builder_v1      doc._.cw_events                        all of the above
==================================  =====================================  ==========================

Components after the trigger matcher do nothing on a document without triggers, so most of the
cost is the tokenizer. No statistical model is loaded: rules and the gazetteer were measured to
do as well on the gold sets, at a fraction of the start-up time.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, cast

from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from conflictwatch.config import DEFAULT_COUNTRIES
from conflictwatch.extract._extensions import setup_extensions
from conflictwatch.extract._facts import DocView
from conflictwatch.extract.actors import ActorMention, ActorRegistry
from conflictwatch.extract.cues import CueLexicon
from conflictwatch.extract.events import build_events
from conflictwatch.extract.lang import (
    SUPPORTED_LANGUAGES,
    blank_pipeline,
    bound_tokenizer,
    document_language,
)
from conflictwatch.extract.places import (
    about_other_country,
    actor_regions,
    conflict_regions,
    drop_short_names_of_people,
    find_place_mentions,
    place_countries,
    regions_named_alike,
    resolve_mentions,
)
from conflictwatch.extract.scoring import Weights
from conflictwatch.extract.structure import read_structure, wrapped_line_breaks
from conflictwatch.extract.triggers import TriggerLexicon
from conflictwatch.geo import AdminArea, Gazetteer, GeoContext
from conflictwatch.records import Document
from conflictwatch.text import fold_aligned

__all__ = ["COMPONENTS", "Resources", "build_pipeline"]

#: The components of :func:`build_pipeline`, in order.
COMPONENTS: tuple[str, ...] = (
    "conflictwatch_document_reader_v1",
    "conflictwatch_sentence_breaks_v1",
    "sentencizer",
    "conflictwatch_structure_v1",
    "conflictwatch_trigger_matcher_v1",
    "conflictwatch_cue_tagger_v1",
    "conflictwatch_actor_ruler_v1",
    "conflictwatch_place_ruler_v1",
    "conflictwatch_event_builder_v1",
)


@dataclass(slots=True)
class Resources:
    """The reference data the components consult, with small caches over the gazetteer."""

    gazetteer: Gazetteer
    registry: ActorRegistry
    triggers: TriggerLexicon
    cues: CueLexicon
    weights: Weights = field(default_factory=Weights.load)
    #: The extractor id set on every event (``Event.extractor``; see ``extract.extractor_id``).
    extractor: str = "conflictwatch-rules"
    _points: dict[str, tuple[str, float, float] | None] = field(default_factory=dict)
    _areas: dict[str, AdminArea | None] = field(default_factory=dict)
    _conflict_areas: tuple[AdminArea, ...] | None = None

    def admin_area(self, name: str) -> AdminArea | None:
        """The admin area ``name`` names ("Niafunke" → the Niafunke cercle), cached."""
        if name not in self._areas:
            self._areas[name] = self.gazetteer.admin_area(name)
        return self._areas[name]

    def actor_areas(self, mentions: Sequence[ActorMention]) -> tuple[AdminArea, ...]:
        """The home regions (data/extract_actor_regions.csv) of the actors a report names."""
        out: dict[str, AdminArea] = {}
        regions = actor_regions()
        for m in mentions:
            country, names = regions.get(m.actor.id, ("", ()))
            if country not in self.gazetteer.countries:
                continue
            for name in names:
                key = f"{name} region"
                if key not in self._areas:
                    self._areas[key] = self.gazetteer.admin_area(key, country=country)
                area = self._areas[key]
                if area is not None:
                    out[area.code] = area
        return tuple(out.values())

    def conflict_areas(self) -> tuple[AdminArea, ...]:
        """The regions of the installed countries where their conflicts concentrate
        (data/geo_conflict_regions.csv): the last tie-break among namesake villages."""
        if self._conflict_areas is None:
            out: dict[str, AdminArea] = {}
            for country, names in conflict_regions().items():
                if country not in self.gazetteer.countries:
                    continue
                for name in names:
                    area = self.gazetteer.admin_area(f"{name} region", country=country)
                    if area is not None:
                        out[area.code] = area
            self._conflict_areas = tuple(out.values())
        return self._conflict_areas

    def area_point(self, area: AdminArea) -> tuple[str, float, float] | None:
        """Where to code an event known only by its area: a region's capital (precision 3), a
        cercle's own point (its GeoNames centroid, else its seat) at precision 2."""
        if area.code in self._points:
            return self._points[area.code]
        point: tuple[str, float, float] | None = None
        if area.level == 2:
            seat_id = area.code.rsplit(".", 1)[-1]
            for cand in self.gazetteer.lookup(f"{area.name} Cercle", fuzzy=False, limit=5):
                if str(cand.geonameid) == seat_id:
                    point = (area.name, cand.latitude, cand.longitude)
        if point is None and area.capital is not None:
            point = (area.capital.name, area.capital.latitude, area.capital.longitude)
        self._points[area.code] = point
        return point


class _Component:
    """Base of the components: holds the shared resources, bound after construction."""

    resources: Resources | None = None

    def bind(self, resources: Resources) -> None:
        self.resources = resources

    @property
    def res(self) -> Resources:
        if self.resources is None:
            raise RuntimeError(f"{type(self).__name__} has no resources: build the pipeline with build_pipeline()")
        return self.resources


#: SENT_START -1 (not a sentence start) as the uint64 arrays of ``Doc.to_array`` hold it
_NOT_START = 2**64 - 1


class SentenceBreaks:
    """Start a sentence after each line break and at a casualty line ("Bilan : ..."); a semicolon
    inside brackets ends no sentence ("à Gaberi (7 km de Rharous; région de Tombouctou)")."""

    def __call__(self, doc: Doc) -> Doc:
        depth = 0
        marks: dict[int, bool] = {}
        # a text that wraps its lines goes on across most of its line breaks
        inside = wrapped_line_breaks(doc.text)
        for i, tok in enumerate(doc):
            if i == 0:
                continue
            prev = doc[i - 1]
            breaks = ("\n" in prev.text or "\n" in prev.whitespace_) and not (
                inside and doc.text.rfind("\n", prev.idx, tok.idx) in inside)
            if breaks:
                depth = 0
            else:
                depth = max(0, depth + prev.text.count("(") - prev.text.count(")"))
            if breaks or tok.lower_ == "bilan" and i + 1 < len(doc) and doc[i + 1].text in (":", "-"):
                marks[i] = True
            elif depth and prev.text == ";":
                marks[i] = False
        if marks:
            # written at once: spaCy's Token.is_sent_start setter scans the whole Doc for a parse
            # on every call, a time quadratic in a long report's lines
            if doc.has_annotation("DEP"):
                doc[next(iter(marks))].is_sent_start = True  # raises spaCy's own error (E043)
            column = doc.to_array([SENT_START])
            for i, start in marks.items():
                column[i] = 1 if start else _NOT_START
            doc.from_array([SENT_START], cast(Any, column))  # uint64, whatever the stubs say
        return doc


class DocumentReader:
    """Set the report (``doc._.cw_document``: the :class:`~conflictwatch.records.Document` given in
    ``doc.user_data["cw_document"]``, else one made from the text), its text (``cw_text``), the
    processing language (``cw_lang``: the pipeline's own) and the folded text (``cw_folded``)."""

    def __call__(self, doc: Doc) -> Doc:
        # read once: spaCy's Doc.text joins the text of every token anew on each access
        text = doc.text
        doc._.cw_text = text
        given = doc.user_data.get("cw_document")
        document = given if isinstance(given, Document) else Document.from_text(text)
        doc._.cw_document = document
        lang = doc.lang_ if doc.lang_ in SUPPORTED_LANGUAGES else document_language(text, document.language)
        doc._.cw_lang = lang
        doc._.cw_folded = fold_aligned(text)
        return doc


#: The most tokens one sentence is read with; a longer one is read as pieces of this many.
MAX_SENTENCE_TOKENS = 250


class StructureReader:
    """The report's structure: sentences with their roles and paragraphs, its dateline (a
    "sentence" over :data:`MAX_SENTENCE_TOKENS` tokens is read in pieces)."""

    def __call__(self, doc: Doc) -> Doc:
        spans: list[tuple[int, int]] = []
        for sent in doc.sents:
            if len(sent) <= MAX_SENTENCE_TOKENS:
                spans.append((sent.start_char, sent.end_char))
                continue
            # no sentence is this long: a list, a table or junk without full stops. Read in pieces,
            # the work per sentence (each trigger weighed against the sentence's cues) stays bounded
            for i in range(sent.start, sent.end, MAX_SENTENCE_TOKENS):
                last = doc[min(i + MAX_SENTENCE_TOKENS, sent.end) - 1]
                spans.append((doc[i].idx, last.idx + len(last.text)))
        document = doc._.cw_document
        structure = read_structure(doc._.cw_text, spans, published=document.published, lang=doc._.cw_lang)
        doc._.cw_structure = structure
        doc._.cw_sentences = list(structure.sentences)
        return doc


class TriggerMatcher(_Component):
    def __call__(self, doc: Doc) -> Doc:
        doc._.cw_triggers = self.res.triggers.find(doc._.cw_text, lang=doc._.cw_lang, folded=doc._.cw_folded)
        return doc


class CueTagger(_Component):
    def __call__(self, doc: Doc) -> Doc:
        doc._.cw_cues = (self.res.cues.find(doc._.cw_text, lang=doc._.cw_lang, folded=doc._.cw_folded)
                         if doc._.cw_triggers else [])
        return doc


class ActorRuler(_Component):
    def __call__(self, doc: Doc) -> Doc:
        doc._.cw_actors = self.res.registry.find(doc._.cw_text, lang=doc._.cw_lang) if doc._.cw_triggers else []
        return doc


class PlaceRuler(_Component):
    def __call__(self, doc: Doc) -> Doc:
        if not doc._.cw_triggers:
            doc._.cw_places, doc._.cw_geo_context = [], None
            return doc
        text, lang = doc._.cw_text, doc._.cw_lang
        mentions = []
        structure = doc._.cw_structure
        for s in doc._.cw_sentences:
            mentions.extend(find_place_mentions(text, s.start, s.end, lang=lang))
        # the place of a dateline is where the story was filed, not where it happened
        mentions = [replace(m, role="report") if structure.in_dateline(m.start, m.end) else m for m in mentions]
        # a name the actor registry reads as a group or people ("between Fulani and Dogons") is no place
        actors = doc._.cw_actors or []
        in_actor = _Spans([(a.start, a.end) for a in actors])
        mentions = [m for m in mentions if m.role == "area" or not in_actor.cover(m.start, m.end)]
        mentions = regions_named_alike(mentions, self.res.gazetteer)
        named = tuple(place_countries(doc._.cw_folded))
        ctx = GeoContext(countries=tuple(dict.fromkeys([*named, *DEFAULT_COUNTRIES])),
                         focus=not about_other_country(doc._.cw_folded, list(named), DEFAULT_COUNTRIES[0]))
        doc._.cw_geo_context = resolve_mentions(mentions, self.res.gazetteer, ctx, named=named,
                                                actor_areas=self.res.actor_areas(doc._.cw_actors or ()),
                                                prior_areas=self.res.conflict_areas())
        mentions = drop_short_names_of_people(mentions)
        doc._.cw_places = mentions
        # a people's or group's name inside a longer place name the gazetteer knows ("Bambara" in
        # "Bambara-Maoude", "Peulh" in "Nouhoun-Peulh") names the place, not an actor
        known = _Spans([(m.start, m.end) for m in mentions if m.place is not None])
        doc._.cw_actors = [a for a in actors if not known.cover(a.start, a.end, strictly=True)]
        return doc


class _Spans:
    """Character spans, to ask in log time whether one of them covers a given span (the same
    answers as testing each span: a report with thousands of places and actors costs n log n)."""

    def __init__(self, spans: Sequence[tuple[int, int]]) -> None:
        ordered = sorted(spans)
        self.starts = [s for s, _ in ordered]
        self.ends = [e for _, e in ordered]
        self.max_end: list[int] = []  # the farthest end of the spans up to each, in start order
        for e in self.ends:
            self.max_end.append(max(e, self.max_end[-1]) if self.max_end else e)

    def cover(self, start: int, end: int, *, strictly: bool = False) -> bool:
        """Whether a span starts at or before ``start`` and ends at or after ``end`` (``strictly``:
        and is longer than ``start..end``, not the very same span)."""
        if not strictly:
            i = bisect_right(self.starts, start)
            return i > 0 and self.max_end[i - 1] >= end
        before = bisect_left(self.starts, start)
        if before > 0 and self.max_end[before - 1] >= end:
            return True
        same = bisect_right(self.starts, start)
        return any(e > end for e in self.ends[before:same])


class EventBuilder(_Component):
    def __call__(self, doc: Doc) -> Doc:
        if not doc._.cw_triggers:
            doc._.cw_events = []
            return doc
        document = doc._.cw_document
        structure = doc._.cw_structure
        view = DocView(document=document, lang=doc._.cw_lang, text=doc._.cw_text, folded=doc._.cw_folded,
                       sentences=doc._.cw_sentences, triggers=doc._.cw_triggers, cues=doc._.cw_cues,
                       actors=doc._.cw_actors, places=doc._.cw_places,
                       published=document.published or structure.anchor, extractor=self.res.extractor,
                       structure=structure)
        events = build_events(view, gazetteer=self.res.gazetteer, registry=self.res.registry,
                              geo=self.res, weights=self.res.weights)
        # every event says what produced it (Extractor.extractor_id)
        doc._.cw_events = [replace(e, extractor=self.res.extractor) for e in events]
        return doc


@Language.factory("conflictwatch_document_reader_v1",
                  assigns=["doc._.cw_document", "doc._.cw_text", "doc._.cw_lang", "doc._.cw_folded"])
def _make_document_reader(nlp: Language, name: str) -> DocumentReader:
    return DocumentReader()


@Language.factory("conflictwatch_sentence_breaks_v1", assigns=["token.is_sent_start"])
def _make_sentence_breaks(nlp: Language, name: str) -> SentenceBreaks:
    return SentenceBreaks()


@Language.factory("conflictwatch_structure_v1", assigns=["doc._.cw_structure", "doc._.cw_sentences"],
                  requires=["doc._.cw_document", "doc._.cw_text", "doc._.cw_lang", "token.is_sent_start"])
def _make_structure(nlp: Language, name: str) -> StructureReader:
    return StructureReader()


@Language.factory("conflictwatch_trigger_matcher_v1", assigns=["doc._.cw_triggers"],
                  requires=["doc._.cw_text", "doc._.cw_lang", "doc._.cw_folded"])
def _make_trigger_matcher(nlp: Language, name: str) -> TriggerMatcher:
    return TriggerMatcher()


@Language.factory("conflictwatch_cue_tagger_v1", assigns=["doc._.cw_cues"],
                  requires=["doc._.cw_text", "doc._.cw_triggers"])
def _make_cue_tagger(nlp: Language, name: str) -> CueTagger:
    return CueTagger()


@Language.factory("conflictwatch_actor_ruler_v1", assigns=["doc._.cw_actors"],
                  requires=["doc._.cw_text", "doc._.cw_triggers"])
def _make_actor_ruler(nlp: Language, name: str) -> ActorRuler:
    return ActorRuler()


@Language.factory("conflictwatch_place_ruler_v1", assigns=["doc._.cw_places", "doc._.cw_geo_context", "doc._.cw_actors"],
                  requires=["doc._.cw_text", "doc._.cw_triggers", "doc._.cw_sentences", "doc._.cw_actors",
                            "doc._.cw_structure"])
def _make_place_ruler(nlp: Language, name: str) -> PlaceRuler:
    return PlaceRuler()


@Language.factory("conflictwatch_event_builder_v1", assigns=["doc._.cw_events"],
                  requires=["doc._.cw_document", "doc._.cw_text", "doc._.cw_structure", "doc._.cw_triggers",
                            "doc._.cw_cues",
                            "doc._.cw_actors", "doc._.cw_places"])
def _make_event_builder(nlp: Language, name: str) -> EventBuilder:
    return EventBuilder()


def build_pipeline(lang: str, resources: Resources, *, nlp: Language | None = None,
                   cache_dir: Path | None = None) -> Language:
    """A pipeline for ``lang`` ("en" or "fr"): ``nlp`` plus the components.

    The default ``nlp`` is :func:`~conflictwatch.extract.lang.blank_pipeline`: spaCy's blank
    tokenizer for ``lang``, read from the tokenizer cache in ``cache_dir`` (none: built anew).
    A given ``nlp`` keeps its own components (a statistical model's parser or NER run first);
    the sentencizer is added only when it has no sentence boundaries of its own.
    """
    setup_extensions()
    # the tokenizer's suffix search looks at a chunk's end first: its work is linear in the text
    pipeline = bound_tokenizer(nlp if nlp is not None else blank_pipeline(lang, cache_dir=cache_dir))
    has_sents = any(n in pipeline.pipe_names for n in ("parser", "senter", "sentencizer"))
    first = pipeline.pipe_names[0] if pipeline.pipe_names else None
    pipeline.add_pipe("conflictwatch_document_reader_v1", name="cw_document", before=first)
    pipeline.add_pipe("conflictwatch_sentence_breaks_v1", name="cw_sentence_breaks", after="cw_document")
    if not has_sents:
        pipeline.add_pipe("sentencizer", config={"punct_chars": [".", "!", "?", ";", "…"]})
    pipeline.add_pipe("conflictwatch_structure_v1", name="cw_structure")
    for factory, name in (("conflictwatch_trigger_matcher_v1", "cw_triggers"),
                          ("conflictwatch_cue_tagger_v1", "cw_cues"),
                          ("conflictwatch_actor_ruler_v1", "cw_actors"),
                          ("conflictwatch_place_ruler_v1", "cw_places"),
                          ("conflictwatch_event_builder_v1", "cw_events")):
        component: Any = pipeline.add_pipe(factory, name=name)
        component.bind(resources)
    return pipeline
