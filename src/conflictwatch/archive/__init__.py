"""The archive stage: years of reports extracted on a Dask cluster.

:func:`run_archive` cuts JSONL, Parquet and WARC archives into units
(:func:`plan_units`), extracts each unit on a Dask worker that built its extractor once
(:class:`ExtractorPlugin`), and writes partitioned Parquet (from the workers) or the store (from
the driver); units already done are skipped, so a stopped run starts again where it stopped.
``conflictwatch archive`` is the command.
"""

from conflictwatch.archive._read import (
    DEFAULT_BLOCK,
    KINDS,
    Unit,
    archive_kind,
    plan_units,
    unit_documents,
)
from conflictwatch.archive._run import (
    PLUGIN_NAME,
    ArchiveReport,
    ExtractorPlugin,
    UnitResult,
    extract_unit,
    marker_path,
    run_archive,
)

__all__ = ["DEFAULT_BLOCK", "KINDS", "PLUGIN_NAME", "ArchiveReport", "ExtractorPlugin", "Unit", "UnitResult",
           "archive_kind", "extract_unit", "marker_path", "plan_units", "run_archive", "unit_documents"]
