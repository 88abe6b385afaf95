"""The real app, in the terminal the test gives it, on a disk that refuses its saves.

    python signal_child.py MODE MARKER

MODE "replace": plan.toml cannot be replaced (a read-only mount, a synced folder gone bad);
new files can still be made. MODE "nowhere": no new file can be made anywhere (a full disk
under every folder). MARKER is created the first time a save is refused, so the test knows
when the app holds a change that is nowhere on disk.
"""

from __future__ import annotations

import errno
import os
import sys

MODE, MARKER = sys.argv[1], sys.argv[2]
real_open, real_replace = os.open, os.replace


def refused(code: int) -> OSError:
    if not os.path.exists(MARKER):
        os.close(real_open(MARKER, os.O_WRONLY | os.O_CREAT, 0o600))
    return OSError(code, os.strerror(code))


def replace(src, dst, *args, **kwargs):
    if MODE == "replace" and os.path.basename(dst) == "plan.toml":
        raise refused(errno.EROFS)
    return real_replace(src, dst, *args, **kwargs)


def open_file(path, flags, *args, **kwargs):
    new = flags & os.O_CREAT and not os.path.exists(path)
    if MODE == "nowhere" and new and os.fspath(path) != MARKER:
        raise refused(errno.ENOSPC)
    return real_open(path, flags, *args, **kwargs)


os.replace, os.open = replace, open_file
from netplan import fsutil  # noqa: E402

fsutil.exchange = lambda new, target: False  # every replace goes through os.replace
sys.argv = ["netplan"]
from netplan.__main__ import run  # noqa: E402

sys.exit(run())
