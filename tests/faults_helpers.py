"""Fault injection for the reliability suite: I/O errors at the Nth call, store snapshots.

Round counts scale with the environment variable NETPLAN_STRESS (a factor, default 1), so a
longer local run is `NETPLAN_STRESS=20 pytest -m slow`.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from netplan import fsutil
from netplan.store import BACKUP_DIR, FILES, Store
from netplan.store.folder import OPTIONAL

STRESS = float(os.environ.get("NETPLAN_STRESS", "1") or 1)


def rounds(n: int) -> int:
    """n rounds, scaled by NETPLAN_STRESS."""
    return max(1, round(n * STRESS))


def demo_store(folder: Path, people: int = 6) -> Store:
    """A store holding the first few people of the demo data, and their journal."""
    store = Store(folder)
    store.ensure()
    store.load()
    from netplan.demo import demo_files

    files = demo_files(date(2026, 11, 25))
    plan, contacts, journal, activity = (
        files["plan"], files["contacts"], files["journal"], files["activity"]
    )  # fmt: skip
    kept = contacts.contacts[:people]
    ids = {c.id for c in kept}
    contacts = contacts.model_copy(update={"contacts": kept})
    journal = journal.model_copy(
        update={"interactions": [i for i in journal.interactions if i.contact in ids]}
    )
    activity = activity.model_copy(
        update={"activity": [a for a in activity.activity if a.contact in ids | {None}]}
    )
    store.save(plan=plan, contacts=contacts, journal=journal, activity=activity)
    fresh = Store(folder)
    fresh.load()
    return fresh


def store_bytes(folder: Path) -> dict[str, bytes | None]:
    """The bytes of each store file (None when it cannot be read as a file); an optional
    file (activity.toml) that is not there is left out."""
    out: dict[str, bytes | None] = {}
    for key, name in FILES.items():
        if key in OPTIONAL and not (folder / name).exists():
            continue
        try:
            out[name] = (folder / name).read_bytes()
        except OSError:
            out[name] = None
    return out


def backups(folder: Path) -> dict[str, bytes]:
    try:
        return {p.name: p.read_bytes() for p in sorted((folder / BACKUP_DIR).iterdir())}
    except FileNotFoundError:
        return {}


def litter(*folders: Path) -> list[Path]:
    """Temp files that a save left behind."""
    return sorted(p for folder in folders for p in folder.glob(".*.tmp"))


# --- failing the Nth I/O call -------------------------------------------------------------

_WRITING = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_TRUNC | os.O_APPEND


@dataclass
class IOFaults:
    """Counts the calls that change the disk and fails the `fail_at`-th one.

    persistent=True: every later call fails too, as on a full disk (only the calls that
    need space: creating, writing, syncing, linking; renaming and removing still work) or a
    dead or read-only device (every call). persistent=False: one failing call (a transient
    EIO). The calls counted: os.open for writing, os.write, os.fsync, os.replace, os.rename,
    os.link, os.mkdir, os.chmod, os.utime.
    """

    fail_at: int
    code: int = errno.ENOSPC
    persistent: bool = True
    calls: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def _check(self, name: str, detail: str = "") -> None:
        self.calls.append(f"{name}{detail}")
        n = len(self.calls)
        if n == self.fail_at or (self.persistent and n > self.fail_at and self._affects(name)):
            self.failed.append(self.calls[-1])
            raise OSError(self.code, os.strerror(self.code))

    def _affects(self, name: str) -> bool:
        if self.code in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
            return name in ("open", "write", "fsync", "link", "mkdir")
        return True

    def wrap(self, name: str, real: Callable) -> Callable:
        if name == "open":

            def fake_open(path, flags, *args, **kwargs):
                if flags & _WRITING:
                    self._check("open", f" {os.fspath(path)}")
                return real(path, flags, *args, **kwargs)

            return fake_open
        if name == "write":

            def fake_write(fd, data):
                self._check("write")
                return real(fd, data)

            return fake_write

        def fake(*args, **kwargs):
            detail = f" {os.fspath(args[-1])}" if args and isinstance(args[-1], (str, Path)) else ""
            self._check(name, detail)
            return real(*args, **kwargs)

        return fake


IO_CALLS = ("open", "write", "fsync", "replace", "rename", "link", "mkdir", "chmod", "utime")


@contextmanager
def io_faults(
    fail_at: int, code: int = errno.ENOSPC, persistent: bool = True
) -> Iterator[IOFaults]:
    """Patch the os module's writing calls for the duration of the block."""
    faults = IOFaults(fail_at, code, persistent)
    real = {name: getattr(os, name) for name in IO_CALLS}
    real_exchange = fsutil.exchange
    try:
        for name in IO_CALLS:
            setattr(os, name, faults.wrap(name, real[name]))
        # The store replaces a file by an atomic exchange where it can: a replace too.
        fsutil.exchange = faults.wrap("replace", real_exchange)
        yield faults
    finally:
        for name, function in real.items():
            setattr(os, name, function)
        fsutil.exchange = real_exchange


def replace_through_os(monkeypatch) -> None:
    """Saves replace files with os.replace, where a test puts its fault, instead of the
    atomic exchange (renameat2) they use where the system has it."""
    monkeypatch.setattr(fsutil, "exchange", lambda new, target: False)


HOLD_LOCK = """
import sys, time
from pathlib import Path
from netplan.store import Store
store = Store(Path(sys.argv[1]))
with store.lock():
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold_lock(folder: Path, seconds: float) -> subprocess.Popen:
    """Another process holding the store's writer lock for `seconds`."""
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(folder), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "locked"
    return child
