"""The one way out: ``export(services, format, file)`` writes any export, for the CLI and the GUI.

Each format is written whole or not at all (``files.save``); every CSV goes through the one
formula-safe writer. The PDF is laid out by :mod:`tracker.exchange.pdf`, imported only when a
PDF is asked for, so nothing else here loads Qt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from tracker import formatting
from tracker.errors import InvalidInputError
from tracker.exchange.comparison import comparison_csv, comparison_markdown, selected
from tracker.exchange.files import save, save_text
from tracker.wording import QT_TRANSLATE_NOOP, say

if TYPE_CHECKING:
    from tracker.services.bundle import Services

CHOOSE_A_PATH = QT_TRANSLATE_NOOP("Export", "Choose the learning path to export first.")
EXPORTED_PROGRESS = QT_TRANSLATE_NOOP("Export", "Exported your progress to {file}.")
EXPORTED_FILE = QT_TRANSLATE_NOOP("Export", "Exported {file}.")
EXPORTED_FILES = QT_TRANSLATE_NOOP("Export", "Exported {files} and {last}.")
EXPORTED_TODOS = QT_TRANSLATE_NOOP("Export", "Exported {todos} to {file}.")
WROTE_REPORT = QT_TRANSLATE_NOOP("Export", "Wrote the progress report ({pages}) to {file}.")
EXPORTED_COMPARISON = QT_TRANSLATE_NOOP("Export", "Exported the comparison to {file}.")


class Format(StrEnum):
    """What can be exported, by the name the CLI's ``--format`` takes."""

    PROGRESS = "json"
    SPREADSHEETS = "csv"
    CALENDAR = "ics"
    REPORT = "pdf"
    COMPARISON_CSV = "comparison-csv"
    COMPARISON_MARKDOWN = "comparison-md"

    @property
    def suffix(self) -> str:
        """The file suffix a file of this format usually has."""
        return {Format.COMPARISON_CSV: ".csv", Format.COMPARISON_MARKDOWN: ".md"}.get(
            self, f".{self.value}"
        )

    @property
    def needs_path(self) -> bool:
        """Whether it is about one learning path (the report and the comparison are)."""
        return self in (Format.REPORT, Format.COMPARISON_CSV, Format.COMPARISON_MARKDOWN)


@dataclass(frozen=True)
class Exported:
    """What an export wrote, and what to tell the learner about it."""

    files: tuple[Path, ...]
    message: str
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        return [self.message, *self.notes]


def export(
    services: Services,
    fmt: Format | str,
    file: Path,
    *,
    path_slug: str | None = None,
    slugs: Sequence[str] | None = None,
) -> Exported:
    """Write the export ``fmt`` to ``file`` (the CSV's time log goes beside it).

    ``path_slug`` names the learning path of the report and the comparison; ``slugs`` limits
    the comparison to these options. A file that cannot be written raises StorageError and
    leaves whatever was there before.
    """
    fmt = Format(fmt)
    if fmt.needs_path and not path_slug:
        raise InvalidInputError(say(CHOOSE_A_PATH))
    exchange = services.exchange
    if fmt is Format.PROGRESS:
        notes = exchange.export_json(file)  # what could not be read and was left out
        return Exported((file,), say(EXPORTED_PROGRESS, file=file), tuple(notes))
    if fmt is Format.SPREADSHEETS:
        written = tuple(exchange.export_csv(file))
        names = [str(path) for path in written]
        if len(names) == 1:
            return Exported(written, say(EXPORTED_FILE, file=names[0]))
        return Exported(written, say(EXPORTED_FILES, files=", ".join(names[:-1]), last=names[-1]))
    if fmt is Format.CALENDAR:
        paths = [path.slug for path in services.packs.paths()]
        count = exchange.export_ics(file, services.plan.calendar_due_dates(paths))
        todos = formatting.counted(count, "to-do")
        return Exported((file,), say(EXPORTED_TODOS, todos=todos, file=file))
    assert path_slug is not None
    if fmt is Format.REPORT:
        from tracker.exchange.pdf import progress_report_pdf

        data, pages = progress_report_pdf(services, path_slug)
        save(file, data)
        pages_text = formatting.counted(pages, "page")
        return Exported((file,), say(WROTE_REPORT, pages=pages_text, file=file))
    recommendation = services.choosing.rank(path_slug)
    chosen = selected(recommendation, path_slug, slugs)
    text = (
        comparison_csv(chosen)
        if fmt is Format.COMPARISON_CSV
        else comparison_markdown(recommendation, chosen)
    )
    save_text(file, text)
    return Exported((file,), say(EXPORTED_COMPARISON, file=file))
