"""Writing files so that a crash, a full disk or a signal never leaves half a file.

Shared by the store and the exporters: a temp file in the same folder, written in full and
fsynced, then renamed over the target, then the folder fsynced. OS errors become one
sentence that names the file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import threading
from pathlib import Path
from typing import Any

FILE_MODE = 0o600  # personal data: only its owner reads it
DIR_MODE = 0o700

_REASONS = {
    errno.ENOENT: "its folder does not exist",
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exceeded",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EIO: "an input/output error occurred",
    errno.EFBIG: "the file is too large for this file system or limit",
    errno.EISDIR: "it is a folder, not a file",
    errno.ENOTDIR: "a part of the path is not a folder",
}


def os_message(path: Path, error: OSError, verb: str = "write") -> str:
    """ "cannot write PATH: the disk is full" for an OSError met while writing path."""
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    return f"cannot {verb} {path}: {reason}"


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_all(fd: int, data: bytes) -> None:
    """os.write until every byte is written (it may write fewer than asked)."""
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        if written <= 0:  # never loop forever on a device that takes nothing
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


def temp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")


def write_temp(target: Path, data: bytes) -> Path:
    """A fsynced temp file beside target holding data, with target's mode (0600 for a new one)."""
    mode = FILE_MODE
    with contextlib.suppress(FileNotFoundError):
        mode = stat.S_IMODE(os.stat(target).st_mode)
    temp = temp_name(target)
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        try:
            write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        if mode != 0o600:
            os.chmod(temp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    return temp


def atomic_write(path: Path, data: bytes) -> None:
    """Replace path's content with data, all or nothing; a symlink stays a symlink."""
    target = Path(os.path.realpath(path))
    temp = write_temp(target, data)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    fsync_folder(target.parent)


_RENAME_EXCHANGE = 2
_renameat2: Any = None


def exchange(new: Path, target: Path) -> bool:
    """Swap two paths atomically (Linux renameat2 RENAME_EXCHANGE): `target` then holds the
    new file and `new` what `target` held, to be looked at. False (nothing done) where the
    system or the file system cannot; the caller then replaces."""
    global _renameat2
    import ctypes  # only when a save replaces a file: it costs start-up time

    if _renameat2 is None:
        _renameat2 = False
        if sys.platform.startswith("linux"):
            try:
                libc = ctypes.CDLL(None, use_errno=True)
                function = libc.renameat2
                function.argtypes = [
                    ctypes.c_int,
                    ctypes.c_char_p,
                    ctypes.c_int,
                    ctypes.c_char_p,
                    ctypes.c_uint,
                ]
                _renameat2 = function
            except (OSError, AttributeError):
                _renameat2 = False
    if not _renameat2:
        return False
    at_cwd = -100
    result = _renameat2(at_cwd, os.fsencode(new), at_cwd, os.fsencode(target), _RENAME_EXCHANGE)
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(target))
