"""Completions merge as counts, not as values: a check-off on each side is two check-offs.

For each (day, routine) the merged count is ours + theirs − base (0 where a side has none),
never below 0 nor above what a file can hold; a zero count and a day left empty disappear,
as they do when the app unchecks (domain.routines.add_completions). Without a base there is no
telling one check-off seen twice from two, so the larger count is kept and the choice reported.
"""

from __future__ import annotations

from datetime import date

from netplan.merging import report
from netplan.merging.report import Change, Conflict, count_where
from netplan.models import LARGEST

Counts = dict[date, dict[str, int]]


def merge_counts(
    base: Counts | None, ours: Counts, theirs: Counts
) -> tuple[Counts, list[Conflict]]:
    conflicts: list[Conflict] = []
    out: Counts = {}
    for day in sorted(ours.keys() | theirs.keys()):
        mine, other = ours.get(day, {}), theirs.get(day, {})
        was = base.get(day, {}) if base is not None else {}
        counts: dict[str, int] = {}
        # Ours' routines first, then those only theirs has: a day reads as ours wrote it.
        for routine in [*mine, *(r for r in other if r not in mine)]:
            o, t = mine.get(routine, 0), other.get(routine, 0)
            if base is None:
                total = max(o, t)
                if o != t:
                    place = count_where(day, routine)
                    # `other` is theirs' count; when that is the one kept, say what ours had.
                    why = report.NO_BASE_COUNT + (f", ours was {_show(o)}" if t > o else "")
                    conflicts.append(Conflict(place, _show(total), _show(t), why))
            else:
                total = max(0, o + t - was.get(routine, 0))
                if total > LARGEST:
                    place = count_where(day, routine)
                    conflicts.append(Conflict(place, str(LARGEST), _show(t), report.TOO_LARGE))
                    total = LARGEST
            if total:
                counts[routine] = total
        if counts:
            out[day] = counts
    return out, conflicts


def count_changes(ours: Counts, merged: Counts) -> list[Change]:
    """What ours gains: 'completions 2026-11-23 "engage-posts" (+2)', day by day."""
    changes: list[Change] = []
    for day in sorted(ours.keys() | merged.keys()):
        mine, now = ours.get(day, {}), merged.get(day, {})
        for routine in [*now, *(r for r in mine if r not in now)]:
            delta = now.get(routine, 0) - mine.get(routine, 0)
            if delta:
                changes.append(Change("completions", f"{count_where(day, routine)} ({delta:+d})"))
    return changes


def _show(count: int) -> str:
    return str(count) if count else "absent"
