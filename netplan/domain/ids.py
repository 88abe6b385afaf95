"""Ids: readable slugs of names and titles, unique within their file, and interaction ids."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date
from operator import attrgetter, is_

from netplan.models import Interaction, Journal
from netplan.text import slugify


class IdMaker:
    """Hands out unique ids made from names without rescanning: one counter per base.

    A name without Latin letters or digits gets `fallback-1`, `fallback-2`, …; a clash gets
    `-2`, `-3`, … after the slug.
    """

    def __init__(self, taken: Iterable[str], fallback: str = "item") -> None:
        self.taken = set(taken)
        self.fallback = fallback
        self._next: dict[str, int] = {}

    def new(self, name: str) -> str:
        base = slugify(name)
        if base and base not in self.taken:
            self.taken.add(base)
            return base
        if not base:
            base, n = self.fallback, self._next.get(self.fallback, 1)
        else:
            n = self._next.get(base, 2)
        while f"{base}-{n}" in self.taken:
            n += 1
        self._next[base] = n + 1
        ident = f"{base}-{n}"
        self.taken.add(ident)
        return ident


def unique_id(text: str, taken: Collection[str], fallback: str = "item") -> str:
    """A slug of text not in taken (see IdMaker)."""
    return IdMaker(taken, fallback).new(text)


def next_interaction_id(journal: Journal, day: date) -> str:
    """ "i-YYYYMMDD-N" with N one more than the highest already used on that day."""
    prefix = f"i-{day:%Y%m%d}-"
    return f"{prefix}{_highest_numbers(journal.interactions).get(prefix, 0) + 1}"


# The last journal's entries and the highest N of each day's "i-YYYYMMDD-N": one pass over
# 300,000 entries is 50-90 ms, so a log, which only adds at the end, looks at what it added.
_last: tuple[Sequence[Interaction], dict[str, int]] = ((), {})


MEMO_FROM = 1000  # entries: below this a scan is quick, and the memo is left to the journal


def _highest_numbers(entries: Sequence[Interaction]) -> dict[str, int]:
    global _last
    seen, highest = _last
    count = len(seen)
    if len(entries) < MEMO_FROM:  # (a form checking its entry against no journal)
        return _scan(entries, {})
    if seen and len(entries) >= count and all(map(is_, seen, entries[:count])):
        if len(entries) == count:
            return highest
        highest, fresh = dict(highest), entries[count:]
    else:
        highest, fresh = {}, entries
    _last = (entries, _scan(fresh, highest))
    return _last[1]


def _scan(fresh: Sequence[Interaction], highest: dict[str, int]) -> dict[str, int]:
    for ident in map(attrgetter("id"), fresh):
        prefix, _dash, number = ident.rpartition("-")
        if number.isdigit() and ident.startswith("i-") and len(prefix) == 10:
            key = prefix + "-"
            if int(number) > highest.get(key, 0):
                highest[key] = int(number)
    return highest
