"""The three-way rule for one card's fields.

`theirs` is the card as read now (netplan-only fields absent when the card has none: unknown,
so unchanged); `base_theirs` the card's fields as the last sync left them; `ours` the
contact's fields now; `base_ours` the contact's fields at the last sync. A field changed
only there is taken; changed on both sides to different values, netplan's stays and it is
reported. Without a base (a card met for the first time), a field netplan leaves empty is
filled from the card and any other difference is a conflict that keeps netplan's value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from netplan.sync.card_fields import FIELDS


def empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


@dataclass
class Merged:
    taken: dict[str, Any] = field(default_factory=dict)  # fields to take from the card
    conflicts: list[tuple[str, Any, Any]] = field(default_factory=list)  # (field, ours, theirs)


def merge_fields(
    ours: dict[str, Any],
    theirs: dict[str, Any],
    base_theirs: dict[str, Any] | None,
    base_ours: dict[str, Any] | None,
) -> Merged:
    merged = Merged()
    for name in FIELDS:
        if name not in theirs:
            continue  # unknown there: never clears anything
        mine, other = ours.get(name), theirs[name]
        if other == mine:
            continue
        if base_theirs is not None and name in base_theirs:
            if other == base_theirs[name]:
                continue  # not changed there
            mine_changed = base_ours is not None and mine != base_ours.get(name)
        else:
            if empty(other):
                continue
            mine_changed = not empty(mine)
        if mine_changed:
            merged.conflicts.append((name, mine, other))
        else:
            merged.taken[name] = other
    return merged
