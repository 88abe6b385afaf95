"""Backups and `netplan restore`: the store as it was yesterday, or at any kept moment."""

from __future__ import annotations

import io
import os
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from faults_helpers import hold_lock

from netplan.cli import main
from netplan.domain.routines import add_completions
from netplan.models import Contact, ContactBook, Interaction, Journal
from netplan.store import BACKUP_DIR, FILES, REQUIRED, Store, StoreError, encode

TODAY = "2026-11-25"
DAY = date(2026, 11, 23)


def at(text: str) -> float:
    return datetime.fromisoformat(text).timestamp()


def version(store: Store, name: str, data: bytes, saved: str, current: bool = False) -> Path:
    """A version of a file, saved at `saved`: the file itself, or a backup in .backups/."""
    if current:
        path = store.path(name)  # type: ignore[arg-type]
    else:
        store.backup_folder.mkdir(exist_ok=True)
        stamp = datetime.fromisoformat(saved).strftime("%Y%m%dT%H%M%S%f")
        path = store.backup_folder / f"{FILES[name]}.{stamp}"  # type: ignore[index]
    path.write_bytes(data)
    os.utime(path, (at(saved), at(saved)))
    return path


def cli(folder: Path, *argv: str, capsys) -> tuple[int, str, str]:
    out = io.StringIO()
    status = main(
        list(argv), environ={"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}, out=out
    )
    return status, out.getvalue(), capsys.readouterr().err


@pytest.fixture
def history(tmp_path: Path) -> dict:
    """plan.toml saved on the 20th, 23rd (12:00) and 25th; the other files on the 20th."""
    store = Store(tmp_path / "store")
    store.ensure()
    plan = store.read_plan()
    plans = {
        "20": encode(plan),
        "23": encode(add_completions(plan, "engage-posts", DAY, 1)),
        "25": encode(add_completions(plan, "engage-posts", DAY, 2)),
    }
    version(store, "plan", plans["20"], "2026-11-20T09:00:00")
    version(store, "plan", plans["23"], "2026-11-23T12:00:00")
    version(store, "plan", plans["25"], "2026-11-25T08:30:00", current=True)
    for name in ("contacts", "journal"):
        os.utime(store.path(name), (at("2026-11-20T09:00:00"),) * 2)
    return {"store": store, "plans": plans}


def test_restore_yesterday_puts_back_the_newest_version_from_then(history, capsys) -> None:
    store, plans = history["store"], history["plans"]
    others = {n: store.path(n).read_bytes() for n in ("contacts", "journal")}
    status, out, err = cli(store.folder, "restore", "yesterday", capsys=capsys)
    assert status == 0, err
    assert store.path("plan").read_bytes() == plans["23"]
    assert "as it was at the end of 2026-11-24" in out
    assert "plan.toml: put back the version saved 2026-11-23 12:00:00" in out
    assert "contacts.toml: unchanged" in out
    assert {n: store.path(n).read_bytes() for n in ("contacts", "journal")} == others
    # The version it replaced is a backup now, with the time it was saved.
    replaced = [v for v in store.versions("plan") if v.path.read_bytes() == plans["25"]]
    assert len(replaced) == 1 and not replaced[0].current
    assert replaced[0].saved == datetime(2026, 11, 25, 8, 30)
    assert cli(store.folder, "validate", capsys=capsys)[0] == 0
    # Undo: restore the time of the version that was replaced.
    status, out, err = cli(store.folder, "restore", "2026-11-25T08:30", capsys=capsys)
    assert status == 0, err
    assert store.path("plan").read_bytes() == plans["25"]


def test_restore_a_time_within_a_day_and_nothing_to_do(history, capsys) -> None:
    store, plans = history["store"], history["plans"]
    assert cli(store.folder, "restore", "2026-11-23T11:59", capsys=capsys)[0] == 0
    assert store.path("plan").read_bytes() == plans["20"]
    status, out, _ = cli(store.folder, "restore", "2026-11-23 12:00:00", capsys=capsys)
    assert status == 0 and store.path("plan").read_bytes() == plans["23"]
    status, out, _ = cli(store.folder, "restore", "2026-11-23T12:00", capsys=capsys)
    assert status == 0 and "Nothing to do" in out


def test_restore_list_shows_every_version_with_its_time(history, capsys) -> None:
    store = history["store"]
    status, out, _ = cli(store.folder, "restore", "--list", capsys=capsys)
    assert status == 0
    text = out.splitlines()
    start = text.index("plan.toml") + 1
    lines = [line.split() for line in text[start : text.index("", start)]]
    assert [line[0] + " " + line[1] for line in lines] == [
        "2026-11-25 08:30:00",
        "2026-11-23 12:00:00",
        "2026-11-20 09:00:00",
    ]
    assert lines[0][-1] == "current" and lines[1][-1].startswith(f"{BACKUP_DIR}/plan.toml.")
    assert cli(store.folder, "restore", capsys=capsys)[1] == out  # no WHEN: the list


def test_restore_before_the_oldest_version_is_refused(history, capsys) -> None:
    store = history["store"]
    before = {n: store.path(n).read_bytes() for n in REQUIRED}
    status, _, err = cli(store.folder, "restore", "2026-11-01", capsys=capsys)
    assert status == 1
    assert "plan.toml: no version from 2026-11-01 23:59:59 or before is kept" in err
    assert {n: store.path(n).read_bytes() for n in REQUIRED} == before


def test_restore_is_refused_while_a_save_holds_the_lock(history, capsys) -> None:
    store = history["store"]
    before = store.path("plan").read_bytes()
    child = hold_lock(store.folder, 30)
    try:
        started = time.monotonic()
        with pytest.raises(StoreError, match="another netplan is saving"):
            Store(store.folder).restore(datetime(2026, 11, 24, 23, 59), timeout=0.3)
        assert time.monotonic() - started < 5
    finally:
        child.kill()
        child.wait(5)
    assert store.path("plan").read_bytes() == before


def test_a_missing_file_comes_back_with_restore(history, capsys) -> None:
    store, plans = history["store"], history["plans"]
    store.path("plan").unlink()
    status, _, err = cli(store.folder, "due", capsys=capsys)
    assert status == 1 and "netplan restore" in err  # refuses to start empty, says how
    status, _, err = cli(store.folder, "restore", "now", capsys=capsys)
    assert status == 0, err
    assert store.path("plan").read_bytes() == plans["23"]
    assert cli(store.folder, "due", capsys=capsys)[0] == 0


def test_a_broken_hand_edit_is_undone_and_kept(history, capsys) -> None:
    store, plans = history["store"], history["plans"]
    broken = b'schema_version = 1\n[settings\nweek_start = "monday"\n'
    store.path("plan").write_bytes(broken)
    assert cli(store.folder, "validate", capsys=capsys)[0] == 1
    status, _, err = cli(store.folder, "restore", "2026-11-24", capsys=capsys)
    assert status == 0, err
    assert store.path("plan").read_bytes() == plans["23"]
    assert any(v.path.read_bytes() == broken for v in store.versions("plan"))


def test_versions_that_do_not_load_together_are_refused(tmp_path: Path, capsys) -> None:
    """contacts.toml from before a contact existed, journal.toml from after: refused."""
    store = Store(tmp_path / "store")
    store.ensure()
    with_x = ContactBook(contacts=[Contact(id="x", name="X")])
    version(store, "contacts", encode(ContactBook()), "2026-11-20T09:00:00")
    version(store, "contacts", encode(with_x), "2026-11-22T09:00:00", current=True)
    journal = Journal(interactions=[Interaction(id="i-1", contact="x", on=DAY)])
    version(store, "journal", encode(journal), "2026-11-21T09:00:00", current=True)
    os.utime(store.path("plan"), (at("2026-11-20T09:00:00"),) * 2)
    before = {n: store.path(n).read_bytes() for n in REQUIRED}
    with pytest.raises(StoreError, match=r'refusing to restore: .*no contact .* "x"'):
        Store(store.folder).restore(datetime(2026, 11, 21, 12))
    assert {n: store.path(n).read_bytes() for n in REQUIRED} == before


# --- the newest version is kept, versions go by the order of saving ------------------------


def saved_plans(store: Store, count: int) -> list[bytes]:
    """`count` saves of plan.toml through the store, and the bytes of each."""
    plan = store.read_plan()
    written = []
    for _ in range(count):
        plan = add_completions(plan, "engage-posts", DAY, 1)
        store.save(plan=plan)
        written.append(store.path("plan").read_bytes())
    return written


def test_restore_now_after_a_delete_brings_back_the_last_save(tmp_path: Path, capsys) -> None:
    store = Store(tmp_path / "store")
    store.ensure()
    written = saved_plans(store, 2)
    store.path("plan").unlink()
    status, _out, err = cli(store.folder, "restore", "now", capsys=capsys)
    assert status == 0, err
    assert store.path("plan").read_bytes() == written[-1]  # not the version before it


def test_a_synced_file_with_an_older_time_is_not_taken_for_an_old_version(
    tmp_path: Path, capsys
) -> None:
    """A sync tool delivers the newest plan.toml but keeps the sender's older mtime; a
    restore to now must leave it alone, not put back a backup saved after that mtime."""
    store = Store(tmp_path / "store")
    store.ensure()
    saved_plans(store, 3)
    delivered = store.path("plan").read_bytes().replace(b"engage-posts = 3", b"engage-posts = 7")
    store.path("plan").write_bytes(delivered)
    an_hour_ago = time.time() - 3600
    os.utime(store.path("plan"), (an_hour_ago, an_hour_ago))
    status, out, err = cli(store.folder, "restore", "now", capsys=capsys)
    assert status == 0, err
    assert "Nothing to do" in out
    assert store.path("plan").read_bytes() == delivered


def test_a_link_changed_in_place_is_no_version(tmp_path: Path) -> None:
    """vim with backupcopy=yes, nano and `>>` write into the file itself; its newest backup,
    a hard link, changes with it and must not pass for the version netplan saved."""
    store = Store(tmp_path / "store")
    store.ensure()
    written = saved_plans(store, 2)
    with open(store.path("plan"), "ab") as handle:  # in place: same inode
        handle.write(b"# a note\n")
    listed = [v.path.read_bytes() for v in store.versions("plan")]
    assert listed[0].endswith(b"# a note\n")  # the file itself
    assert all(not data.endswith(b"# a note\n") for data in listed[1:])
    assert written[0] in listed[1:]


def test_backups_are_pruned_by_the_order_of_saving_not_their_clock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A clock set back (a dead CMOS battery, a wrong time zone) gives the newest backups the
    oldest times; pruning by time deleted them at once. The last saves stay."""
    import netplan.store.backups as backups_module

    store = Store(tmp_path / "store")
    store.ensure()
    saved_plans(store, 5)

    class Backwards(datetime):
        calls = 0

        @classmethod
        def now(cls, tz=None):  # each save a minute further back, in 2001
            cls.calls += 1
            return datetime(2001, 1, 1) - timedelta(minutes=cls.calls)

    monkeypatch.setattr(backups_module, "datetime", Backwards)
    written = saved_plans(store, 12)
    kept = [b.read_bytes() for b in store.backups("plan")]
    assert written[-1] in kept and written[-2] in kept
    assert kept[-1] == written[-1]
