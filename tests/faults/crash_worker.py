"""A process that changes progress through the services and reports each change as it is saved.

Run by the crash test, which kills it with SIGKILL at random moments. Before each service call it
prints ``BEGIN <op> <key> <value> <seq>``; after the call returns (the change is durable) it
prints ``ACK <seq>``. A value of ``-`` clears the field (no rating, no status, empty notes).
Usage: python -m tests.faults.crash_worker DATA_DIR FIRST_SEQ SEED
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tracker.wiring import Services, Settings, lock_data_folder, open_services

PATH = "flask"
CLEARED = "-"
STATUSES = ("planned", "in-progress", "done", "skipped")
OPERATIONS = (
    "note",
    "log",
    "tick",
    "rating",
    "status",
    "note",
    "log",
    "tick",
    "rating",
    "backup",
)


def perform(services: Services, op: str, key: str, value: str) -> None:
    """Make one journal change through the services, as the app does; durable when it returns."""
    if op == "backup":
        services.backups.back_up_now()
    elif op == "note":
        services.catalog.set_notes(PATH, key, "" if value == CLEARED else value)
    elif op == "rating":
        services.catalog.set_rating(PATH, key, None if value == CLEARED else int(value))
    elif op == "status":
        services.catalog.set_status(PATH, key, None if value == CLEARED else value)
    elif op == "tick":
        services.checklist.set_done(PATH, key, value == "1")
    elif op == "log":
        services.studylog.log(PATH, int(value), note=key)
    else:
        raise ValueError(f"unknown journal operation {op!r}")


def _choose(rng: random.Random, seq: int, resources: list[str], leaves: list[str]) -> str:
    """The next change as ``op key value`` (clearing a field now and then)."""
    op = rng.choice(OPERATIONS)
    clear = rng.random() < 0.15
    if op == "backup":
        return "backup - -"
    if op == "note":
        return f"note {rng.choice(resources)} {CLEARED if clear else f'n{seq}'}"
    if op == "rating":
        return f"rating {rng.choice(resources)} {CLEARED if clear else rng.randint(1, 5)}"
    if op == "status":
        return f"status {rng.choice(resources)} {CLEARED if clear else rng.choice(STATUSES)}"
    if op == "tick":
        return f"tick {rng.choice(leaves)} {int(rng.random() < 0.5)}"
    return f"log s{seq} {1 + seq % 90}"


def main(argv: list[str]) -> None:
    data_dir, seq, seed = Path(argv[0]), int(argv[1]), int(argv[2])
    settings = Settings.resolve(data_dir)
    lock_data_folder(settings)  # held until the process dies: the kernel must free it
    services = open_services(settings)
    resources = [r.slug for r in services.catalog.resources(PATH) if not r.own][:8]
    leaves = [
        item.slug
        for top in services.checklist.checklist(PATH).items
        for item in top.walk()
        if not item.children
    ][:8]
    rng = random.Random(seed)
    print("READY", flush=True)
    while True:
        change = _choose(rng, seq, resources, leaves)
        print(f"BEGIN {change} {seq}", flush=True)
        perform(services, *change.split())
        print(f"ACK {seq}", flush=True)
        seq += 1


if __name__ == "__main__":
    main(sys.argv[1:])
