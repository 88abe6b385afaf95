"""The versions kept of each store file in `.backups/`: made before every replace, pruned to
the newest few and one per recent day, listed for `netplan restore`."""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from netplan.fsutil import DIR_MODE, FILE_MODE, write_all
from netplan.store.folder import BACKUP_DIR, FILES, FileName
from netplan.store.messages import StoreError

KEEP_RECENT_BACKUPS = 10
KEEP_DAILY_BACKUPS = 14


@dataclass(frozen=True)
class Version:
    """One version of a store file: the file itself (current) or a backup of an earlier one."""

    name: FileName
    path: Path
    saved: datetime  # when this version was written (the file's mtime; a backup keeps it)
    size: int
    current: bool


class Backups:
    """The backup folder of one store folder."""

    def __init__(self, store_folder: Path) -> None:
        self.store_folder = store_folder
        self.folder = store_folder / BACKUP_DIR

    def of(self, name: FileName) -> list[Path]:
        """Backups of one file, oldest first."""
        try:
            found = [p for p in self.folder.iterdir() if p.name.startswith(FILES[name] + ".")]
        except (FileNotFoundError, NotADirectoryError):
            return []
        return sorted(found, key=lambda p: p.name)

    def keep(self, name: FileName, source: Path) -> Path | None:
        """Keep the file at `source` as a backup of `name`; None when there is no such file."""
        if not source.exists():
            return None
        self.folder.mkdir(mode=DIR_MODE, exist_ok=True)
        stamp = datetime.now().strftime("%Y%m%dT%H%M%S%f")
        backup = self.folder / f"{FILES[name]}.{stamp}"
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

    def prune(self) -> None:
        """Keep the newest few versions of each file, and the newest of each recent day."""
        for name in FILES:
            backups = self.of(name)
            keep = set(backups[-KEEP_RECENT_BACKUPS:])
            days: dict[str, Path] = {}
            for backup in backups:
                days[backup.name.rsplit(".", 1)[1][:8]] = backup
            keep.update(sorted(days.values())[-KEEP_DAILY_BACKUPS:])
            for backup in backups:
                if backup not in keep:
                    with contextlib.suppress(OSError):
                        backup.unlink()

    def versions(self, name: FileName) -> list[Version]:
        """The versions of one file kept here, newest first: the file itself, then backups."""
        found = []
        current = self.store_folder / FILES[name]
        for path, is_current in [(current, True)] + [(b, False) for b in self.of(name)]:
            try:
                st = os.stat(path)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                saved = datetime.fromtimestamp(st.st_mtime)
                found.append(Version(name, path, saved, st.st_size, is_current))
        return sorted(found, key=lambda v: (v.saved, v.current), reverse=True)

    def chosen_at(self, until: datetime) -> dict[FileName, Version]:
        """For each file, its newest version saved at or before `until` (to the second, as
        `netplan restore --list` shows the times); StoreError naming every file without one."""
        chosen: dict[FileName, Version] = {}
        problems: list[str] = []
        for name in FILES:
            versions = self.versions(name)
            earlier = [v for v in versions if v.saved.replace(microsecond=0) <= until]
            if earlier:
                chosen[name] = earlier[0]
            elif versions:
                oldest = versions[-1].saved.isoformat(sep=" ", timespec="seconds")
                problems.append(
                    f"{FILES[name]}: no version from {until:%Y-%m-%d %H:%M:%S} or before is "
                    f"kept (the oldest is from {oldest}); choose a later time"
                )
            else:
                problems.append(f"{FILES[name]}: no version of it is kept in {self.store_folder}")
        if problems:
            raise StoreError(problems[0], problems)
        return chosen
