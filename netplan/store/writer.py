"""Replacing several store files all or nothing; the caller holds the store's lock.

Every temp file is written and fsynced before the first replace, so a full disk never leaves
some files new and others old. A failure after a replace (of another file, or when syncing
the folder) moves the backups, hard links of the old files, back into place: undoing needs
no free space.
"""

from __future__ import annotations

import contextlib
import glob
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from netplan.fsutil import fsync_folder, os_message, write_temp
from netplan.store.backups import Backups
from netplan.store.fingerprints import digest
from netplan.store.folder import FILES, FileName
from netplan.store.messages import StoreError


def commit(
    targets: Mapping[FileName, Path],
    files: Mapping[FileName, bytes],
    backups: Backups,
    on_stuck: Callable[[list[FileName]], None],
) -> None:
    """Write `files` (in order) to their `targets` (real paths), keeping backups first.

    Raises StoreError (for an OSError met on the way, in words) with every file as it was,
    except those passed to `on_stuck` first: replaced files that could not be put back, which
    hold the new version.
    """
    if not files:
        return
    staged: dict[FileName, Path] = {}
    kept: dict[FileName, Path | None] = {}  # the version each file held, kept in backups
    made: set[FileName] = set()  # backups made by this commit (the others were there)
    replaced: list[FileName] = []
    where = next(iter(targets.values())).parent
    try:
        for name, data in files.items():
            where = targets[name]
            staged[name] = write_temp(targets[name], data)
        where = backups.folder
        for name in files:
            # The file as it is now is kept before it is replaced: it usually is the newest
            # backup already (each save keeps what it wrote), else someone else wrote it.
            kept[name] = backups.holding(name, targets[name])
            if kept[name] is None:
                kept[name] = backups.keep(name, targets[name])
                made.add(name)
        for name in files:
            where = targets[name]
            os.replace(staged[name], targets[name])
            del staged[name]
            replaced.append(name)
        for folder in dict.fromkeys(targets[n].parent for n in files):
            where = folder
            fsync_folder(folder)
    except BaseException as error:
        removable = set(made)  # what a roll back may delete: backups of this commit, spares
        for name in set(kept) - made:
            spare = _spare_link(kept[name])  # putting it back must not take the backup away
            if spare is not kept[name]:
                kept[name] = spare
                removable.add(name)
        for temp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temp)
        stuck = _roll_back(targets, kept, replaced, removable)
        if stuck:
            on_stuck(stuck)
        if not isinstance(error, OSError):
            raise
        message = os_message(where, error)
        if stuck:
            names = ", ".join(FILES[n] for n in stuck)
            message += (
                f"; {names} could not be put back and already hold the new version, "
                "the other files are as they were"
            )
        else:
            message += "; nothing was changed"
        raise StoreError(message) from None
    for name, data in files.items():
        # The new version is kept too, so it survives the file being deleted or broken.
        with contextlib.suppress(OSError):
            backups.keep(name, targets[name], digest(data))


def _spare_link(backup: Path | None) -> Path | None:
    """A second name for a backup that was there before this commit, for the roll back to
    move into place (and the backup stays). The backup itself when no link can be made."""
    if backup is None:
        return None
    spare = backup.with_name(f".{backup.name}.rollback")
    try:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(spare)
        os.link(backup, spare)
    except OSError:
        return backup
    return spare


def _roll_back(
    targets: Mapping[FileName, Path],
    kept: Mapping[FileName, Path | None],
    replaced: list[FileName],
    removable: set[FileName],
) -> list[FileName]:
    """Undo a failed commit; returns the replaced files that could not be put back."""
    stuck = []
    for name, backup in kept.items():
        try:
            if name not in replaced:
                if backup is not None and name in removable:
                    os.unlink(backup)  # the file was never replaced: no new version to keep
            elif backup is None:
                os.unlink(targets[name])  # it did not exist before
            else:
                os.replace(backup, targets[name])  # the old file itself, back in place
        except OSError:
            if name in replaced:
                stuck.append(name)
    for folder in dict.fromkeys(t.parent for t in targets.values()):
        with contextlib.suppress(OSError):
            fsync_folder(folder)
    return stuck


def sweep_temps(targets: Iterable[Path]) -> None:
    """Remove temp files left by a netplan killed mid-save: only lock holders write them."""
    for target in targets:
        with contextlib.suppress(OSError):
            for temp in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
                with contextlib.suppress(OSError):
                    temp.unlink()
