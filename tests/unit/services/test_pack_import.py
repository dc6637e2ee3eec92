"""Re-importing a changed pack updates content and never loses a learner's progress."""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.helpers import database_snapshot
from tracker.locations import bundled_packs_dir
from tracker.wiring import Services, Settings, open_services


def flask_pack() -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((bundled_packs_dir() / "flask.yaml").read_text(encoding="utf-8"))


def record_progress(services: Services) -> None:
    services.checklist.set_done("flask", "python-oop", True)
    services.checklist.set_done("flask", "version-control-git", True)
    services.checklist.set_confidence("flask", "python-oop", 2)
    services.catalog.set_status("flask", "flask-official-tutorial", "in-progress")
    services.catalog.set_status("flask", "youtube-video-tutorials", "done")
    services.catalog.set_rating("flask", "flask-official-tutorial", 5)
    services.catalog.set_notes("flask", "flask-official-tutorial", "Stopped at blueprints.")
    services.catalog.set_notes("flask", "flask-books", "Ask the library.")


def test_importing_the_same_pack_twice_changes_nothing(services: Services) -> None:
    record_progress(services)
    before = database_snapshot(services.settings.data_dir)
    report = services.packs.import_file(bundled_packs_dir() / "flask.yaml").value
    assert report.is_noop
    assert report.previous_version == report.pack_version
    after = database_snapshot(services.settings.data_dir)
    before.pop("learning_path"), after.pop("learning_path")  # only imported_at moves
    assert after == before


def test_a_changed_pack_keeps_every_tick_status_and_note(
    services: Services, tmp_path: Path
) -> None:
    record_progress(services)
    pack = flask_pack()
    pack["version"] = "2027.1.0"
    resources = pack["resources"]
    tutorial = next(r for r in resources if r["slug"] == "flask-official-tutorial")
    tutorial["title"] = "Flask tutorial: build Flaskr"  # renamed
    pack["resources"] = [r for r in resources if r["slug"] != "flask-books"]  # removed
    pack["resources"].append(
        {
            "slug": "flask-changelog",
            "title": "Flask changes",
            "kind": "documentation",
            "url": "https://flask.palletsprojects.com/en/stable/changes/",
        }
    )  # added
    git = next(p for p in pack["prerequisites"] if p["slug"] == "version-control-git")
    pack["prerequisites"].remove(git)  # a ticked prerequisite disappears
    next(r for r in pack["resources"] if r["slug"] == "pro-git-book")["teaches"] = []
    changed = tmp_path / "flask.yaml"
    changed.write_text(yaml.safe_dump(pack, sort_keys=False), encoding="utf-8")

    report = services.packs.import_file(changed).value

    assert report.previous_version == "2026.11.1" and report.pack_version == "2027.1.0"
    assert report.added == ("resource flask-changelog",)
    assert report.changed == ("resource flask-official-tutorial", "resource pro-git-book")
    assert set(report.archived) == {"prerequisite version-control-git", "resource flask-books"}
    assert report.progress_kept == 5  # 2 prerequisite states + 3 resource rows

    restarted = open_services(services.settings)
    catalog = {r.slug: r for r in restarted.catalog.resources("flask")}
    assert catalog["flask-official-tutorial"].title == "Flask tutorial: build Flaskr"
    assert catalog["flask-official-tutorial"].status == "in-progress"
    assert catalog["flask-official-tutorial"].rating == 5
    assert catalog["flask-official-tutorial"].notes == "Stopped at blueprints."
    assert catalog["youtube-video-tutorials"].status == "done"
    assert "flask-books" not in catalog and "flask-changelog" in catalog
    checklist = restarted.checklist.checklist("flask")
    oop = checklist.find("python-oop")
    assert oop is not None and oop.done and oop.confidence == 2
    assert checklist.find("version-control-git") is None

    # Bringing the old pack back restores the archived items with their progress.
    report = restarted.packs.import_file(bundled_packs_dir() / "flask.yaml").value
    assert set(report.restored) == {"prerequisite version-control-git", "resource flask-books"}
    git_item = restarted.checklist.checklist("flask").find("version-control-git")
    assert git_item is not None and git_item.done
    assert restarted.catalog.resource("flask", "flask-books").notes == "Ask the library."
    restarted.close()


def test_first_start_installs_the_flask_path(tmp_path: Path) -> None:
    services = open_services(Settings.resolve(tmp_path / "fresh"))
    try:
        assert [(p.slug, p.title) for p in services.packs.paths()] == [("flask", "Flask")]
        checklist = services.checklist.checklist("flask")
        assert (checklist.required.done, checklist.required.total) == (0, 4)
        assert len(services.catalog.resources("flask")) >= 20
        titles = [t.title for t in services.comparisons.tables("flask")]
        assert titles == ["Learning approaches", "Micro framework vs full framework"]
    finally:
        services.close()
