"""The extract stage: reports in, ACLED-coded events out, each field traced to its sentence.

``Extractor(gazetteer).extract(document)`` runs a tokenizer-only spaCy pipeline with rule
components (triggers, context cues, actors, places, event builder; see
:mod:`conflictwatch.extract.pipeline`) and returns :class:`~conflictwatch.records.Event` records.
"""

from conflictwatch.extract._extractor import EXTRACTOR_NAME, Extractor, extract_many
from conflictwatch.extract.lang import detect_language, document_language

__all__ = ["EXTRACTOR_NAME", "Extractor", "detect_language", "document_language", "extract_many"]
