"""Conflict copies once merged (`netplan resolve`): moved into `.backups/`, and a marker
there, written before the merged file is saved, so that a copy merged by a run that died
before moving it is recognised and not merged a second time.

The marker `.backups/<copy>.merged` holds the digest of the copy and of the file the merge
wrote; the copy was merged when some kept version of the file has that second digest.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from netplan.fsutil import DIR_MODE, atomic_write, fsync_folder
from netplan.store.fingerprints import digest
from netplan.store.folder import FileName

if TYPE_CHECKING:
    from netplan.store.core import Store

MARK = ".merged"


def _mark_path(store: Store, copy: Path) -> Path:
    return store.backup_folder / (copy.name + MARK)


def write_mark(store: Store, copy: Path, result: str) -> Path:
    mark = _mark_path(store, copy)
    store.backup_folder.mkdir(mode=DIR_MODE, exist_ok=True)
    atomic_write(mark, f"{digest(copy.read_bytes())} {result}\n".encode())
    return mark


def merged_before(store: Store, copy: Path, data: bytes, name: FileName) -> bool:
    """Whether an earlier resolve merged this very copy into a version still kept."""
    try:
        copy_digest, result = _mark_path(store, copy).read_text().split()
    except (OSError, ValueError):
        return False
    if copy_digest != digest(data):
        return False
    for version in store.versions(name):
        with contextlib.suppress(OSError):
            if digest(version.path.read_bytes()) == result:
                return True
    return False


def file_away(store: Store, copy: Path) -> Path:
    """Move a merged copy into `.backups/` under its own name (a number added if taken)."""
    folder = store.backup_folder
    folder.mkdir(mode=DIR_MODE, exist_ok=True)
    target = folder / copy.name
    number = 2
    while target.exists():
        target = folder / f"{copy.stem}-{number}{copy.suffix}"
        number += 1
    os.replace(copy, target)
    with contextlib.suppress(OSError):
        _mark_path(store, copy).unlink()
    for place in (copy.parent, folder):
        with contextlib.suppress(OSError):
            fsync_folder(place)
    return target
