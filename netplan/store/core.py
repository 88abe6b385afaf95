"""The store: the only code that touches netplan's files. Find, create, load, validate, save.

Saving follows ../shared/reliability.md: encode and re-validate first, then, under a lock on a
separate file, check that nothing changed on disk since it was loaded (the hash decides), keep
the old file as a backup (a hard link), write a temp file in the same folder, fsync it, replace
the real file and fsync the folder. A failed save leaves every file as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from netplan.fsutil import DIR_MODE, FILE_MODE, atomic_write, os_message
from netplan.models import ActivityLog, ContactBook, Journal, Plan
from netplan.runtime.gc_pause import gc_paused
from netplan.runtime.pausing import Pause
from netplan.store.backups import Backups, Version
from netplan.store.codec import decode, encode
from netplan.store.fingerprints import (
    ABSENT,
    Fingerprint,
    Fingerprints,
    digest,
    forget_digests,
    look,
)
from netplan.store.folder import (
    BACKUP_DIR,
    FILES,
    LOCK_NAME,
    OPTIONAL,
    REQUIRED,
    FileName,
    conflict_copies,
    missing_file_message,
)
from netplan.store.journal_part import PartialJournal, appended_to_part
from netplan.store.known_valid import KnownValid
from netplan.store.messages import ConflictError, StoreError
from netplan.store.order import write_order
from netplan.store.references import check_references
from netplan.store.rewrite import rewritten
from netplan.store.writer import commit, seen, sweep_temps

LOCK_TIMEOUT = 10.0
MODELS_EMPTY = {"activity": ActivityLog}


@dataclass
class Snapshot:
    plan: Plan
    contacts: ContactBook
    journal: Journal
    activity: ActivityLog = field(default_factory=ActivityLog)


class Store(KnownValid):
    """A store folder. Remembers the fingerprint of each file as last read or written."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self._known = Fingerprints()
        # Versions of a file that arrived during the last commit, kept as conflict copies.
        self.set_aside: list[Path] = []
        # Each file's bytes and model as last read or written: what a surgical save edits.
        self._texts: dict[FileName, tuple[bytes, Any]] = {}
        self._guard = threading.RLock()  # saves may run in worker threads
        self._file_lock: Any = None
        self._backups = Backups(self.folder)
        # The ids in contacts.toml as last read or written here (see write_order).
        self._contact_ids: set[str] | None = None
        # The digests of the files as last loaded valid together, or written on from there
        # (see netplan.store.checked); None once a file was read on its own.
        self._valid = None

    # paths

    def path(self, name: FileName) -> Path:
        return self.folder / FILES[name]

    @property
    def backup_folder(self) -> Path:
        return self._backups.folder

    def backups(self, name: FileName) -> list[Path]:
        """Backups of one file, oldest first."""
        return self._backups.of(name)

    def conflict_copies(self) -> list[Path]:
        """Copies left by sync tools (Syncthing, Dropbox) that the user should look at."""
        return conflict_copies(self.folder)

    # first run

    def ensure(self, plan_factory: Callable[[], Plan] | None = None) -> bool:
        """Create the folder and any missing file; True when this was a first run.

        A missing file whose backups exist is not a first run: that is refused, so a lost or
        moved file never silently turns into an empty one.
        """
        if self.folder.exists() and not self.folder.is_dir():
            raise StoreError(f"{self.folder} is a file, not a folder; point --data at a folder")
        try:
            self.folder.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(os_message(self.folder, error)) from None
        if not self._missing():
            return False
        # Two copies started at once on a new folder: without the lock, the slower one could
        # write its empty defaults over a change the faster one has already saved.
        with self.lock():
            missing = self._missing()
            if not missing:
                return False
            for name in missing:
                if self.backups(name):
                    raise StoreError(
                        f"{FILES[name]} is missing from {self.folder} but {BACKUP_DIR}/ holds "
                        f"earlier versions of it; put the newest back with `netplan restore` "
                        "(see `netplan restore --list`) rather than starting empty"
                    )
            if len(missing) < len(REQUIRED):
                raise StoreError(missing_file_message(self.folder, missing))
            if plan_factory is None:
                from netplan.defaults import default_plan as plan_factory
            fresh: dict[FileName, BaseModel] = {
                "plan": plan_factory(),
                "contacts": ContactBook(),
                "journal": Journal(),
            }
            for name in missing:
                data = encode(fresh[name])
                try:
                    atomic_write(self.path(name), data)
                except OSError as error:
                    raise StoreError(os_message(self.path(name), error)) from None
                self._remember(name, data, fresh[name])
        return len(missing) == len(REQUIRED)

    def _missing(self) -> list[FileName]:
        return [n for n in REQUIRED if self._absent(n)]

    def _absent(self, name: FileName) -> bool:
        return not self.path(name).exists() and not self.path(name).is_symlink()

    # reading

    def _read_bytes(self, name: FileName) -> tuple[bytes, Fingerprint]:
        path = self.path(name)
        try:
            with open(path, "rb") as handle:
                st = os.fstat(handle.fileno())
                if stat.S_ISDIR(st.st_mode):
                    raise IsADirectoryError(errno.EISDIR, "is a directory")
                data = handle.read()
        except FileNotFoundError:
            raise StoreError(f"{path} does not exist") from None
        except IsADirectoryError:
            raise StoreError(f"{path} is a folder, but netplan keeps a file there") from None
        except OSError as error:
            raise StoreError(f"cannot read {path}: {error.strerror}") from None
        return data, Fingerprint.of(st, digest(data))

    def read(self, name: FileName, pause: Pause | None = None) -> Any:
        """Load and validate one file, remembering its fingerprint (see `decode`). An
        optional file that is absent reads as empty, unless backups of it exist."""
        if name in OPTIONAL and self._absent(name):
            if self.backups(name):
                raise StoreError(missing_file_message(self.folder, [name]))
            with self._guard:
                self._known.set(name, ABSENT)
                self._texts.pop(name, None)
            return MODELS_EMPTY[name]()
        data, fingerprint = self._read_bytes(name)
        with gc_paused(keep=True):
            model = decode(name, data, str(self.path(name)), pause)
        with self._guard:
            self._known.set(name, fingerprint)
            self._texts[name] = (data, model)
            if name == "contacts":
                self._contact_ids = {c.id for c in model.contacts}
            if self._valid is not None and self._valid.get(name) != fingerprint.digest:
                self._valid = None
        return model

    def held(self, name: FileName) -> bytes | None:
        """The bytes of the file as last read or written here (None: absent or not read)."""
        with self._guard:
            known = self._texts.get(name)
        return None if known is None else known[0]

    def encoded(self, name: FileName, model: BaseModel) -> bytes:
        """The bytes a save of `model` would write now (checked to read back the same)."""
        with gc_paused():
            return self._encoded(name, model)

    def read_plan(self) -> Plan:
        return self.read("plan")

    def read_contacts(self, pause: Pause | None = None) -> ContactBook:
        return self.read("contacts", pause)

    def read_journal(self, pause: Pause | None = None) -> Journal:
        return self.read("journal", pause)

    def read_activity(self, pause: Pause | None = None) -> ActivityLog:
        return self.read("activity", pause)

    def load(self, read: Mapping[FileName, Any] | None = None) -> Snapshot:
        """Every file, validated, with cross-file references checked; every problem reported.
        `read`: files just read here (under the same lock), not read again."""
        loaded: dict[str, Any] = dict(read or {})
        problems: list[str] = []
        for name in FILES:
            if name in loaded:
                continue
            try:
                loaded[name] = self.read(name)
            except StoreError as error:
                problems.extend(error.problems)
        if not problems:
            problems = check_references(
                loaded["plan"],
                loaded["contacts"],
                loaded["journal"],
                self.folder,
                activity=loaded["activity"],
            )
        if problems:
            raise StoreError(problems[0], problems)
        self._note_valid()
        return Snapshot(loaded["plan"], loaded["contacts"], loaded["journal"], loaded["activity"])

    # change detection

    def _remember(self, name: FileName, data: bytes, model: Any = None) -> None:
        """The file holds `data` now (netplan wrote it), which reads as `model` if given."""
        with self._guard:
            self._known.remember(name, self.path(name), data)
            if model is None:
                self._texts.pop(name, None)
            else:
                self._texts[name] = (data, model)

    def fingerprint(self, name: FileName) -> Fingerprint | None:
        return self._known.get(name)

    def look(self, names: tuple[FileName, ...]) -> tuple:
        """A cheap look at files that changes when any of them is written (see fingerprints)."""
        return look([self.path(n) for n in names])

    def changed_on_disk(self, cheap: bool = True) -> list[FileName]:
        """Files whose content differs from what was last read or written here.

        With cheap=True an unchanged size, mtime and inode count as unchanged (for polling);
        otherwise the hash decides.
        """
        with self._guard:
            return [
                n for n in FILES if n in self._known and self._known.differs(n, self.path(n), cheap)
            ]

    # writing

    @contextlib.contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """The writer lock: a flock on a separate file, so it dies with its process.

        Re-entrant: a command holds it around read-modify-save, and save takes it again.
        """
        from filelock import FileLock, Timeout

        with self._guard:
            if self._file_lock is None:
                self._file_lock = FileLock(
                    self.folder / LOCK_NAME,
                    mode=FILE_MODE,
                    thread_local=False,
                    preserve_lock_file=True,
                )
            try:
                self._file_lock.acquire(timeout=timeout)
            except Timeout:
                raise StoreError(
                    f"another netplan is saving to {self.folder} and did not finish within "
                    f"{timeout:.0f} s; try again"
                ) from None
            except OSError as error:
                message = os_message(self.folder / LOCK_NAME, error) + "; nothing was changed"
                raise StoreError(message) from None
            try:
                yield
            finally:
                self._file_lock.release()

    def save(self, **models: BaseModel) -> list[FileName]:
        """Write the given files (plan=, contacts=, journal=) all or nothing.

        A file whose bytes would not change is not rewritten. Raises ConflictError when a
        file changed on disk since it was read here, StoreError when it cannot be written;
        in both cases every file is left exactly as it was. Returns the files written.
        """
        try:
            return self._save(models)
        finally:
            forget_digests()  # they hold on to the bytes of this save

    def _save(self, models: dict[str, BaseModel]) -> list[FileName]:
        encoded: dict[FileName, bytes] = {}
        for name, model in models.items():
            if name not in FILES:
                raise TypeError(f"unknown store file {name!r}")
            with gc_paused():
                encoded[name] = self._encoded(name, model)
        with self.lock():
            conflicts = [n for n in encoded if self._known.differs(n, self.path(n), cheap=False)]
            if conflicts:
                raise ConflictError(conflicts, self.folder)
            todo = {
                n: encoded[n]
                for n in write_order(models, self._contact_ids)
                if not self._known.holds(n, encoded[n]) and not self._stays_absent(n, models[n])
            }
            plain = self._plain_after(todo)
            plan_before = self._known.get("plan"), self._texts.get("plan")
            self._commit(todo, models)
            for name, data in todo.items():
                self._remember(name, data, models[name])
            if todo:
                self._note_valid(todo, plain, plan_before)
            if "contacts" in todo:
                self._contact_ids = {c.id for c in models["contacts"].contacts}  # type: ignore[attr-defined]
            self._backups.prune()
        return list(todo)

    def _stays_absent(self, name: FileName, model: BaseModel) -> bool:
        """An optional file that is not there and would hold nothing is not created."""
        return (
            name in OPTIONAL and self._known.get(name) is ABSENT and model == MODELS_EMPTY[name]()
        )

    def _encoded(self, name: FileName, model: BaseModel) -> bytes:
        """The file's new bytes over the last read or written text (see `rewritten`)."""
        known = self._texts.get(name)
        if known is not None and known[1] is model:
            return known[0]  # the file holds this already
        if isinstance(model, PartialJournal) or (known and isinstance(known[1], PartialJournal)):
            return appended_to_part(known, model)
        return rewritten(name, known, model, unchanged=lambda data: self._known.holds(name, data))

    def _commit(self, files: Mapping[FileName, bytes], models: Mapping[str, Any]) -> None:
        """Write files (whose bytes read as `models`), in order, all or nothing; the caller
        holds the lock (see writer)."""
        if not files:
            return
        sweep_temps(Path(os.path.realpath(self.path(n))) for n in FILES)
        targets = {n: Path(os.path.realpath(self.path(n))) for n in files}

        def stuck(names: list[FileName]) -> None:
            # A file that could not be put back (the device failed between two replaces)
            # holds the new version: remember that, so a retry does not see someone else's.
            for name in names:
                self._remember(name, files[name], models[name])

        # Each file as it is now (its content was just checked): a commit that finds one
        # replaced meanwhile stops, and one that arrives during the exchange is kept aside.
        expected = {n: seen(targets[n]) for n in files}
        self.set_aside = commit(targets, files, self._backups, stuck, expected)

    # restoring from backups

    def versions(self, name: FileName) -> list[Version]:
        """The versions of one file kept here, newest first: the file itself, then backups."""
        return self._backups.versions(name)

    def restore(
        self, until: datetime, timeout: float = 2.0
    ) -> tuple[dict[FileName, Version], list[FileName]]:
        """Put back each file as it was at `until` (see netplan.store.restore)."""
        from netplan.store.restore import restore

        return restore(self, until, timeout)

    def write_recovery(self, name: FileName, model: BaseModel) -> Path:
        """Save this side's version where it cannot be saved over the file (see recovery)."""
        from netplan.store.recovery import write_recovery

        return write_recovery(self.folder, name, model)
