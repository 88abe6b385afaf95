"""Long loops that can step aside: for derivations that run in a background thread.

The app's thread and a thread deriving 30,000 contacts share the GIL; a loop that calls
`pause` now and then (the app's InputQuiet.pause) lets a key pressed meanwhile be answered
first. With no `pause` the items come through untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

Pause = Callable[[], object]
STEP = 1000  # items between two pauses: 3–10 ms of work on the benchmark machine

T = TypeVar("T")


def pausing(items: Iterable[T], pause: Pause | None, step: int | None = None) -> Iterable[T]:
    """The items, calling `pause` before every `step`-th one (STEP by default)."""
    if pause is None:
        return items
    return _pausing(items, pause, STEP if step is None else step)


def _pausing(items: Iterable[T], pause: Pause, step: int) -> Iterator[T]:
    for index, item in enumerate(items):
        if index % step == 0:
            pause()
        yield item
