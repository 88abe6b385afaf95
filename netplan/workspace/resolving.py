"""`netplan resolve`: merge the conflict copies sync tools leave beside the store's files.

`prepare` reads: each copy (Syncthing's `plan.sync-conflict-…toml`, Dropbox's `plan (…
conflicted copy …).toml`) is merged into its file record by record (netplan.merging),
three-way against the common base chosen from `.backups/` (netplan.store.bases); several
copies of one file are merged one after the other, oldest first. A copy that does not read,
or is of another schema version, is reported and left in place; the others still merge.
`apply` writes the merged files through the store (surgical saves keep comments; all or
nothing; under the lock; a file changed since `prepare` read it stops it), then moves each
merged copy into `.backups/`.

A marker (netplan.store.copies) is written before the save: if netplan dies between the save
and the move, the next `resolve` sees the copy was merged already and only moves it, instead
of adding its check-offs twice.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netplan.store import FILES, FileName, Store, StoreError
from netplan.store.copies import file_away, merged_before, write_mark
from netplan.store.fingerprints import digest
from netplan.store.folder import copy_of
from netplan.text import for_terminal


@dataclass
class CopyMerge:
    """One conflict copy: what merging it takes, and what it could not settle."""

    copy: Path
    name: FileName | None  # the store file it is a copy of (None: not one of them)
    base: str = ""  # how the base is named in the report
    taken: list[Any] = field(default_factory=list)  # netplan.merging.Change
    conflicts: list[Any] = field(default_factory=list)  # netplan.merging.Conflict
    problem: str | None = None  # why it is left in place
    merged_before: bool = False  # an earlier resolve merged it and died before moving it


@dataclass
class Resolution:
    folder: Path
    copies: list[CopyMerge] = field(default_factory=list)
    models: dict[str, Any] = field(default_factory=dict)  # the files to write
    problems: list[str] = field(default_factory=list)  # what stops the whole merge

    @property
    def movable(self) -> list[CopyMerge]:
        return [c for c in self.copies if c.problem is None and not self.problems]

    @property
    def changed(self) -> bool:
        return bool(self.movable)

    @property
    def clean(self) -> bool:
        return not any(c.conflicts for c in self.copies)

    def render(self, dry_run: bool = False, offer: bool = False) -> str:
        """The report; `offer`: as the app's dialog shows it before the merge (what it
        would do, without the dry run's last line)."""
        from netplan.workspace.resolve_report import render

        return render(self, dry_run, offer)


def prepare(store: Store) -> Resolution:
    """Merge every conflict copy in memory; nothing is written. Never raises for a bad
    copy: it is listed with its problem."""
    from netplan.merging import CannotMerge, merge_models
    from netplan.store.bases import common_base
    from netplan.store.codec import decode
    from netplan.store.references import check_references

    resolution = Resolution(store.folder)
    by_file: dict[FileName, list[Path]] = {}
    for copy in store.conflict_copies():
        name = copy_of(copy)
        if name is None:
            resolution.copies.append(
                CopyMerge(copy, None, problem="not a copy of one of netplan's files: left alone")
            )
            continue
        by_file.setdefault(name, []).append(copy)
    if not by_file:
        return resolution
    try:
        snapshot = store.load()
    except StoreError as error:
        resolution.problems.extend(error.problems)
        for copies in by_file.values():
            resolution.copies += [CopyMerge(c, copy_of(c), problem="not merged") for c in copies]
        return resolution
    current: dict[str, Any] = {n: getattr(snapshot, n) for n in FILES}
    for name, copies in by_file.items():
        ours_bytes = store.held(name) or b""
        for copy in sorted(copies, key=_mtime):
            entry = CopyMerge(copy, name)
            resolution.copies.append(entry)
            try:
                theirs_bytes = copy.read_bytes()
            except OSError as error:
                entry.problem = f"cannot be read: {error.strerror}"
                continue
            if merged_before(store, copy, theirs_bytes, name):
                entry.merged_before = True
                continue
            try:
                theirs = decode(name, theirs_bytes, str(copy))
            except StoreError as error:
                entry.problem = "; ".join(error.problems[:3])
                continue
            ours = current[name]
            base = common_base(
                name, store.versions(name), (ours_bytes, ours), (theirs_bytes, theirs)
            )
            entry.base = base.said
            try:
                merged = merge_models(base.model, ours, theirs)
            except CannotMerge as error:
                entry.problem = str(error)
                continue
            entry.taken, entry.conflicts = merged.taken, merged.conflicts
            current[name] = merged.model
    problems = check_references(
        current["plan"], current["contacts"], current["journal"], store.folder,
        activity=current["activity"],
    )  # fmt: skip
    if problems:
        resolution.problems = ["the merged files would not load together: " + problems[0]]
        resolution.problems += problems[1:]
    resolution.models = {n: m for n, m in current.items() if m is not getattr(snapshot, n)}
    return resolution


def apply(store: Store, resolution: Resolution) -> list[Path]:
    """Write the merged files, then move each merged copy into `.backups/`; the copies'
    new paths. StoreError (ConflictError: a file changed since `prepare`) when it cannot:
    then no store file and no copy has changed."""
    if resolution.problems:
        raise StoreError(resolution.problems[0], resolution.problems)
    moving = resolution.movable
    if not moving:
        return []
    with store.lock():
        marks = []
        for entry in moving:
            if entry.merged_before or entry.name not in resolution.models:
                continue
            data = store.encoded(entry.name, resolution.models[entry.name])
            marks.append(write_mark(store, entry.copy, digest(data)))
        try:
            store.save(**resolution.models)
        except BaseException:
            for mark in marks:
                with contextlib.suppress(OSError):
                    mark.unlink()
            raise
        return [file_away(store, entry.copy) for entry in moving]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def shown(path: Path, folder: Path) -> str:
    """A path as the report shows it: by name beside the store, else in full; as text."""
    return for_terminal(path.name if path.parent == folder else str(path))
