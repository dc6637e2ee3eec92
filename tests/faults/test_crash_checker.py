"""The crash test's checker finds a lost acknowledged change, and only a real one."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.faults import crashing
from tests.faults.crash_worker import perform
from tracker.locations import DATABASE_FILE
from tracker.wiring import Services

# A worker's journal: every change acknowledged. The unticks, the cleared rating, notes and
# status touch items nobody changed before: they leave no row, or a row with the defaults.
JOURNAL = """\
READY
BEGIN note flask-quickstart n0 0
ACK 0
BEGIN rating flask-official-tutorial 4 1
ACK 1
BEGIN status mdn-css in-progress 2
ACK 2
BEGIN tick html5 1 3
ACK 3
BEGIN log s4 30 4
ACK 4
BEGIN tick css3 0 5
ACK 5
BEGIN rating mdn-html - 6
ACK 6
BEGIN note flask-books - 7
ACK 7
BEGIN status flask-books - 8
ACK 8
BEGIN tick html5 0 9
ACK 9
BEGIN tick html5 1 10
ACK 10
BEGIN backup - - 11
ACK 11
"""

# How to take one acknowledged change back out of the database, as a lost write would.
REMOVALS = {
    "note": (
        0,
        "UPDATE resource_progress SET notes = '' WHERE resource_slug = 'flask-quickstart'",
    ),
    "rating": (
        1,
        "UPDATE resource_progress SET rating = NULL "
        "WHERE resource_slug = 'flask-official-tutorial'",
    ),
    "status": (2, "DELETE FROM resource_progress WHERE resource_slug = 'mdn-css'"),
    "tick": (10, "UPDATE prerequisite_state SET done = 0 WHERE prerequisite_slug = 'html5'"),
    "log": (4, "DELETE FROM study_session WHERE note = 's4'"),
}


def _apply(services: Services, journal: crashing.Journal) -> None:
    for change in journal.acknowledged:
        perform(services, change.op, change.key, change.value)


def _execute(data_dir: Path, statement: str) -> None:
    connection = sqlite3.connect(data_dir / DATABASE_FILE)
    try:
        with connection:
            assert connection.execute(statement).rowcount == 1
    finally:
        connection.close()


def test_every_acknowledged_change_in_place_reports_nothing(
    services: Services, data_dir: Path
) -> None:
    journal = crashing.parse_journal(JOURNAL.splitlines())
    _apply(services, journal)
    state = crashing.read_state(data_dir)
    assert ("tick", "css3") not in state.rows  # never ticked: no row at all

    verdict = crashing.verify(journal.acknowledged, None, state)

    assert verdict.problems == []
    assert {change.seq for change in verdict.checked} == {0, 1, 2, 4, 5, 6, 7, 8, 10}


@pytest.mark.parametrize("op", sorted(REMOVALS))
def test_one_acknowledged_change_removed_is_reported_alone(
    services: Services, data_dir: Path, op: str
) -> None:
    journal = crashing.parse_journal(JOURNAL.splitlines())
    _apply(services, journal)
    seq, removal = REMOVALS[op]
    _execute(data_dir, removal)

    verdict = crashing.verify(journal.acknowledged, None, crashing.read_state(data_dir))

    assert [(problem.kind, problem.change) for problem in verdict.problems] == [
        ("lost", journal.acknowledged[seq])
    ]


def test_a_change_in_flight_may_or_may_not_be_stored(services: Services, data_dir: Path) -> None:
    journal = crashing.parse_journal([*JOURNAL.splitlines(), "BEGIN note flask-quickstart n12 12"])
    assert journal.in_flight == crashing.Change("note", "flask-quickstart", "n12", 12)
    _apply(services, journal)
    assert not crashing.verify(
        journal.acknowledged, journal.in_flight, crashing.read_state(data_dir)
    ).problems
    perform(services, "note", "flask-quickstart", "n12")
    stored = crashing.read_state(data_dir)
    assert not crashing.verify(journal.acknowledged, journal.in_flight, stored).problems


def test_a_change_nobody_began_is_reported(services: Services, data_dir: Path) -> None:
    journal = crashing.parse_journal(JOURNAL.splitlines())
    _apply(services, journal)
    services.catalog.set_notes("flask", "mdn-html", "typed by nobody")
    services.studylog.log("flask", 5, note="s99")

    verdict = crashing.verify(journal.acknowledged, None, crashing.read_state(data_dir))

    assert sorted(str(problem) for problem in verdict.problems) == [
        "unexpected: log s99: stored, never begun",
        "unexpected: note mdn-html: stored 'typed by nobody', never begun",
    ]
