"""Which records of a list an edit added and removed, told by identity: edits copy a list but
keep the records they did not touch, so the unchanged ones are the very same objects."""

from __future__ import annotations

from collections.abc import Sequence
from operator import is_not


def difference(old: Sequence, new: Sequence) -> tuple[list, list]:
    """Records in `new` that are not (the same objects) in `old`, and those gone from `old`.

    Edits change a few records in place, append, or remove: skip the common start and end
    (identity checks at C speed), then compare what is left in between.
    """
    limit = min(len(old), len(new))
    differs = list(map(is_not, old[:limit], new[:limit]))
    start = differs.index(True) if True in differs else limit
    tail = list(map(is_not, reversed(old[start:]), reversed(new[start:])))
    end = tail.index(True) if True in tail else len(tail)
    old_middle = old[start : len(old) - end]
    new_middle = new[start : len(new) - end]
    old_ids = set(map(id, old_middle))
    new_ids = set(map(id, new_middle))
    added = [x for x in new_middle if id(x) not in old_ids]
    removed = [x for x in old_middle if id(x) not in new_ids]
    return added, removed
