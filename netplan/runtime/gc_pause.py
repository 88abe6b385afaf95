"""Pausing Python's cyclic garbage collector while many small objects are made.

Loading or deriving 30,000 contacts makes hundreds of thousands of objects; the collector
would run dozens of times in between and triple the time (0.2 s → 0.7 s to validate
contacts.toml). Nothing made there forms cycles that need collecting right away.

Start-up is the same story: importing Textual, Pydantic and netplan makes about 85,000
objects, and the collector ran almost 200 times on the way to the first frame (110–135 ms
on the 2-core benchmark machine). The `netplan` command pauses it from its first line until
the first frame is on screen (or a sub-command has its modules loaded), then freezes what
start-up made, so later collections never walk those objects again.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_paused_for_start = False


@contextmanager
def gc_paused(keep: bool = False) -> Iterator[None]:
    """The collector paused for the block. With keep=True what the block made is data that
    stays (a file's models): it is frozen first, or the first collection after the pause
    would walk every object made in it, about 1 s after loading 300,000 interactions."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if keep:
            gc.freeze()
        if enabled:
            gc.enable()


def pause_for_start() -> None:
    """Called first thing by the `netplan` command; `start_done` undoes it."""
    global _paused_for_start
    if gc.isenabled():
        gc.disable()
        _paused_for_start = True


def start_done() -> None:
    """Start-up is over: keep its objects out of later collections and collect again.

    Does nothing unless `pause_for_start` paused the collector (tests call `main` directly).
    """
    global _paused_for_start
    if _paused_for_start:
        _paused_for_start = False
        gc.freeze()
        gc.enable()


def keep_out_of_collections() -> None:
    """Everything made so far (a big load, just finished) is old: later collections skip it.

    Called before the collector runs again, whose first pass would otherwise walk the million
    objects a 30,000-contact load made, 0.2 s holding the GIL.
    """
    gc.freeze()
