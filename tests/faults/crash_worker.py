"""A process that changes progress through the services and reports each change as it is saved.

Run by the crash test, which kills it with SIGKILL at random moments. Before each service call it
prints ``BEGIN <op> <key> <value> <seq>``; after the call returns (the change is durable) it
prints ``ACK <seq>``. Usage: python -m tests.faults.crash_worker DATA_DIR FIRST_SEQ SEED
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from tracker.wiring import Settings, lock_data_folder, open_services

PATH = "flask"


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
        op = rng.choice(
            ("note", "log", "tick", "rating", "note", "log", "tick", "rating", "backup")
        )
        if op == "backup":
            print(f"BEGIN backup - - {seq}", flush=True)
            services.backups.back_up_now()
        elif op == "note":
            key = rng.choice(resources)
            print(f"BEGIN note {key} n{seq} {seq}", flush=True)
            services.catalog.set_notes(PATH, key, f"n{seq}")
        elif op == "rating":
            key, value = rng.choice(resources), rng.randint(1, 5)
            print(f"BEGIN rating {key} {value} {seq}", flush=True)
            services.catalog.set_rating(PATH, key, value)
        elif op == "tick":
            key, done = rng.choice(leaves), rng.random() < 0.5
            print(f"BEGIN tick {key} {int(done)} {seq}", flush=True)
            services.checklist.set_done(PATH, key, done)
        else:
            print(f"BEGIN log s{seq} {1 + seq % 90} {seq}", flush=True)
            services.studylog.log(PATH, 1 + seq % 90, note=f"s{seq}")
        print(f"ACK {seq}", flush=True)
        seq += 1


if __name__ == "__main__":
    main(sys.argv[1:])
