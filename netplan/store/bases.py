"""The common base of a store file and a sync tool's conflict copy, chosen from `.backups/`.

A three-way merge needs the version both sides grew from. The backups hold the versions this
machine saved (and, when `.backups/` is synced too, the other machine's); none says which one
the other side started from, so the base is chosen by content:

- candidates are the kept versions of the file, except any whose content is the file's own or
  the copy's (one side's own newest version is never the base: it would make the other side
  look as if it had undone everything);
- netplan's data grows: records are added far more often than removed, and check-offs are
  counted up. The version both sides grew from is then the one most contained in both: each
  candidate scores one point for every record (by id) and every check-off it shares with both
  sides, and loses two for every record or check-off it holds that one side lacks (something
  only one side added after they parted, or, rarely, a deletion);
- the highest score wins; among equal scores, the newest version.

Without any candidate the merge is two-way (no base): it drops no record and reports every
field that differs. The version the sides parted from is kept whenever netplan saved it or
saved over it (each save keeps the version it replaces), and pruning keeps every version of
a file while a conflict copy of it waits (before one arrives, a big file keeps only as many
versions as its disk budget holds: see backups); should only an older one be left, a deletion looks
like an addition (the record is kept) and check-offs added since would count twice, so the
report names the base it used.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from netplan.models import ActivityLog, ContactBook, Journal, Plan
from netplan.store.codec import decode
from netplan.store.fingerprints import digest
from netplan.store.folder import FileName
from netplan.store.messages import StoreError

MAX_CANDIDATES = 24  # the newest kept versions looked at (a year of dailies is enough)


@dataclass(frozen=True)
class Base:
    model: Any | None  # None: no common base (a two-way merge)
    said: str  # how the report names it: "the version saved 2026-11-25 10:00:00"


def _units(model: Any) -> tuple[set[str], dict[tuple[str, str], int]]:
    """The record keys of a file's model, and its check-off counts."""
    if isinstance(model, ContactBook):
        return {f"contact {c.id}" for c in model.contacts}, {}
    if isinstance(model, Journal):
        return {f"interaction {i.id}" for i in model.interactions}, {}
    if isinstance(model, ActivityLog):
        return {f"activity {a.id}" for a in model.activity}, {}
    assert isinstance(model, Plan)
    keys = {f"routine {r.id}" for r in model.routines}
    keys |= {f"goal {g.id}" for g in model.goals}
    keys |= {f"event {e.id}" for e in model.events}
    keys |= {f"skip {s.from_} {s.to} {s.routines}" for s in model.skips}
    counts = {
        (day.isoformat(), routine): n
        for day, by_routine in model.completions.items()
        for routine, n in by_routine.items()
    }
    return keys, counts


def score(candidate: Any, ours: Any, theirs: Any) -> int:
    """How well `candidate` passes for the version both sides grew from (see the module)."""
    keys, counts = _units(candidate)
    our_keys, our_counts = _units(ours)
    their_keys, their_counts = _units(theirs)
    shared = len(keys & our_keys & their_keys)
    missing = len(keys - our_keys) + len(keys - their_keys)
    for key, n in counts.items():
        low = min(our_counts.get(key, 0), their_counts.get(key, 0))
        shared += min(n, low)
        missing += max(0, n - our_counts.get(key, 0)) + max(0, n - their_counts.get(key, 0))
    return shared - 2 * missing


def common_base(
    name: FileName,
    versions: Iterable[Any],
    ours: tuple[bytes, Any],
    theirs: tuple[bytes, Any],
) -> Base:
    """The base for merging `theirs` (a copy's bytes and model) into `ours` (the file's),
    from `versions` (netplan.store.backups.Version, newest first; the current file is
    skipped). A version that no longer reads is no candidate."""
    sides = {digest(ours[0]), digest(theirs[0])}
    best: tuple[int, Any, Any] | None = None
    looked = 0
    for version in versions:
        if version.current or looked >= MAX_CANDIDATES:
            continue
        try:
            data = version.path.read_bytes()
        except OSError:
            continue
        if digest(data) in sides:
            continue
        looked += 1
        try:
            model = decode(name, data, str(version.path))
        except StoreError:
            continue
        points = score(model, ours[1], theirs[1])
        if best is None or points > best[0]:  # newest first: a tie keeps the newer
            best = (points, model, version)
    if best is None:
        return Base(None, "no common version kept: a two-way merge")
    version = best[2]
    return Base(best[1], f"the version saved {version.saved:%Y-%m-%d %H:%M:%S}")
