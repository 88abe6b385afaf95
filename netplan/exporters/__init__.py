"""Exporting the store: an iCalendar file of follow-ups and milestones (`ics`), spreadsheet
CSV files and one JSON document (`tabular`). Each exporter turns models into bytes; writing
them, atomically, is `write_file`'s job."""

from __future__ import annotations

import errno
from pathlib import Path

__all__ = ["ExportFailed", "write_file"]


class ExportFailed(Exception):
    """The export could not be written; the message names the file and says why."""


def write_file(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all or nothing (a temp file, fsync, rename)."""
    from netplan.fsutil import atomic_write, os_message

    try:
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, "is a directory")
        atomic_write(path, data)
    except OSError as error:
        raise ExportFailed(os_message(path, error)) from None
