"""What every command shares: exit codes, the path it works on, how a failure is said."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from tracker import arguments, formatting
from tracker.errors import TrackerError

if TYPE_CHECKING:
    from tracker.wiring import Services

EXIT_OK, EXIT_ERROR, EXIT_USAGE = 0, 1, 2

Command = Callable[["Services", argparse.Namespace], int]


def fail(exc: TrackerError) -> int:
    print(f"learning-tracker: {exc}", file=sys.stderr)
    return EXIT_ERROR


def fail_environment(exc: OSError) -> int:
    """An error the system reported, said as the system's own words and the file it concerns."""
    reason = exc.strerror or exc.__class__.__name__
    file = exc.filename
    if isinstance(file, bytes):
        file = os.fsdecode(file)
    where = "" if file is None else f": {arguments.shown(str(file))}"
    print(f"learning-tracker: {reason}{where}", file=sys.stderr)
    return EXIT_ERROR


def path_of(services: Services, args: argparse.Namespace) -> str:
    if getattr(args, "path", None):
        return str(services.packs.require(args.path).slug)
    paths = services.packs.paths()
    if not paths:
        raise TrackerError(
            "No learning path is installed; import one with 'learning-tracker import'."
        )
    return paths[0].slug


minutes_text = formatting.minutes
