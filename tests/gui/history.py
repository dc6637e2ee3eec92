"""A seeded study history of several months, for chart tests and screenshots.

Rows are appended as they would have been written on past days (study sessions, states and
their events with past timestamps); nothing existing is updated.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from tracker.storage.models import Event, PrerequisiteState, ResourceProgress, StudySession
from tracker.wiring import Services

# (days before today, prerequisite slug) ticked done; a few skills are still to learn.
SKILLS_DONE = (
    (150, "python-oop"),
    (135, "python-decorators"),
    (120, "html5"),
    (104, "css3"),
    (88, "http-protocol"),
    (60, "python-packaging"),
    (40, "database-concepts"),
    (26, "javascript-basics"),
    (12, "rest-api-design"),
)
# (days before today, resource slug, status).
RESOURCES = (
    (150, "python-tutorial-classes", "done"),
    (134, "pep-318-decorators", "done"),
    (104, "mdn-html", "done"),
    (90, "mdn-http", "done"),
    (59, "python-packaging-guide", "done"),
    (20, "flask-quickstart", "in-progress"),
    (10, "flask-quickstart", "done"),
    (5, "missing-semester-shell", "planned"),
)
NOTES = ("", "exercises", "", "read the chapter again", "", "small project", "")
PAUSE = range(70, 88)  # days before today with no study: a holiday of two and a half weeks


def study_minutes(days_ago: int) -> int:
    """A realistic, deterministic pattern: most weekdays, longer weekends, a pause."""
    if days_ago in PAUSE or days_ago > 160:
        return 0
    pattern = (45, 30, 0, 60, 25, 90, 0, 40, 35, 0, 75, 20, 120, 0, 50)
    return pattern[days_ago % len(pattern)]


def seed_history(services: Services, today: date) -> None:
    """Five months of study on the Flask path, ending ``today``."""
    services.plan.set_plan(5, today + timedelta(days=70))
    profile = services.profile_id
    items = {item.slug: item for item in services.studylog.study_items("flask")}
    prerequisites = [s for s, i in items.items() if i.kind == "prerequisite"]

    def at(days_ago: int, hour: int = 19) -> datetime:
        return datetime.combine(today - timedelta(days=days_ago), time(hour, 30))

    with services.store.transaction() as session:
        for days_ago in range(160, -1, -1):
            minutes = study_minutes(days_ago)
            if minutes:
                slug = prerequisites[days_ago % len(prerequisites)]
                session.add(
                    StudySession(
                        profile_id=profile,
                        path_slug="flask",
                        item_kind="prerequisite",
                        item_slug=slug,
                        day=today - timedelta(days=days_ago),
                        started_at=at(days_ago, 18),
                        minutes=minutes,
                        note=NOTES[days_ago % len(NOTES)],
                    )
                )
        for days_ago, slug in SKILLS_DONE:
            session.add(
                PrerequisiteState(
                    profile_id=profile,
                    path_slug="flask",
                    prerequisite_slug=slug,
                    done=True,
                    changed_at=at(days_ago),
                    confidence=None,
                    evidence=[],
                    revisit_step=0,
                )
            )
            session.add(
                Event(
                    profile_id=profile,
                    at=at(days_ago),
                    path_slug="flask",
                    action="prerequisite.done",
                    item_kind="prerequisite",
                    item_slug=slug,
                    field="done",
                    old=False,
                    new=True,
                )
            )
        latest: dict[str, str] = {}
        for days_ago, slug, status in RESOURCES:
            session.add(
                Event(
                    profile_id=profile,
                    at=at(days_ago, 20),
                    path_slug="flask",
                    action="resource.status",
                    item_kind="resource",
                    item_slug=slug,
                    field="status",
                    old=latest.get(slug),
                    new=status,
                )
            )
            latest[slug] = status
        for slug, status in latest.items():
            session.add(
                ResourceProgress(
                    profile_id=profile,
                    path_slug="flask",
                    resource_slug=slug,
                    status=status,
                    rating=None,
                    notes="",
                    changed_at=at(0),
                )
            )
    services.checklist.set_confidence("flask", "css3", 2)
    services.checklist.set_confidence("flask", "http-protocol", 3)


def make_revisit_due(services: Services, slug: str, due: date) -> None:
    """Move a scheduled revisit to ``due`` (as if the skill had been rated days ago)."""
    with services.store.transaction() as session:
        state = session.get(
            PrerequisiteState,
            {"profile_id": services.profile_id, "path_slug": "flask", "prerequisite_slug": slug},
        )
        assert state is not None and state.revisit_due is not None, f"{slug} has no revisit"
        state.revisit_due = due
