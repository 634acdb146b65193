"""The extract stage: reports in, ACLED-coded events out, each field traced to its sentence.

``Extractor(gazetteer).extract(document)`` runs a tokenizer-only spaCy pipeline with rule
components (triggers, context cues, actors, places, event builder; see
:mod:`conflictwatch.extract.pipeline`) and returns :class:`~conflictwatch.records.Event` records,
each with ``extractor`` set to :func:`extractor_id` (package version + data + gazetteer).
"""

from conflictwatch.extract._extractor import (
    EXTRACTOR_NAME,
    Extractor,
    data_fingerprint,
    extract_many,
    extractor_id,
)
from conflictwatch.extract._parallel import (
    ExtractorSpec,
    Outcome,
    default_workers,
    extract_parallel,
    worker_count,
)
from conflictwatch.extract.lang import detect_language, document_language

__all__ = ["EXTRACTOR_NAME", "Extractor", "ExtractorSpec", "Outcome", "data_fingerprint", "default_workers",
           "detect_language", "document_language", "extract_many", "extract_parallel", "extractor_id",
           "worker_count"]
