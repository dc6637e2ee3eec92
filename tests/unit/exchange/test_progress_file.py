"""Export and import: JSON that merges without duplicates, CSV for spreadsheets, ICS to-dos."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from tests.helpers import database_snapshot
from tracker.cli import main
from tracker.domain.enums import ItemKind
from tracker.domain.study import MAX_NOTE_CHARS
from tracker.errors import InvalidInputError, TrackerError
from tracker.exchange import progress_file
from tracker.exchange.ical import fold
from tracker.locations import DATABASE_FILE
from tracker.services.records import MAX_NOTES_CHARS
from tracker.storage.models import Decision, OwnOffer, PrerequisiteState, Situation
from tracker.wiring import Services, Settings, open_services


def record_everything(services: Services) -> None:
    """Every kind of thing a learner records, through the services where they exist."""
    checklist, catalog = services.checklist, services.catalog
    checklist.set_done("flask", "html5", True)
    checklist.set_done("flask", "python-oop", True)
    checklist.set_confidence("flask", "python-oop", 2)
    checklist.set_evidence("flask", "python-oop", ["https://github.com/example/oop-kata"])
    catalog.set_status("flask", "flask-official-tutorial", "in-progress")
    catalog.set_status("flask", "flask-official-docs", "done")
    catalog.set_status("flask", "flask-books", "skipped")
    catalog.set_status("flask", "mdn-html", "planned")
    catalog.set_rating("flask", "flask-official-tutorial", 5)
    catalog.set_notes("flask", "flask-official-tutorial", "Stopped at blueprints; =SUM(A1)")
    own = catalog.add_own_resource(
        "flask",
        {
            "title": "Miguel's mega-tutorial",
            "kind": "tutorial",
            "url": "https://blog.miguelgrinberg.com/",
        },
    ).value
    catalog.set_status("flask", own, "in-progress")
    services.studylog.log("flask", 45, item_kind=ItemKind.RESOURCE, item_slug=own, note="ch. 1")
    services.studylog.log("flask", 45, item_kind=ItemKind.RESOURCE, item_slug=own, note="ch. 1")
    services.studylog.log("flask", 30, note="-rm -rf, just kidding", day=date(2026, 11, 2))
    # tables whose services live in other branches (situation, decision, offers, revisits)
    with services.store.transaction() as session:
        now = datetime(2026, 11, 20, 10, 0)
        session.add(
            Situation(
                profile_id=services.profile_id,
                hours_per_week=6,
                budget=500,
                currency="EUR",
                target_date=date(2027, 3, 1),
                goal="career-change",
                weights={"cost": 2.0},
                changed_at=now,
            )
        )
        session.add(
            OwnOffer(
                profile_id=services.profile_id,
                path_slug="flask",
                slug="own-evening-class",
                title="Evening class at the college",
                approach="structured-class",
                cost=300,
                url="https://example.org/class",
                created_at=now,
            )
        )
        session.add(
            Decision(
                profile_id=services.profile_id,
                path_slug="flask",
                option_slug="own-evening-class",
                ranking=[{"slug": "own-evening-class", "score": 0.8}],
                decided_at=now,
            )
        )
        state = session.get(
            PrerequisiteState,
            {
                "profile_id": services.profile_id,
                "path_slug": "flask",
                "prerequisite_slug": "python-oop",
            },
        )
        assert state is not None
        state.revisit_due = date(2026, 12, 1)


def fresh_services(tmp_path: Path, name: str) -> Services:
    return open_services(Settings.resolve(tmp_path / name))


def test_export_import_export_is_identical_on_another_machine(
    services: Services, tmp_path: Path
) -> None:
    record_everything(services)
    exported = services.exchange.export_text()
    data = json.loads(exported)
    assert data["format"] == "learning-path-tracker-progress" and data["format_version"] == 1
    assert data["situation"]["currency"] == "EUR"
    assert {p["resource"] for p in data["resource_progress"]} >= {"flask-official-tutorial"}
    assert len(data["study_sessions"]) == 3 and data["own_offers"][0]["slug"] == "own-evening-class"
    (tmp_path / "progress.json").write_text(exported, encoding="utf-8")

    other = fresh_services(tmp_path, "other-machine")
    try:
        report = other.exchange.import_file(tmp_path / "progress.json").value
        assert report.added["time-log entries"] == 3
        assert other.exchange.export_text() == exported
        # what the learner sees on the other machine
        checklist = other.checklist.checklist("flask")
        assert checklist.find("html5").done  # type: ignore[union-attr]
        assert other.catalog.resource("flask", "flask-official-tutorial").rating == 5
        assert other.studylog.total_minutes("flask") == 120
    finally:
        other.close()


def test_importing_the_same_file_twice_adds_nothing(services: Services, tmp_path: Path) -> None:
    record_everything(services)
    services.exchange.export_json(tmp_path / "progress.json")
    services.exchange.import_file(tmp_path / "progress.json")
    before = database_snapshot(services.settings.data_dir)
    before.pop("event")
    second = services.exchange.import_file(tmp_path / "progress.json").value
    assert not second.changed_anything
    after = database_snapshot(services.settings.data_dir)
    after.pop("event")  # only the "progress imported" entry is new
    assert after == before


def test_merging_keeps_the_newer_change_from_either_side(
    services: Services, tmp_path: Path
) -> None:
    services.catalog.set_notes("flask", "flask-official-docs", "old note")
    services.catalog.set_notes("flask", "flask-books", "will be changed on the laptop")
    services.exchange.export_json(tmp_path / "desktop.json")
    laptop = fresh_services(tmp_path, "laptop")
    try:
        laptop.exchange.import_file(tmp_path / "desktop.json")
        laptop.catalog.set_notes("flask", "flask-books", "changed on the laptop")
        laptop.studylog.log("flask", 20, note="on the train")
        laptop.exchange.export_json(tmp_path / "laptop.json")
    finally:
        laptop.close()
    services.catalog.set_notes("flask", "flask-official-docs", "newer on the desktop")
    report = services.exchange.import_file(tmp_path / "laptop.json").value
    assert report.updated == {"resource statuses": 1}
    assert services.catalog.resource("flask", "flask-books").notes == "changed on the laptop"
    assert services.catalog.resource("flask", "flask-official-docs").notes == "newer on the desktop"
    assert [e.note for e in services.studylog.entries("flask")] == ["on the train"]


def test_csv_opens_in_a_spreadsheet_without_running_formulas(
    services: Services, tmp_path: Path
) -> None:
    record_everything(services)
    catalog_file, time_log_file = services.exchange.export_csv(tmp_path / "progress.csv")
    raw = catalog_file.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for LibreOffice and Excel
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    tutorial = next(r for r in rows if r["slug"] == "flask-official-tutorial")
    assert tutorial["status"] == "in-progress" and tutorial["rating"] == "5"
    assert tutorial["notes"] == "Stopped at blueprints; =SUM(A1)"  # not at the start: unchanged
    own = next(r for r in rows if r["own"] == "yes")
    assert own["minutes"] == "90"
    log = list(csv.DictReader(io.StringIO(time_log_file.read_text("utf-8-sig"), newline="")))
    assert len(log) == 3
    kidding = next(r for r in log if r["minutes"] == "30")
    assert kidding["note"] == "'-rm -rf, just kidding"  # starts with '-': escaped
    assert all(not cell.startswith(("=", "+", "-", "@")) for r in rows + log for cell in r.values())


def test_ics_todos_parse_with_icalendar_and_map_statuses(
    services: Services, tmp_path: Path
) -> None:
    record_everything(services)
    count = services.exchange.export_ics(
        tmp_path / "plan.ics", due_dates={("resource", "flask", "mdn-html"): date(2026, 12, 24)}
    )
    raw = (tmp_path / "plan.ics").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    todos = {str(t["UID"]): t for t in calendar.walk("VTODO")}
    assert len(todos) == count == 6
    status = {uid.split("@")[0]: str(t["STATUS"]) for uid, t in todos.items()}
    assert status["resource-flask-flask-official-tutorial"] == "IN-PROCESS"
    assert status["resource-flask-flask-official-docs"] == "COMPLETED"
    assert status["resource-flask-flask-books"] == "CANCELLED"
    assert status["resource-flask-mdn-html"] == "NEEDS-ACTION"
    planned = todos["resource-flask-mdn-html@learning-path-tracker"]
    assert planned["DUE"].dt == date(2026, 12, 24)
    assert "DUE" not in todos["resource-flask-flask-official-docs@learning-path-tracker"]
    revisit = todos["revisit-flask-python-oop@learning-path-tracker"]
    assert revisit["DUE"].dt == date(2026, 12, 1) and str(revisit["SUMMARY"]).startswith("Revisit")
    notes = todos["resource-flask-flask-official-tutorial@learning-path-tracker"]
    assert str(notes["DESCRIPTION"]) == "Stopped at blueprints; =SUM(A1)"


def test_ics_folding_never_splits_a_character() -> None:
    line = "SUMMARY:" + "Übung macht den Meister, Flask-Blueprints 🚀 " * 6
    folded = fold(line).encode("utf-8").split(b"\r\n")
    assert all(len(part) <= 75 for part in folded)
    assert b"".join(part[1:] if i else part for i, part in enumerate(folded)).decode() == line


@pytest.mark.usefixtures("qapp")  # the PDF export needs one; a QApplication, as the app's
def test_cli_export_and_import_progress(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "check", "html5"]) == 0
    out_file = tmp_path / "me.json"
    assert (
        main(["--data-dir", str(data_dir), "export", "--format", "json", "-o", str(out_file)]) == 0
    )
    other = tmp_path / "other"
    assert main(["--data-dir", str(other), "import-progress", str(out_file)]) == 0
    assert "Added: 1 skill state," in capsys.readouterr().out
    for fmt in ("csv", "ics", "pdf"):
        target = tmp_path / f"me.{fmt}"
        assert main(["--data-dir", str(other), "export", "--format", fmt, "-o", str(target)]) == 0
        assert target.stat().st_size > 0
    assert (tmp_path / "me.pdf").read_bytes().startswith(b"%PDF-")


def test_a_bad_progress_file_is_refused_with_a_located_message(
    services: Services, tmp_path: Path
) -> None:
    before = database_snapshot(services.settings.data_dir)
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "learning-path-tracker-progress",\n "format_version": 1,,}')
    with pytest.raises(InvalidInputError, match=r"bad.json:2:\d+: not valid JSON"):
        services.exchange.import_file(bad)
    bad.write_text(json.dumps({"format": "learning-path-tracker-progress", "format_version": 7}))
    with pytest.raises(InvalidInputError, match="format 7; this version reads format 1"):
        services.exchange.import_file(bad)
    assert database_snapshot(services.settings.data_dir) == before


def test_importing_progress_is_backed_up_first(services: Services, tmp_path: Path) -> None:
    services.checklist.set_done("flask", "html5", True)
    services.exchange.export_json(tmp_path / "progress.json")
    services.exchange.import_file(tmp_path / "progress.json")
    before_import = [b for b in services.backups.backups() if b.reason == "before-progress-import"]
    assert len(before_import) == 1


def test_ics_plan_items_are_due_by_the_target_date(
    services: Services, tmp_path: Path, data_dir: Path
) -> None:
    today = date.today()
    services.catalog.set_status("flask", "flask-official-tutorial", "in-progress")
    services.catalog.set_status("flask", "flask-quickstart", "planned")
    services.catalog.set_status("flask", "mdn-html", "done")
    without_plan = tmp_path / "no-plan.ics"
    assert (
        main(["--data-dir", str(data_dir), "export", "--format", "ics", "-o", str(without_plan)])
        == 0
    )
    todos = icalendar.Calendar.from_ical(without_plan.read_bytes()).walk("VTODO")
    assert todos and not any("DUE" in todo for todo in todos)

    target = today + timedelta(days=60)
    services.plan.set_plan(None, target)
    planned = tmp_path / "plan.ics"
    assert main(["--data-dir", str(data_dir), "export", "--format", "ics", "-o", str(planned)]) == 0
    by_uid = {
        str(todo["UID"]).split("@")[0]: todo
        for todo in icalendar.Calendar.from_ical(planned.read_bytes()).walk("VTODO")
    }
    tutorial = by_uid["resource-flask-flask-official-tutorial"].decoded("DUE")
    quickstart = by_uid["resource-flask-flask-quickstart"].decoded("DUE")
    assert today <= tutorial <= quickstart <= target  # in progress first, all by the target
    assert "DUE" not in by_uid["resource-flask-mdn-html"]  # done: nothing left to schedule


# --- heavy note-takers: a typing session is one change, and every export imports --------------

LONG_NOTE = "".join(
    f'{i:05d} "quoted" back\\slash, tab\t, café 🚀, bell \x07\n' for i in range(900)
)[:36_000]


def notes_events(services: Services, slug: str) -> list[tuple[object, object]]:
    return [
        (e.old, e.new)
        for e in services.progress.recent_events(limit=10_000)
        if e.action == "resource.notes" and e.item_slug == slug
    ]


def test_a_typing_session_is_one_change_in_the_log(services: Services, data_dir: Path) -> None:
    services.catalog.set_notes("flask", "flask-books", "before")
    services.catalog.set_rating("flask", "flask-books", 3)  # something else in between
    for length in range(0, 2000, 50):  # saved while typing, as the notes field does
        services.catalog.set_notes("flask", "flask-books", "before" + LONG_NOTE[:length])
    assert notes_events(services, "flask-books") == [
        ("before", "before" + LONG_NOTE[:1950]),
        ("", "before"),
    ]
    services.catalog.set_notes("flask", "flask-books", "before")  # typed, then all erased
    assert notes_events(services, "flask-books") == [("", "before")]
    # a save minutes after the last one starts a new change
    with sqlite3.connect(data_dir / DATABASE_FILE) as connection:
        connection.execute("UPDATE event SET at = datetime(at, '-10 minutes')")
    services.catalog.set_notes("flask", "flask-books", "before and after")
    services.catalog.set_notes("flask", "flask-books", "before and after, later")
    assert notes_events(services, "flask-books")[0] == ("before", "before and after, later")


def test_a_long_note_saved_800_times_while_typing_moves_to_another_machine(
    services: Services, tmp_path: Path
) -> None:
    for save in range(1, 801):
        services.catalog.set_notes("flask", "flask-books", LONG_NOTE[: save * 45])
    file = tmp_path / "heavy.json"
    services.exchange.export_json(file)
    other = fresh_services(tmp_path, "other-machine")
    try:
        other.exchange.import_file(file)
        assert other.catalog.resource("flask", "flask-books").notes == LONG_NOTE
        assert other.exchange.export_text() == file.read_text(encoding="utf-8")
    finally:
        other.close()


def test_an_export_at_the_limits_imports(services: Services, tmp_path: Path) -> None:
    """The longest notes, many items with them, and a long history: the file imports whole."""
    note = (LONG_NOTE * 3)[:MAX_NOTES_CHARS]
    for index in range(110):
        slug = services.catalog.add_own_resource(
            "flask", {"title": f"Own {index}", "kind": "article"}
        ).value
        services.catalog.set_notes("flask", slug, f"{index} {note}"[:MAX_NOTES_CHARS])
        services.catalog.set_status("flask", slug, "done")
    for index in range(300):
        services.checklist.set_done("flask", "html5", index % 2 == 0)
        services.studylog.log("flask", 1 + index % 90, note=note[:MAX_NOTE_CHARS])
    services.checklist.set_evidence(
        "flask", "html5", [f"https://example.org/{'x' * 1900}/{i}" for i in range(20)]
    )
    file = tmp_path / "limits.json"
    services.exchange.export_json(file)
    assert file.stat().st_size > 20 * 1024 * 1024  # more than the importer used to take
    other = fresh_services(tmp_path, "other-machine")
    try:
        report = other.exchange.import_file(file).value
        assert report.added["own resources"] == 110
        assert other.exchange.export_text() == file.read_text(encoding="utf-8")
    finally:
        other.close()


def test_the_exporter_writes_nothing_the_importer_would_refuse(
    services: Services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.catalog.set_notes("flask", "flask-books", LONG_NOTE)
    monkeypatch.setattr(progress_file, "MAX_PROGRESS_FILE_BYTES", 20_000)
    folder = tmp_path / "exports"
    folder.mkdir()
    with pytest.raises(TrackerError, match="No progress file was written") as caught:
        services.exchange.export_json(folder / "too-big.json")
    assert "limited to 20,000" in str(caught.value)
    assert list(folder.iterdir()) == []
