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
    kept: dict[FileName, Path | None] = {}
    replaced: list[FileName] = []
    where = next(iter(targets.values())).parent
    try:
        for name, data in files.items():
            where = targets[name]
            staged[name] = write_temp(targets[name], data)
        where = backups.folder
        for name in files:
            kept[name] = backups.keep(name, targets[name])
        for name in files:
            where = targets[name]
            os.replace(staged[name], targets[name])
            del staged[name]
            replaced.append(name)
        for folder in dict.fromkeys(targets[n].parent for n in files):
            where = folder
            fsync_folder(folder)
    except BaseException as error:
        for temp in staged.values():
            with contextlib.suppress(OSError):
                os.unlink(temp)
        stuck = _roll_back(targets, kept, replaced)
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


def _roll_back(
    targets: Mapping[FileName, Path],
    kept: Mapping[FileName, Path | None],
    replaced: list[FileName],
) -> list[FileName]:
    """Undo a failed commit; returns the replaced files that could not be put back."""
    stuck = []
    for name, backup in kept.items():
        try:
            if name not in replaced:
                if backup is not None:
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
