"""Exporting the store: an iCalendar file of follow-ups and milestones (`ics`), spreadsheet
CSV files and one JSON document (`tabular`). Each exporter turns models into bytes; writing
them, atomically, is `write_file`'s job."""

from __future__ import annotations

import errno
import re
from pathlib import Path

__all__ = ["ExportFailed", "safe_text", "write_file"]

_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class ExportFailed(Exception):
    """The export could not be written; the message names the file and says why."""


def safe_text(text: str) -> str:
    """Store text for another program: control characters other than line breaks removed."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def write_file(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all or nothing (a temp file, fsync, rename)."""
    from netplan.store import atomic_write

    reasons = {
        errno.ENOENT: "its folder does not exist",
        errno.ENOSPC: "the disk is full",
        errno.EDQUOT: "the disk quota is exceeded",
        errno.EROFS: "the file system is read-only",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.EISDIR: "it is a folder, not a file",
        errno.ENOTDIR: "a part of the path is not a folder",
    }
    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        atomic_write(path, data)
    except OSError as error:
        reason = reasons.get(error.errno or 0, error.strerror or str(error))
        raise ExportFailed(f"cannot write {path}: {reason}") from None
