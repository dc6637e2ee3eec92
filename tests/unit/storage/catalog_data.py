"""A generated catalog with a learner's notes, own resources and another learner beside."""

from __future__ import annotations

import json
from pathlib import Path

from benchmarks.packgen import CatalogGenerator, pack_dict
from tracker.wiring import Services, Settings, open_services

PATH = "bench"
OWN = "own-quokka-talk-on-flask-blueprints"


def seed(services: Services, folder: Path) -> Services:
    """A 400-resource generated catalog with notes (mine and another learner's), own resources
    and an archived resource."""
    pack = pack_dict(400, seed=20261125, slug=PATH)
    removed = pack["resources"].pop(7)
    file = folder / "bench.json"
    file.write_text(json.dumps({**pack, "resources": [*pack["resources"], removed]}), "utf-8")
    services.packs.import_file(file)
    file.write_text(json.dumps(pack), "utf-8")
    assert services.packs.import_file(file).value.archived == (f"resource {removed['slug']}",)

    notes = CatalogGenerator(seed=5)
    for index in range(0, 400, 9):
        if index != 7:
            services.catalog.set_notes(PATH, f"resource-{index}", notes.note())
    services.catalog.set_notes(PATH, "resource-3", "Sticky notes about Flask and a zebra.")
    services.catalog.set_notes(PATH, "resource-4", "Sticky first, then erased.")
    services.catalog.set_notes(PATH, "resource-4", "")
    services.catalog.set_status(PATH, "resource-5", "done")  # progress without notes
    own = services.catalog.add_own_resource(
        PATH, {"title": "Quokka talk on Flask blueprints", "tags": ["naïve", "über"]}
    ).value
    assert own == OWN
    services.catalog.set_notes(PATH, own, "sticky, watched twice")
    other = open_services(Settings.resolve(services.settings.data_dir, profile="other"))
    other.catalog.set_notes(PATH, "resource-10", "sticky zebra from someone else")
    other.catalog.add_own_resource(PATH, {"title": "Someone else's Flask blueprints"})
    other.close()
    return services
