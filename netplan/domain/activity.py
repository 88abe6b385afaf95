"""Imported activity (spec 7.3), indexed once per ActivityLog.

An activity log can hold tens of thousands of items; the grids, `due` and the goals ask about
it for every routine on every repaint. `activity_index` walks a log once and keeps the result
for that log object (logs are immutable: an edit makes a new one), so later calls are a dict
lookup. What counts for which routine is decided in `history`, not here: this module only
groups items (by `counts_as` key and by day) and words them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date

from netplan.models import Activity, ActivityKind, ActivityLog

_KEEP = 4  # logs whose index is kept: the current one and a few undo steps

# How an item reads in a sentence ("2 from LinkedIn: comment “…”, reaction").
_WORDS = {
    ActivityKind.comment: "comment",
    ActivityKind.reaction: "reaction",
    ActivityKind.share: "share",
    ActivityKind.article: "article",
    ActivityKind.connection: "connection",
    ActivityKind.invitation: "invitation",
    ActivityKind.event: "event",
    ActivityKind.endorsement_received: "endorsement",
    ActivityKind.recommendation_received: "recommendation",
}
TEXT_WIDTH = 40  # characters of an item's text quoted in a description


@dataclass(frozen=True)
class ActivityIndex:
    """One log's items grouped for the questions routines and suggestions ask."""

    log: ActivityLog
    by_key: dict[str, dict[date, tuple[Activity, ...]]] = field(default_factory=dict)
    day_counts: dict[str, dict[date, int]] = field(default_factory=dict)  # len of by_key's
    received: tuple[Activity, ...] = ()  # endorsements and recommendations with a contact
    # Results its callers derive once per (question, day): `history` keeps what a set of
    # `counts` keys counts here, so a repaint does not walk the days again.
    memo: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def keys(self) -> tuple[str, ...]:
        """The `counts_as` keys found in the log, sorted."""
        return tuple(sorted(self.by_key))

    def items_on(self, key: str, day: date) -> tuple[Activity, ...]:
        return self.by_key.get(key, {}).get(day, ())


def build_index(log: ActivityLog) -> ActivityIndex:
    """Group the log's items by key, then day (days in order), in one pass."""
    grouped: dict[str, dict[date, list[Activity]]] = {}
    received: list[Activity] = []
    for item in log.activity:
        grouped.setdefault(item.counts_as, {}).setdefault(item.on, []).append(item)
        if item.contact and item.kind in (
            ActivityKind.endorsement_received,
            ActivityKind.recommendation_received,
        ):
            received.append(item)
    by_key = {key: {day: tuple(days[day]) for day in sorted(days)} for key, days in grouped.items()}
    counts = {key: {day: len(items) for day, items in days.items()} for key, days in by_key.items()}
    received.sort(key=lambda a: (a.on, a.id))
    return ActivityIndex(log, by_key, counts, tuple(received))


_lock = threading.Lock()
_cache: list[ActivityIndex] = []


def activity_index(log: ActivityLog | None) -> ActivityIndex | None:
    """The index of `log`, built the first time it is asked for (None: no activity)."""
    if log is None:
        return None
    with _lock:
        for index in _cache:
            if index.log is log:
                return index
    index = build_index(log)
    with _lock:
        _cache.insert(0, index)
        del _cache[_KEEP:]
    return index


def describe(item: Activity) -> str:
    """A few words for an item: its kind, and its text quoted when it has one (plain text:
    the caller renders it as text, never as markup)."""
    words = _WORDS.get(item.kind, item.kind.value)
    text = " ".join((item.text or "").split())
    if not text:
        return words
    if len(text) > TEXT_WIDTH:
        text = text[: TEXT_WIDTH - 1].rstrip() + "…"
    return f"{words} “{text}”"
