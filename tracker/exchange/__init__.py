"""A learner's data in and out as files: the progress file (JSON, merged on import),
spreadsheets (CSV), the calendar (iCalendar), the comparison (CSV, Markdown) and the PDF report.

``export`` is the one way any of them is written; ``ExchangeService`` reads and merges.
"""

from tracker.exchange.exporting import Exported, Format, export
from tracker.exchange.files import csv_text, spreadsheet_safe
from tracker.exchange.merge import Conflict, ProgressImportReport
from tracker.exchange.progress_export import ProgressExport
from tracker.exchange.progress_file import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_JSON_DEPTH,
    MAX_JSON_VALUES,
    MAX_PROGRESS_FILE_BYTES,
    ProgressFile,
    parse_progress_bytes,
)
from tracker.exchange.service import ExchangeService

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_JSON_DEPTH",
    "MAX_JSON_VALUES",
    "MAX_PROGRESS_FILE_BYTES",
    "Conflict",
    "ExchangeService",
    "Exported",
    "Format",
    "ProgressExport",
    "ProgressFile",
    "ProgressImportReport",
    "csv_text",
    "export",
    "parse_progress_bytes",
    "spreadsheet_safe",
]
