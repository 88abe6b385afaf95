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
from datetime import datetime
from pathlib import Path

from netplan import fsutil
from netplan.fsutil import fsync_folder, os_message, write_temp
from netplan.store.backups import Backups
from netplan.store.fingerprints import digest
from netplan.store.folder import FILES, FileName
from netplan.store.messages import ConflictError, StoreError

Seen = tuple[int, int, int] | None  # inode, size, mtime of a file as loaded; None: absent


def seen(path: Path) -> Seen:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def commit(
    targets: Mapping[FileName, Path],
    files: Mapping[FileName, bytes],
    backups: Backups,
    on_stuck: Callable[[list[FileName]], None],
    expected: Mapping[FileName, Seen],
) -> list[Path]:
    """Write `files` (in order) to their `targets` (real paths), keeping backups first.

    `expected` is each file as it was when its content was checked; one that a sync tool
    replaced meanwhile (while the temp files were written) stops the commit with a
    ConflictError, before anything is replaced. The replace itself is an atomic exchange
    where the system has one: if another version still slipped in, it comes out of the
    exchange and is kept beside the file as a conflict copy, whose path is returned.

    Raises StoreError (for an OSError met on the way, in words) with every file as it was,
    except those passed to `on_stuck` first: replaced files that could not be put back, which
    hold the new version.
    """
    aside: list[Path] = []
    if not files:
        return aside
    for name in files:
        refuse_read_only(targets[name])
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
            if seen(targets[name]) != expected.get(name):
                raise ConflictError([name], targets[name].parent)
            displaced = _swap_in(name, staged[name], targets[name], expected.get(name))
            if displaced is not None:
                aside.append(displaced)
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
    return aside


def refuse_read_only(target: Path) -> None:
    """A file its owner made read-only (chmod a-w) is not replaced behind their back, as a
    rename would do without a word: the save fails, saying why, until it is writable."""
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return
    if not mode & 0o222:
        raise StoreError(
            f"cannot write {target}: it is read-only (mode {mode & 0o777:04o}); netplan does "
            f"not replace a file made read-only. Make it writable (chmod u+w {target}) and "
            "the change is saved; nothing was changed"
        )


def _swap_in(name: FileName, new: Path, target: Path, expected: Seen) -> Path | None:
    """Put `new` in place of `target`; the conflict copy made of another version found
    there at that instant, if any."""
    if expected is None:
        # A file that was not there: linked into place, which never replaces one that
        # appeared meanwhile (file systems without hard links get a plain rename).
        try:
            os.link(new, target)
        except FileExistsError:
            raise ConflictError([name], target.parent) from None
        except OSError:
            os.replace(new, target)
            return None
        os.unlink(new)
        return None
    if not fsutil.exchange(new, target):
        os.replace(new, target)
        return None
    if seen(new) == expected:
        os.unlink(new)  # what was loaded, and it is in the backups
        return None
    return _aside(new, target)


def _aside(displaced: Path, target: Path) -> Path:
    """Another version that arrived as the file was replaced: kept as a conflict copy."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    copy = target.with_name(f"{target.stem}.sync-conflict-{stamp}-netplan{target.suffix}")
    number = 2
    while copy.exists():
        copy = target.with_name(f"{target.stem}.sync-conflict-{stamp}-{number}-netplan.toml")
        number += 1
    os.replace(displaced, copy)
    return copy


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
