"""The vdir's files: its two folders made and checked, files listed, read with a size limit,
written all or nothing (temp file in the same folder, fsync, rename) and removed."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from netplan.fsutil import DIR_MODE, atomic_write, fsync_folder, os_message, temp_name, write_temp
from netplan.sync.card_reading import Malformed

CONTACTS, TASKS = "contacts", "tasks"
CARD_EXT, TASK_EXT = ".vcf", ".ics"
MAX_BYTES = 1024 * 1024  # a card or task bigger than this is not one netplan wrote or reads


class VdirError(Exception):
    """The vdir cannot be created, read or written; the message names the path."""


def prepare(vdir: Path) -> tuple[Path, Path]:
    """DIR/contacts and DIR/tasks, created when missing and shown to be writable (a temp
    file written and removed), before the store changes."""
    folders = (vdir / CONTACTS, vdir / TASKS)
    for folder in (vdir, *folders):
        try:
            folder.mkdir(mode=DIR_MODE, exist_ok=True)
        except FileExistsError:
            raise VdirError(f"cannot use {folder}: it is a file, not a folder") from None
        except OSError as error:
            raise VdirError(os_message(folder, error, "create")) from None
        if not folder.is_dir():
            raise VdirError(f"cannot use {folder}: it is a file, not a folder")
    for folder in folders:
        probe = temp_name(folder / "netplan-probe")
        try:
            atomic_write(probe, b"")
            probe.unlink()
        except OSError as error:
            with contextlib.suppress(OSError):
                probe.unlink()
            raise VdirError(os_message(folder, error)) from None
    return folders


def listing(folder: Path, ext: str) -> list[str]:
    """The names of the folder's files with that extension (hidden temp files left out)."""
    try:
        names = sorted(os.listdir(folder))
    except OSError as error:
        raise VdirError(os_message(folder, error, "read")) from None
    return [n for n in names if n.endswith(ext) and not n.startswith(".")]


def read_limited(path: Path) -> bytes:
    """The file's bytes; Malformed when it is too big, not a file, or unreadable."""
    if not os.path.isfile(path):  # a folder, a FIFO (opening one would wait forever)
        raise Malformed("not a regular file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise Malformed(f"cannot be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise Malformed(f"larger than {MAX_BYTES // 1024 // 1024} MiB")
    return data


def write(path: Path, data: bytes, touched: set[Path] | None = None) -> None:
    """Replace the file all or nothing (fsynced temp file, rename). With `touched`, its
    folder is fsynced later, once for all the files (`settle`), not after each one."""
    if touched is None:
        try:
            atomic_write(path, data)
        except OSError as error:
            raise VdirError(os_message(path, error)) from None
        return
    target = Path(os.path.realpath(path))
    try:
        temp = write_temp(target, data)
        try:
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
    except OSError as error:
        raise VdirError(os_message(path, error)) from None
    touched.add(target.parent)


def settle(touched: set[Path]) -> None:
    """fsync the folders written into, so the renames survive a power cut."""
    for folder in sorted(touched):
        try:
            fsync_folder(folder)
        except OSError as error:
            raise VdirError(os_message(folder, error)) from None


def remove(path: Path) -> None:
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise VdirError(os_message(path, error, "remove")) from None
