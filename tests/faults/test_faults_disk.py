"""Full disks, dead devices, read-only folders: a failed save says why and changes nothing.

SQLite style: a save of all three files is failed at its 1st, 2nd, 3rd … I/O call, until it
gets through; after each failure every file, every backup and the folder must be exactly as
before, and the same Store must save as soon as the disk works again. The kernel's own EFBIG
comes from a child process with RLIMIT_FSIZE set and SIGXFSZ ignored. (Tests run as root, for
whom chmod cannot make a folder read-only: EROFS and EACCES are injected instead.)
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from faults_helpers import backups, demo_store, io_faults, litter, replace_through_os, store_bytes

from netplan.domain.routines import add_completions
from netplan.models import Activity, Contact, Interaction
from netplan.store import FILES, Store, StoreError, decode

TODAY = date(2026, 11, 25)
REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EIO: "an input/output error occurred",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EDQUOT: "the disk quota is exceeded",
}


def a_change_to_every_file(store: Store) -> dict:
    """A check-off, a new contact, an interaction with them and their LinkedIn connection:
    one save of all four files."""
    snap = store.load()
    contact = Contact(id="new-person", name="New Person", created=TODAY)
    interaction = Interaction(id="i-new", contact="new-person", on=TODAY, note="Met at a fair")
    item = Activity(
        id="li-connection-new",
        on=TODAY,
        platform="LinkedIn",
        kind="connection",
        contact="new-person",
    )
    return {
        "plan": add_completions(snap.plan, snap.plan.routines[0].id, TODAY, 1),
        "contacts": snap.contacts.model_copy(
            update={"contacts": [*snap.contacts.contacts, contact]}
        ),
        "journal": snap.journal.model_copy(
            update={"interactions": [*snap.journal.interactions, interaction]}
        ),
        "activity": snap.activity.model_copy(update={"activity": [*snap.activity.activity, item]}),
    }


CASES = [
    (errno.ENOSPC, True),
    (errno.ENOSPC, False),
    (errno.EIO, True),
    (errno.EIO, False),
    (errno.EROFS, True),
]


def copy_of(template: Path, folder: Path) -> Store:
    shutil.copytree(template, folder)
    store = Store(folder)
    store.load()
    return store


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_store(tmp_path_factory.mktemp("template") / "store").folder


@pytest.mark.parametrize(
    ("code", "persistent"),
    CASES,
    ids=[f"{errno.errorcode[c]}-{'from-then-on' if p else 'once'}" for c, p in CASES],
)
def test_a_save_failing_at_each_io_call(
    tmp_path: Path, template: Path, code: int, persistent: bool
) -> None:
    """A full disk or a single failing call: nothing changes. A device that dies (or turns
    read-only) in the middle of a save: each file is whole, old or new, and the store loads;
    the message says which files already hold the new version; a retry finishes the save."""
    store = copy_of(template, tmp_path / "clean")
    change = a_change_to_every_file(store)
    with io_faults(10**9) as clean:
        store.save(**change)
    new = store_bytes(store.folder)
    before, kept = store_bytes(template), backups(template)
    for tried in range(1, len(clean.calls) + 1):
        store = copy_of(template, tmp_path / str(tried))
        folder = store.folder
        with io_faults(tried, code, persistent) as faults:
            try:
                store.save(**change)
            except StoreError as error:
                message = str(error)
            else:
                message = None
        where = f"failing call {tried} ({faults.failed[0]}) of {faults.calls}"
        assert litter(folder) == [], where
        Store(folder).load()  # whole files, references included
        if message is None:
            # A failure the save could do without: mkdir of a folder that exists, a hard
            # link for a backup (then copied instead), or the record of files checked valid
            # in the cache folder (netplan.store.checked: the next command reads all).
            cache = "/netplan/checked/" in faults.failed[0]
            assert faults.failed[0].startswith(("mkdir", "link")) or cache, where
            assert store_bytes(folder) == new, where
            assert set(before.values()) <= set(backups(folder).values()), where
            continue
        assert message.startswith(f"cannot write {folder}"), (where, message)
        assert REASONS[code] in message, (where, message)
        now = store_bytes(folder)
        if "nothing was changed" in message:
            assert now == before, where
            assert backups(folder) == kept, where
        else:
            assert code in (errno.EIO, errno.EROFS, errno.EACCES) and persistent, where
            for name, data in now.items():
                assert data in (before[name], new[name]), (where, name)
                assert (data == new[name]) == (name in message.split(";")[1]), (where, message)
        # The device works again: the same Store finishes the save, no conflict, no double.
        store.save(**change)
        assert store_bytes(folder) == new, where
    # Every call of the save was failed once: open, write and fsync of three temp files, the
    # lock, three backups (hard links), three replaces and the folder's fsync.
    assert len(clean.calls) >= 14, clean.calls


def test_short_writes_and_no_hard_links_still_give_whole_files_and_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """os.write may write less than asked; some file systems refuse hard links (backups are
    then copied, and must be whole copies that keep the time the version was saved)."""
    store = demo_store(tmp_path / "store")
    old = store_bytes(store.folder)
    old_mtime = os.stat(store.folder / "contacts.toml").st_mtime_ns
    real_write = os.write

    def short_write(fd, data):
        return real_write(fd, bytes(data)[: max(1, len(data) // 7)])

    def no_link(*args, **kwargs):
        raise OSError(errno.EXDEV, os.strerror(errno.EXDEV))

    monkeypatch.setattr(os, "write", short_write)
    monkeypatch.setattr(os, "link", no_link)
    change = a_change_to_every_file(store)
    store.save(**change)
    monkeypatch.undo()
    again = Store(store.folder).load()
    assert again.contacts == change["contacts"]
    new = store_bytes(store.folder)
    for name in FILES:
        *_earlier, before, newest = store.backups(name)
        assert before.read_bytes() == old[FILES[name]], name  # the version replaced
        assert newest.read_bytes() == new[FILES[name]], name  # the version written, copied
    assert os.stat(store.backups("contacts")[-2]).st_mtime_ns == old_mtime


def test_a_backup_copy_that_fails_leaves_no_partial_backup(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = demo_store(tmp_path / "store")
    before, kept = store_bytes(store.folder), backups(store.folder)
    real_write = os.write
    calls = {"n": 0}

    def write(fd, data):
        calls["n"] += 1
        if calls["n"] > 4:  # the temp files are written, then the disk fills during a backup
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, bytes(data)[:1000])

    monkeypatch.setattr(os, "link", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.EPERM, "")))
    monkeypatch.setattr(os, "write", write)
    with pytest.raises(StoreError, match="disk is full"):
        store.save(**a_change_to_every_file(store))
    monkeypatch.undo()
    assert store_bytes(store.folder) == before
    assert backups(store.folder) == kept
    assert litter(store.folder) == []


@pytest.mark.parametrize(
    ("where", "code"),
    [
        ("write", errno.ENOSPC),
        ("fsync", errno.ENOSPC),
        ("write", errno.EIO),
        ("fsync", errno.EIO),
        ("open", errno.EACCES),
        ("replace", errno.EROFS),
    ],
)
def test_the_cli_reports_a_failed_write_and_changes_nothing(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    where: str,
    code: int,
) -> None:
    from netplan.cli import main

    store = demo_store(tmp_path / "store")
    before, kept = store_bytes(store.folder), backups(store.folder)

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, where, fail)
    replace_through_os(monkeypatch)
    env = {"NETPLAN_DATA": str(store.folder), "NETPLAN_TODAY": TODAY.isoformat()}
    status = main(["log", "amara", "--gave", "--note", "Sent the deck"], environ=env)
    monkeypatch.undo()
    err = capsys.readouterr().err
    assert status == 1
    assert f"cannot write {store.folder}" in err and REASONS[code] in err, err
    assert "nothing was changed" in err
    assert store_bytes(store.folder) == before
    assert backups(store.folder) == kept
    assert litter(store.folder) == []


# --- a real EFBIG from the kernel ----------------------------------------------------------

EFBIG_CHILD = textwrap.dedent(
    """
    import json, resource, signal, sys
    from pathlib import Path
    from netplan.cli import main

    folder, limits, argv = Path(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
    env = {"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": "2026-11-25"}
    names = ["plan.toml", "contacts.toml", "journal.toml"]

    def files():
        return {n: (folder / n).read_bytes() for n in names}

    def litter():
        return sorted(p.name for p in folder.glob(".*.tmp"))

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    results = []
    for limit in limits:
        before = files()
        backups = sorted(p.name for p in (folder / ".backups").iterdir())
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
        status = main(argv, environ=env)
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        after_backups = sorted(p.name for p in (folder / ".backups").iterdir())
        results.append(
            [limit, status, files() == before, litter(), backups == after_backups]
        )
    results.append(["none", main(argv, environ=env), None, litter(), None])
    print(json.dumps(results))
    """
)


def test_a_real_efbig_from_the_kernel_changes_nothing(tmp_path: Path) -> None:
    store = demo_store(tmp_path / "store")
    size = (store.folder / "contacts.toml").stat().st_size
    limits = [0, 1, 4096, size // 2, size - 1, size + 10]
    argv = ["log", "amara", "--gave", "--note", "Introduced her to Sam " * 5]
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            EFBIG_CHILD,
            str(store.folder),
            json.dumps(limits),
            json.dumps(argv),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    *failures, last = json.loads(result.stdout.splitlines()[-1])
    for limit, status, unchanged, left, same_backups in failures:
        assert status == 1, (limit, result.stderr)
        assert unchanged and same_backups and left == [], limit
    assert "Traceback" not in result.stderr
    assert "the file is too large for this file system or limit" in result.stderr
    assert result.stderr.count("nothing was changed") == len(limits)
    assert last[1] == 0 and last[3] == []
    journal = decode("journal", (store.folder / "journal.toml").read_bytes())
    # The note as `netplan log` keeps any note (surrounding blanks trimmed, as the app does).
    assert journal.interactions[-1].note == ("Introduced her to Sam " * 5).strip()


# --- restoring is a save too -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "persistent"), [(errno.ENOSPC, True), (errno.EIO, False)], ids=["full", "once"]
)
def test_a_restore_failing_at_each_io_call_changes_nothing(
    tmp_path: Path, code: int, persistent: bool
) -> None:
    history = demo_store(tmp_path / "history")
    history.save(**a_change_to_every_file(history))
    # Restore the time of the demo versions (each file's second newest), an hour ago.
    hour_ago = time.time() - 3600
    for name in FILES:
        first, demo = history.versions(name)[-1], history.versions(name)[1]
        os.utime(first.path, (hour_ago - 3600, hour_ago - 3600))
        os.utime(demo.path, (hour_ago, hour_ago))
    until = datetime.fromtimestamp(hour_ago)
    wanted = {FILES[n]: history.versions(n)[1].path.read_bytes() for n in FILES}
    before, kept = store_bytes(history.folder), backups(history.folder)
    tried = 0
    while True:
        tried += 1
        store = copy_of(history.folder, tmp_path / str(tried))
        with io_faults(tried, code, persistent) as faults:
            try:
                _chosen, written = store.restore(until)
            except StoreError as error:
                message = str(error)
            else:
                message = None
        if not faults.failed or message is None:
            assert store_bytes(store.folder) == wanted, tried
            assert set(before.values()) <= set(backups(store.folder).values())
            if not faults.failed:
                break
            continue
        assert REASONS[code] in message and "nothing was changed" in message, (tried, message)
        assert store_bytes(store.folder) == before
        assert backups(store.folder) == kept
        assert litter(store.folder) == []
    assert tried > 10
    assert sorted(written) == sorted(FILES)
