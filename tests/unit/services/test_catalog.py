"""The catalog service: a learner's status, rating and notes, and their own resources."""

from __future__ import annotations

import pytest

from tracker.errors import InvalidInputError, NotFoundError
from tracker.services.owned import free_slug, slugify
from tracker.wiring import Services


def test_own_resources_join_the_catalog(services: Services) -> None:
    slug = services.catalog.add_own_resource(
        "flask",
        {
            "title": "Corey Schafer's Flask series",
            "kind": "video",
            "url": "https://www.youtube.com/",
            "tags": ["video"],
        },
    ).value
    assert slug == "own-corey-schafer-s-flask-series"
    services.catalog.set_status("flask", slug, "planned")
    own = [r for r in services.catalog.resources("flask") if r.own]
    assert [(r.slug, r.kind, r.status) for r in own] == [(slug, "video", "planned")]
    second = services.catalog.add_own_resource(
        "flask", {"title": "Corey Schafer's Flask series"}
    ).value
    assert second == slug + "-2"


def test_own_resources_are_edited_and_removed_with_a_log_entry_each(services: Services) -> None:
    slug = services.catalog.add_own_resource("flask", {"title": "My talk", "kind": "video"}).value
    old = services.catalog.update_own_resource(
        "flask", slug, {"title": "My talk", "kind": "video", "cost": 12.5}
    ).value
    assert old["cost"] is None
    assert services.catalog.resource("flask", slug).cost == 12.5
    removed = services.catalog.delete_own_resource("flask", slug).value
    assert removed["title"] == "My talk" and removed["cost"] == 12.5
    assert slug not in {r.slug for r in services.catalog.resources("flask")}
    events = services.progress.recent_events(path_slug="flask")
    assert [(e.action, e.item_slug) for e in events[:3]] == [
        ("resource.deleted", slug),
        ("resource.edited", slug),
        ("resource.added", slug),
    ]
    assert events[1].old == {"cost": None} and events[1].new == {"cost": 12.5}


def test_an_edit_that_changes_nothing_is_not_logged(services: Services) -> None:
    slug = services.catalog.add_own_resource("flask", {"title": "Same"}).value
    services.catalog.update_own_resource("flask", slug, {"title": "Same"})
    events = services.progress.recent_events(path_slug="flask")
    assert [e.action for e in events] == ["resource.added"]


def test_only_own_resources_can_be_edited_or_removed(services: Services) -> None:
    with pytest.raises(NotFoundError, match="not one of your own resources"):
        services.catalog.delete_own_resource("flask", "flask-quickstart")
    with pytest.raises(NotFoundError, match="not one of your own resources"):
        services.catalog.update_own_resource("flask", "own-nothing", {"title": "x"})
    with pytest.raises(InvalidInputError, match="title"):
        services.catalog.add_own_resource("flask", {"title": ""})


def test_own_slugs_come_from_titles_and_never_repeat() -> None:
    assert slugify("Corey's Flask series!") == "corey-s-flask-series"
    assert slugify("¿¿??") == "resource"
    assert len(slugify("x" * 300)) == 100
    assert free_slug("Talk", set()) == "own-talk"
    assert free_slug("Talk", {"own-talk", "own-talk-2"}) == "own-talk-3"


def test_setting_the_value_a_resource_has_writes_nothing(services: Services) -> None:
    assert services.catalog.set_status("flask", "mdn-html", None).step is None
    assert services.catalog.set_notes("flask", "mdn-html", "").value == ""
    assert services.progress.recent_events(path_slug="flask") == []
    assert services.catalog.learner_state("flask") == {}


def test_a_snapshot_after_a_status_change_holds_only_the_changed_row(services: Services) -> None:
    first = services.catalog.snapshot("flask", first=5)
    assert first.fresh and len(first.rows) == 6  # one more than asked: there are more rows
    services.catalog.set_status("flask", "mdn-html", "done")
    after = services.catalog.snapshot(
        "flask", first=5, known_stamp=first.stamp, known_learner=first.learner
    )
    assert not after.fresh and after.changed == {"mdn-html"}
    assert [(v.slug, v.status) for v in after.rows] == [("mdn-html", "done")]
    services.catalog.add_own_resource("flask", {"title": "New"})
    again = services.catalog.snapshot(
        "flask", first=5, known_stamp=after.stamp, known_learner=after.learner
    )
    assert again.fresh  # new content: the catalog from the top
