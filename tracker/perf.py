"""Bulk work helpers: pausing the cyclic garbage collector while many objects are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for a block that builds many containers at once.

    Building 100k rows (dicts, lists, view objects) triggers dozens of collections that find
    nothing to free: a third to half of the time of a big import or catalog load. Reference
    counting still frees memory as usual; the collector resumes (if it was on) after the block.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
