"""`.backups/` bounded by disk: big versions pruned to each file's budget, the newest three and
a waiting conflict copy's bases never, links of the live file free, small files as before."""

from __future__ import annotations

import io
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

import netplan.store.backups as backups_module
from netplan.cli import main
from netplan.domain.routines import add_completions
from netplan.models import Contact, ContactBook
from netplan.store import FILES, Store, encode
from netplan.store.backups import KEEP_DAILY_BACKUPS, KEEP_RECENT_BACKUPS

TODAY = "2026-11-25"
DAY = date(2026, 11, 23)
NOTES = 200_000  # characters of notes: each contacts.toml version is about 200 KB


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    store.ensure()
    return store


def budget(monkeypatch: pytest.MonkeyPatch, floor: int, per_byte: int) -> None:
    """Each file's backups may take max(floor, per_byte × its size) beyond the file."""
    monkeypatch.setattr(backups_module, "BACKUP_BUDGET_FLOOR", floor, raising=False)
    monkeypatch.setattr(backups_module, "BACKUP_BUDGET_PER_BYTE", per_byte, raising=False)


def book(n: int) -> ContactBook:
    """A contacts file of one contact with long notes; every n gives other bytes, same size."""
    notes = f"{n:06d} " + "x" * NOTES
    return ContactBook(
        contacts=[Contact(id="jane-doe", name="Jane Doe", created=date(2026, 1, 5), notes=notes)]
    )


def save_books(store: Store, count: int) -> list[bytes]:
    """Save `count` versions of contacts.toml; the bytes of each, in order."""
    written = []
    for n in range(count):
        store.save(contacts=book(n))
        written.append(store.path("contacts").read_bytes())
    return written


def kept(store: Store, name: str) -> list[bytes]:
    return [path.read_bytes() for path in store.backups(name)]  # type: ignore[arg-type]


def disk_used(store: Store, name: str) -> int:
    """What the backups of one file take beyond the live files: each inode once."""
    counted = {
        (st.st_dev, st.st_ino)
        for file in FILES.values()
        if (store.folder / file).exists()
        for st in [os.stat(store.folder / file)]
    }
    used = 0
    for path in store.backups(name):  # type: ignore[arg-type]
        st = os.stat(path)
        if (st.st_dev, st.st_ino) not in counted:
            counted.add((st.st_dev, st.st_ino))
            used += st.st_size
    return used


