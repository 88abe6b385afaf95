"""What a file looked like when netplan last read or wrote it, to notice someone else's change."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

_recent: list[tuple[bytes, str]] = []  # the last few digests, newest last


def digest(data: bytes) -> str:
    """The sha256 of `data`. The last few are remembered by identity: a save asks it of the
    same new bytes up to four times (25 ms each for a 48 MB journal), two files at a time."""
    for seen, found in reversed(_recent):
        if seen is data:
            return found
    found = hashlib.sha256(data).hexdigest()
    _recent.append((data, found))
    del _recent[:-4]
    return found


def forget_digests() -> None:
    """Drop the remembered digests and the bytes they hold on to (a save's end)."""
    _recent.clear()


def file_digest(path: Path) -> str:
    """The sha256 of a file, read a piece at a time: a 48 MB journal is not held twice."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def stat_key(st: os.stat_result) -> tuple[int, int, int, int]:
    """What a rewrite changes: size, mtime, inode, and the ctime nothing can set back."""
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when read: stat fields as a cheap first look, the hash decides."""

    size: int
    mtime_ns: int
    inode: int
    digest: str
    # A rewrite in place that restores size and mtime (rsync --inplace -t, some sync tools)
    # still changes the ctime, which nothing can set back.
    ctime_ns: int = 0

    @classmethod
    def of(cls, st: os.stat_result, digest: str) -> Fingerprint:
        return cls(st.st_size, st.st_mtime_ns, st.st_ino, digest, st.st_ctime_ns)

    def same_stat(self, st: os.stat_result) -> bool:
        return stat_key(st) == (self.size, self.mtime_ns, self.inode, self.ctime_ns)


# An optional file that was not there when last looked at (activity.toml before an import).
ABSENT = Fingerprint(-2, -2, -2, "", -2)


class Fingerprints:
    """The fingerprint of each file as last read or written here; None: not known yet.

    Not locked: the store calls it under its own guard.
    """

    def __init__(self) -> None:
        self._known: dict[str, Fingerprint] = {}

    def __contains__(self, name: str) -> bool:
        return name in self._known

    def get(self, name: str) -> Fingerprint | None:
        return self._known.get(name)

    def set(self, name: str, fingerprint: Fingerprint) -> None:
        self._known[name] = fingerprint

    def remember(self, name: str, path: Path, data: bytes) -> None:
        """`data` is what the file at `path` holds now (netplan just wrote it)."""
        try:
            fingerprint = Fingerprint.of(os.stat(path), digest(data))
        except OSError:  # no stat to compare cheaply: the hash decides
            fingerprint = Fingerprint(-1, -1, -1, digest(data), -1)
        self._known[name] = fingerprint

    def holds(self, name: str, data: bytes) -> bool:
        """Whether the file was last known to hold exactly `data`."""
        known = self._known.get(name)
        if known is None or known is ABSENT or (known.size >= 0 and known.size != len(data)):
            return False  # (another size: no need to hash 48 MB to know)
        return known.digest == digest(data)

    def differs(self, name: str, path: Path, cheap: bool) -> bool:
        """Whether the file at `path` differs from what was last read or written.

        With cheap=True an unchanged size, mtime, inode and ctime count as unchanged.
        """
        known = self._known.get(name)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            return known is not None and known is not ABSENT
        if known is None or known is ABSENT:
            return True
        if cheap and known.same_stat(st):
            return False
        try:
            found = file_digest(path)
        except OSError:
            return True
        if found != known.digest:
            return True
        # Same content, new stat (touched, or linked by a backup): look cheaply again next time.
        self._known[name] = Fingerprint.of(st, known.digest)
        return False


def look(paths: list[Path]) -> tuple:
    """A cheap look at files (size, times, inode; None when missing) that changes when any of
    them is written: for files that failed to load, to know when to try again."""
    looks = []
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            looks.append(None)
        else:
            looks.append(stat_key(st))
    return tuple(looks)
