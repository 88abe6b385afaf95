"""Paths an export must never write: the store's own files and its backups.

An export replaces its target with no backup, so written onto plan.toml (directly, through
`..`, a symlink or a hard link) or into `.backups/` it would silently destroy the store.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from pathlib import Path

from netplan.cli.support import CommandError
from netplan.store.folder import BACKUP_DIR, FILES, LOCK_NAME


def own_file(path: Path, folder: Path) -> str | None:
    """Which of the store's own files `path` is ("contacts.toml", ".backups/…"), or None."""
    real = Path(os.path.realpath(path))
    store = Path(os.path.realpath(folder))
    backups = store / BACKUP_DIR
    if real.is_relative_to(backups):
        return f"{BACKUP_DIR}/ (its backups)"
    names = [*FILES.values(), LOCK_NAME]
    for name in names:
        if real == store / name:
            return name
    # Real paths miss a hard link (and a case-insensitive file system's other spelling):
    # an existing target is also compared by device and inode.
    try:
        seen = os.stat(path)
    except OSError:
        return None  # it does not exist yet, so it is no other file
    candidates = [(name, store / name) for name in names]
    with contextlib.suppress(OSError):  # no backups yet
        candidates += [(f"{BACKUP_DIR}/ (its backups)", p) for p in backups.iterdir()]
    for name, candidate in candidates:
        try:
            if os.path.samestat(seen, os.stat(candidate)):
                return name
        except OSError:
            continue
    return None


def refuse_own_files(paths: Iterable[Path], folder: Path) -> None:
    """CommandError (exit status 1) naming the first of `paths` that is one of netplan's own
    files in the store `folder`; call before anything is written."""
    for path in paths:
        which = own_file(path, folder)
        if which is not None:
            raise CommandError(
                f"{path} is one of netplan's own files ({which} in the store {folder}); "
                "export to another path"
            )