def cli(folder: Path, *argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(
        list(argv), environ={"NETPLAN_DATA": str(folder), "NETPLAN_TODAY": TODAY}, out=out
    )
    return status, out.getvalue()


def test_big_versions_are_pruned_to_the_budget_and_still_restore(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget(monkeypatch, floor=0, per_byte=4)
    written = save_books(store, 12)
    size = store.path("contacts").stat().st_size
    left = kept(store, "contacts")
    # As many of the newest as fit in 4 × the file (its own link free), and not one more.
    assert 3 <= len(left) < KEEP_RECENT_BACKUPS
    assert left == written[-len(left) :]
    assert disk_used(store, "contacts") <= 4 * size < disk_used(store, "contacts") + size
    # What is left still lists and restores: the file deleted, `restore now` brings it back.
    status, out = cli(store.folder, "restore", "--list")
    assert status == 0, out
    assert all(path.name in out for path in store.backups("contacts")[:-1])  # the last: current
    store.path("contacts").unlink()
    status, out = cli(store.folder, "restore", "now")
    assert status == 0, out
    assert store.path("contacts").read_bytes() == written[-1]


def test_the_newest_three_stay_even_when_each_alone_exceeds_the_budget(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget(monkeypatch, floor=1_000, per_byte=0)  # 1 kB; each version is about 200 kB
    written = save_books(store, 6)
    assert kept(store, "contacts") == written[-3:]
    assert os.path.samefile(store.backups("contacts")[-1], store.path("contacts"))


def test_nothing_of_a_file_is_pruned_while_a_conflict_copy_of_it_waits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    budget(monkeypatch, floor=0, per_byte=0)  # nothing beyond the newest three fits
    copy = store.folder / "contacts.sync-conflict-20261125-101500-ABCDEFG.toml"
    copy.write_bytes(encode(book(99)))
    plan = store.read_plan()
    written = []
    for n in range(6):
        plan = add_completions(plan, "engage-posts", DAY, 1)
        store.save(plan=plan, contacts=book(n))
        written.append(store.path("contacts").read_bytes())
    assert kept(store, "contacts")[-6:] == written  # every version: any may be the base
    assert len(kept(store, "contacts")) == 7  # and the one the first save replaced
    assert len(store.backups("plan")) == 3  # the other files are still bounded
    copy.unlink()  # resolved
    written += save_books(store, 1)
    assert kept(store, "contacts") == written[-3:]


def test_a_hard_link_of_the_live_file_costs_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = len(encode(book(0)))
    budget(monkeypatch, floor=int(3.5 * size), per_byte=0)
    written = save_books(store, 8)
    assert os.path.samefile(store.backups("contacts")[-1], store.path("contacts"))
    # The newest backup is the live file itself: free. Three others (3 × size) fit in 3.5 ×
    # size; had the link been counted, only the newest three would.
    assert kept(store, "contacts") == written[-4:]
    assert disk_used(store, "contacts") == 3 * size


def test_backups_linked_to_each_other_count_once(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    size = len(encode(book(0)))
    budget(monkeypatch, floor=int(3.5 * size), per_byte=0)
    save_books(store, 4)
    # A second name for an older version (a synced `.backups/`, a copy tool keeping links):
    # the same bytes on disk once, so it does not push a version out.
    older = store.backups("contacts")[-3]
    os.link(older, older.with_name(older.name.replace(".0000000002.", ".0000000001.", 1)))
    written = save_books(store, 1)
    assert os.path.samefile(store.backups("contacts")[-4], store.backups("contacts")[-5])
    assert len(store.backups("contacts")) == 5
    assert kept(store, "contacts")[-1] == written[-1]
    assert disk_used(store, "contacts") == 3 * size


def test_a_small_file_keeps_its_recent_and_daily_versions_beside_a_bounded_big_one(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Twenty days of three saves each: plan.toml (a few kB) keeps today's policy, the last
    10 and the last of each of 14 days, while the ~200 kB contacts.toml is held to its
    budget: a big file never takes a small one's room."""
    budget(monkeypatch, floor=100_000, per_byte=4)
    clock = {"now": datetime(2026, 11, 1, 9, 0)}

    class Clock(datetime):
        @classmethod
        def now(cls, tz=None):
            return clock["now"]

    monkeypatch.setattr(backups_module, "datetime", Clock)
    plan = store.read_plan()
    made: list[str] = []  # every plan.toml backup's name, in the order made
    for day in range(20):
        for save in range(3):
            clock["now"] = datetime(2026, 11, 1, 9, 0) + timedelta(days=day, hours=save)
            plan = add_completions(plan, "engage-posts", DAY, 1)
            store.save(plan=plan, contacts=book(day * 3 + save))
            names = [p.name for p in store.backups("plan")]
            made += [n for n in names if n not in made]
    by_day: dict[str, str] = {}
    for name in made:
        by_day[name.split(".")[3][:8]] = name
    policy = set(made[-KEEP_RECENT_BACKUPS:]) | set(list(by_day.values())[-KEEP_DAILY_BACKUPS:])
    assert {p.name for p in store.backups("plan")} == policy
    assert len(policy) == KEEP_RECENT_BACKUPS + KEEP_DAILY_BACKUPS - 4  # 4 days among the last 10
    size = store.path("contacts").stat().st_size
    assert 3 <= len(store.backups("contacts")) <= 5
    assert disk_used(store, "contacts") <= 4 * size
