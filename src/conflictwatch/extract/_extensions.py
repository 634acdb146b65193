"""Every ``Doc._`` extension the extraction components use, registered by one explicit call.

Nothing is registered at import time: :func:`setup_extensions` does it (idempotently), and
:func:`conflictwatch.extract.pipeline.build_pipeline` calls it before adding the components.
"""

from __future__ import annotations

from spacy.tokens import Doc

__all__ = ["EXTENSIONS", "setup_extensions"]

#: name -> what it holds (the components declare which of these they set and need)
EXTENSIONS: dict[str, str] = {
    "cw_document": "the Document being processed (records.Document)",
    "cw_text": "doc.text, read once (spaCy's Doc.text joins every token's text on each access)",
    "cw_lang": 'the processing language, "en" or "fr"',
    "cw_folded": "the text lower-cased without accents, offsets aligned with cw_text",
    "cw_structure": "the report's structure: sentence roles, dateline (extract.structure.Structure)",
    "cw_sentences": "the sentences (extract.structure.Sentence: span, paragraph, role)",
    "cw_triggers": "trigger matches (extract.triggers.TriggerMatch), in text order",
    "cw_cues": "context cue matches (extract.cues.CueMatch), in text order",
    "cw_actors": "actor mentions found by the actor registry",
    "cw_places": "place mentions (extract.places.PlaceMention), resolved against the gazetteer",
    "cw_geo_context": "the report's geographic context (geo.GeoContext)",
    "cw_events": "the events the document describes (records.Event)",
}


def setup_extensions() -> None:
    """Register the ``Doc._`` extensions listed in :data:`EXTENSIONS` (safe to call twice)."""
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
