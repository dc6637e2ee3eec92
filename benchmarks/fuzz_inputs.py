"""Bad-input fuzz: random and mutated packs and progress files must load or be refused cleanly.

Usage (from the repository root):
    python -m benchmarks.fuzz_inputs [--count 2000] [--seed 1] [--fields N]
A crash is any exception other than PackError (packs) or InvalidInputError (progress files).
Then progress files mutated field by field against the schema (benchmarks.fuzz_fields) are
imported into real databases and read back by every part of the app (``--fields 0`` skips
them; N tries the first N, by default all of them).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import traceback

from benchmarks.fuzz_fields import fuzz_fields
from tracker.errors import InvalidInputError, PackError
from tracker.exchange import parse_progress_bytes
from tracker.locations import bundled_packs_dir
from tracker.packs.loader import load_pack_bytes

TOKENS = [
    b"- &a [x]",
    b"  *a",
    b"!!python/object/apply:os.system ['x']",
    b"x: {",
    b"\t- ",
    b"slug: UPPER CASE",
    b"url: javascript:alert(1)",
    b"cost: -5",
    b"---",
    b"? [a]: b",
]


def mutate_lines(raw: bytes, rng: random.Random) -> bytes:
    lines = raw.split(b"\n")
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(lines)) if lines else 0
        how = rng.choice(["delete", "duplicate", "flip", "insert", "indent", "truncate"])
        if not lines:
            lines = [b""]
        if how == "delete":
            del lines[at : at + rng.randint(1, 8)]
        elif how == "duplicate" and lines:
            lines.insert(at, lines[at % len(lines)])
        elif how == "flip" and lines and lines[at % len(lines)]:
            line = lines[at % len(lines)]
            column = rng.randrange(len(line))
            lines[at % len(lines)] = (
                line[:column] + bytes([rng.randrange(256)]) + line[column + 1 :]
            )
        elif how == "insert":
            lines.insert(at, rng.choice(TOKENS))
        elif how == "indent" and lines:
            lines[at % len(lines)] = b"  " + lines[at % len(lines)]
        elif how == "truncate":
            return b"\n".join(lines)[: rng.randrange(max(1, len(raw)))]
    return b"\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--fields", type=int, default=None, help="field mutants to try")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    pack = (bundled_packs_dir() / "flask.yaml").read_bytes()
    progress = json.dumps(
        {
            "format": "learning-path-tracker-progress",
            "format_version": 1,
            "profile": {"name": "default", "created_at": "2026-01-01T00:00:00"},
            "resource_progress": [
                {
                    "path": "flask",
                    "resource": "flask-books",
                    "status": "done",
                    "changed_at": "2026-01-02T00:00:00",
                    "notes": "ok",
                }
            ],
            "own_resources": [
                {
                    "path": "flask",
                    "slug": "own-a",
                    "created_at": "2026-01-02T00:00:00",
                    "fields": {"title": "A", "kind": "article", "url": "https://example.org/"},
                }
            ],
        },
        indent=1,
    ).encode()
    crashes: list[str] = []
    counts = {"pack loaded": 0, "pack refused": 0, "progress loaded": 0, "progress refused": 0}
    for index in range(args.count):
        kind = index % 4
        raw = (
            rng.randbytes(rng.randrange(2000))
            if kind in (0, 2)
            else mutate_lines(pack if kind == 1 else progress, rng)
        )
        try:
            if kind < 2:
                try:
                    load_pack_bytes(raw, "fuzz.yaml")
                    counts["pack loaded"] += 1
                except PackError:
                    counts["pack refused"] += 1
            else:
                try:
                    parse_progress_bytes(raw, "fuzz.json")
                    counts["progress loaded"] += 1
                except InvalidInputError:
                    counts["progress refused"] += 1
        except Exception:  # a crash: anything but the clean refusal
            crashes.append(f"input {index}: {traceback.format_exc(limit=3)}")
    print(
        f"bad inputs tried: {args.count} (half packs, half progress files; "
        "half random bytes, half mutated valid files)"
    )
    for name, count in counts.items():
        print(f"  {name}: {count}")
    print(f"crashes: {len(crashes)}")
    for crash in crashes[:5]:
        print(crash)
    if args.fields == 0:
        return 1 if crashes else 0
    tally = fuzz_fields(args.fields)
    print(
        f"progress files mutated field by field: {tally.tried} tried, {tally.accepted} accepted "
        f"(and read back everywhere), {tally.refused} refused with a message"
    )
    print(f"  refused while reading back: {len(tally.refused_reading)}")
    for problem in tally.refused_reading[:5]:
        print(f"  {problem}")
    print(f"crashes: {len(tally.crashes)}")
    for crash in tally.crashes[:5]:
        print(crash)
    return 1 if crashes or tally.crashes or tally.refused_reading else 0


if __name__ == "__main__":
    sys.exit(main())
