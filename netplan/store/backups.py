"""The versions kept of each store file in `.backups/`, for `netplan restore`.

Every version netplan writes is kept, the newest too (so `restore now` after the file was
deleted brings back the last save, not the one before), and a version written by someone
else is kept before netplan replaces it. A backup is a hard link (free) or, where links
are impossible, a copy. Its name holds a save number, the time and the content's digest:

    contacts.toml.0000000042.20261125T101500123456.3f2a9c1b7d0e4a55

The number orders the versions (a clock set wrong never reorders or prunes them), and the
digest tells a real version from a link that an editor writing in place (vim with
`backupcopy=yes`, nano, `>>`) changed along with the live file: such a link is no version.

Pruning, after every save, bounds the disk each file's backups take (see `budget`): its 3
newest versions always stay, whatever their size; then, while they fit, the rest of the last
10 and then the last version of each of the 14 most recent days, newest first. A file with a
sync tool's conflict copy beside it keeps every version. Disk is counted as it is used: a
backup that is the live file itself (its hard link) is free, links of each other count once.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from netplan.fsutil import DIR_MODE, FILE_MODE, write_all
from netplan.store.folder import BACKUP_DIR, FILES, OPTIONAL, FileName
from netplan.store.messages import StoreError

KEEP_RECENT_BACKUPS = 10
KEEP_DAILY_BACKUPS = 14
KEEP_NEWEST_BACKUPS = 3  # kept whatever their size: the last save and the two before it
# The disk one file's backups may take beyond the file itself: 4 × its size, so that a 48 MB
# journal (30,000 contacts, 300,000 interactions) keeps a few versions instead of ~24 full
# copies (1.1 GB); at least 64 MiB, so that a file of up to ~2.9 MB (a 1,000-contact store's
# journal is 1.6 MB) keeps all its 10 recent and 14 daily versions. A budget per file, not one
# for the store: a big journal never takes the room plan.toml's history needs (a few hundred
# KB), and one file's waiting conflict copy never cuts the others'.
BACKUP_BUDGET_FLOOR = 64 * 2**20
BACKUP_BUDGET_PER_BYTE = 4
_NAME = re.compile(r"(?:(\d{10})\.)?(\d{8}T\d{12})(?:\.([0-9a-f]{16}))?")


@dataclass(frozen=True)
class Version:
    """One version of a store file: the file itself (current) or a backup of an earlier one."""

    name: FileName
    path: Path
    saved: datetime  # when this version was written (the file's mtime; a backup keeps it)
    size: int
    current: bool
    number: int = -1  # the save number of a backup (-1: the file itself, or an old backup)


def budget(size: int) -> int:
    """The disk the backups of a file of `size` bytes may take beyond the file itself (its 3
    newest versions stay even beyond it)."""
    return max(BACKUP_BUDGET_FLOOR, BACKUP_BUDGET_PER_BYTE * size)


def _inode(st: os.stat_result) -> tuple[int, int]:
    return (st.st_dev, st.st_ino)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


class Backups:
    """The backup folder of one store folder."""

    def __init__(self, store_folder: Path) -> None:
        self.store_folder = store_folder
        self.folder = store_folder / BACKUP_DIR

    @staticmethod
    def _parts(name: FileName, path: Path) -> tuple[int, str, str | None] | None:
        found = _NAME.fullmatch(path.name.removeprefix(FILES[name] + "."))
        if found is None:
            return None
        return int(found[1]) if found[1] else -1, found[2], found[3]

    def of(self, name: FileName) -> list[Path]:
        """Backups of one file, oldest first (in the order they were saved)."""
        try:
            found = [p for p in self.folder.iterdir() if p.name.startswith(FILES[name] + ".")]
        except (FileNotFoundError, NotADirectoryError):
            return []
        ordered = [(parts, p) for p in found if (parts := self._parts(name, p)) is not None]
        ordered.sort(key=lambda item: (item[0][0], item[0][1]))
        return [path for _parts, path in ordered]

    def keep(self, name: FileName, source: Path, digest: str | None = None) -> Path | None:
        """Keep the file at `source` as the newest backup of `name` (its content's sha256 is
        `digest` when known); None when there is no such file."""
        if not source.exists():
            return None
        self.folder.mkdir(mode=DIR_MODE, exist_ok=True)
        existing = self.of(name)
        number = max((self._parts(name, p)[0] for p in existing), default=-1) + 1  # type: ignore[index]
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        short = (digest or hashlib.sha256(source.read_bytes()).hexdigest())[:16]
        backup = self.folder / f"{FILES[name]}.{number:010d}.{stamp}.{short}"
        try:
            os.link(source, backup)
        except OSError:
            # Hard links are free but not everywhere possible (other file systems, Windows).
            data = source.read_bytes()
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
            try:
                try:
                    write_all(fd, data)
                    os.fsync(fd)
                finally:
                    os.close(fd)
                st = os.stat(source)
                os.utime(backup, ns=(st.st_atime_ns, st.st_mtime_ns))  # when it was saved
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(backup)  # never leave a partial backup that looks like a version
                raise
        return backup

    def holding(self, name: FileName, source: Path) -> Path | None:
        """The newest backup, if it is the file at `source` itself (its hard link)."""
        existing = self.of(name)
        if not existing:
            return None
        with contextlib.suppress(OSError):
            if os.path.samefile(existing[-1], source):
                return existing[-1]
        return None

    def prune(self) -> None:
        """Bound each file's backups to its budget (see the module); a file with a sync
        tool's conflict copy beside it keeps all: any of its versions may be the common base
        `netplan resolve` merges that copy against. Runs after every save, so it reads no
        file: names and os.stat only."""
        from netplan.store.folder import conflict_copies, copy_of

        waiting = {copy_of(copy) for copy in conflict_copies(self.store_folder)}
        for name in FILES:
            if name in waiting:
                continue
            backups = self._stated(name)
            kept = self._to_keep(name, backups)
            for path, _st in backups:
                if path not in kept:
                    with contextlib.suppress(OSError):
                        path.unlink()

    def _stated(self, name: FileName) -> list[tuple[Path, os.stat_result]]:
        """Backups of one file with their stat, oldest first (one gone meanwhile is left out)."""
        found = []
        for path in self.of(name):
            with contextlib.suppress(OSError):
                found.append((path, os.stat(path)))
        return found

    def _to_keep(self, name: FileName, backups: list[tuple[Path, os.stat_result]]) -> set[Path]:
        """The backups pruning keeps of one file: the 3 newest whatever they cost, then the
        others in order of preference (see `_preferred`) while they fit in its budget; the
        first one that does not fit ends it (after it, only what costs nothing is kept: a
        link of a version already kept)."""
        try:
            live = os.stat(self.store_folder / FILES[name])
        except OSError:
            live = None  # deleted: its newest backup stands in for its size
        size = live.st_size if live is not None else (backups[-1][1].st_size if backups else 0)
        counted = {_inode(live)} if live is not None else set()  # the live file costs nothing
        allowed, spent = budget(size), 0
        kept: set[Path] = set()
        full = False
        newest = backups[-KEEP_NEWEST_BACKUPS:]
        for rank, (path, st) in enumerate(newest + self._preferred(name, backups)):
            if path in kept:
                continue
            cost = 0 if _inode(st) in counted else st.st_size
            if rank >= len(newest) and cost and (full or spent + cost > allowed):
                full = True
                continue
            kept.add(path)
            counted.add(_inode(st))
            spent += cost
        return kept

    def _preferred(
        self, name: FileName, backups: list[tuple[Path, os.stat_result]]
    ) -> list[tuple[Path, os.stat_result]]:
        """The versions worth keeping, most wanted first: the last few saved, newest first,
        then the last of each of the most recent days, newest day first (days as the names
        say)."""
        recent = backups[-KEEP_RECENT_BACKUPS:][::-1]
        days: dict[str, tuple[Path, os.stat_result]] = {}
        for backup in backups:  # in saving order: the last of each day wins
            parts = self._parts(name, backup[0])
            days[parts[1][:8]] = backup  # type: ignore[index]
        return recent + list(days.values())[-KEEP_DAILY_BACKUPS:][::-1]

    def versions(self, name: FileName) -> list[Version]:
        """The versions of one file kept here, newest first: the file itself, then backups
        in the reverse order of saving. A backup that is the file itself is not listed
        twice, and one whose content no longer matches its digest is no version at all."""
        current = self.store_folder / FILES[name]
        found: list[Version] = []
        for path, is_current in [(current, True)] + [(b, False) for b in reversed(self.of(name))]:
            try:
                st = os.stat(path)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            number = -1
            if not is_current:
                parts = self._parts(name, path)
                assert parts is not None
                number, _stamp, digest = parts
                with contextlib.suppress(OSError):
                    if current.exists() and os.path.samefile(path, current):
                        continue  # the current file itself, listed above
                try:
                    if digest is not None and _digest(path) != digest:
                        continue  # changed in place along with the file it was linked to
                except OSError:
                    continue
            saved = datetime.fromtimestamp(st.st_mtime)
            found.append(Version(name, path, saved, st.st_size, is_current, number))
        return found

    def chosen_at(self, until: datetime) -> dict[FileName, Version]:
        """For each file, its newest version saved at or before `until` (to the second, as
        `netplan restore --list` shows the times), newest in the order of saving; StoreError
        naming every file without one. An optional file without one is left out: it was
        not there then (see restore)."""
        chosen: dict[FileName, Version] = {}
        problems: list[str] = []
        for name in FILES:
            versions = self.versions(name)
            earlier = [v for v in versions if v.saved.replace(microsecond=0) <= until]
            if earlier:
                chosen[name] = earlier[0]
            elif name in OPTIONAL:
                continue
            elif versions:
                oldest = min(v.saved for v in versions).isoformat(sep=" ", timespec="seconds")
                problems.append(
                    f"{FILES[name]}: no version from {until:%Y-%m-%d %H:%M:%S} or before is "
                    f"kept (the oldest is from {oldest}); choose a later time"
                )
            else:
                problems.append(f"{FILES[name]}: no version of it is kept in {self.store_folder}")
        if problems:
            raise StoreError(problems[0], problems)
        return chosen
