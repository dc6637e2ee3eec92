"""Writing an export: the one formula-safe CSV writer and the one way a file is saved."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from tracker.errors import StorageError
from tracker.storage.files import write_atomically

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV table (CRLF line ends, RFC 4180), every cell through ``spreadsheet_safe``."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([spreadsheet_safe(name) for name in header])
    for row in rows:
        writer.writerow([spreadsheet_safe(cell) for cell in row])
    return buffer.getvalue()


def csv_records(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """A CSV table of ``columns`` from mappings (one per row)."""
    return csv_text(columns, ([row[name] for name in columns] for row in rows))


def save(file: Path, data: bytes) -> None:
    """Write ``data`` as ``file``, whole or not at all; a failure is a StorageError in words."""
    try:
        write_atomically(file, data)
    except OSError as exc:
        reason = "its folder cannot be written" if isinstance(exc, FileNotFoundError) else None
        raise StorageError(
            f"{file} could not be written ({reason or exc.strerror or exc})."
        ) from None


def save_text(file: Path, text: str, *, bom: bool = False) -> None:
    """Write ``text`` as UTF-8 (with a byte-order mark for spreadsheets when ``bom``)."""
    save(file, (("\ufeff" if bom else "") + text).encode("utf-8"))
