"""Export and import of a learner's data: JSON (everything, mergeable), CSV and iCalendar."""

from tracker.services.exchange.export import ProgressExport
from tracker.services.exchange.merge import Conflict, ProgressImportReport
from tracker.services.exchange.progress_file import (
    FORMAT_NAME,
    FORMAT_VERSION,
    MAX_JSON_DEPTH,
    MAX_JSON_VALUES,
    MAX_PROGRESS_FILE_BYTES,
    ProgressFile,
    parse_progress_bytes,
)
from tracker.services.exchange.service import ExchangeService
from tracker.services.exchange.tables import spreadsheet_safe, to_csv

__all__ = [
    "FORMAT_NAME",
    "FORMAT_VERSION",
    "MAX_JSON_DEPTH",
    "MAX_JSON_VALUES",
    "MAX_PROGRESS_FILE_BYTES",
    "Conflict",
    "ExchangeService",
    "ProgressExport",
    "ProgressFile",
    "ProgressImportReport",
    "parse_progress_bytes",
    "spreadsheet_safe",
    "to_csv",
]
