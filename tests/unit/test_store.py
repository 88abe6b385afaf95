"""The store: first run, round trips, atomic saves, backups, the lock, change detection, errors."""

from __future__ import annotations

import errno
import os
import textwrap
import time
from datetime import date
from pathlib import Path

import pytest
from faults_helpers import hold_lock, replace_through_os

from netplan.domain.routines import add_completions
from netplan.models import Contact, ContactBook, Interaction, Journal, Milestone, Plan
from netplan.store import (
    BACKUP_DIR,
    FILES,
    REQUIRED,
    ConflictError,
    Store,
    StoreError,
    encode,
    resolve_folder,
)
from netplan.store.backups import KEEP_RECENT_BACKUPS

DAY = date(2026, 11, 23)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    store.ensure()
    return store


def snapshot_bytes(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in (FILES[n] for n in REQUIRED)}


def a_contact(ident: str = "jane-doe", **extra) -> Contact:
    return Contact(id=ident, name="Jane Doe", created=date(2026, 1, 5), **extra)


# --- folder and first run -------------------------------------------------------------


def test_folder_resolution_order(tmp_path: Path) -> None:
    env = {"NETPLAN_DATA": str(tmp_path / "env")}
    assert resolve_folder(str(tmp_path / "opt"), env) == tmp_path / "opt"
    assert resolve_folder(None, env) == tmp_path / "env"
    fallback = resolve_folder(None, {})
    assert fallback.name == "netplan"


def test_first_run_creates_private_files_with_default_routines(tmp_path: Path) -> None:
    store = Store(tmp_path / "new" / "store")
    assert store.ensure() is True
    for name in (FILES[n] for n in REQUIRED):
        mode = os.stat(store.folder / name).st_mode & 0o777
        assert mode == 0o600, name
    snap = store.load()
    table = [(r.id, r.title, r.period, r.target, r.platform) for r in snap.plan.routines]
    assert table == [
        ("engage-posts", "Engage with posts", "week", 3, "LinkedIn"),
        ("connect-people", "Connect with new people", "week", 2, None),
        ("share-resource", "Share a useful resource", "week", 1, None),
        ("write-article", "Write an industry article", "month", 1, None),
        ("attend-event", "Attend an industry event", "month", 1, None),
        ("review-contacts", "Review and update contacts", "month", 1, None),
    ]
    assert snap.contacts.contacts == [] and snap.journal.interactions == []
    assert snap.plan.schema_version == 1
    assert store.ensure() is False


def test_missing_file_with_backups_is_not_a_first_run(store: Store) -> None:
    snap = store.load()
    store.save(contacts=ContactBook(contacts=[a_contact()]))
    assert store.backups("contacts")
    (store.folder / "contacts.toml").unlink()
    with pytest.raises(StoreError, match=r"contacts.toml is missing .* backups|restore"):
        Store(store.folder).ensure()
    assert not (store.folder / "contacts.toml").exists()
    del snap


def test_a_file_where_the_folder_should_be(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(StoreError, match="not a folder"):
        Store(tmp_path / "f").ensure()


# --- round trip and saving -----------------------------------------------------------


def full_store() -> tuple[Plan, ContactBook, Journal]:
    from netplan.demo import demo_data

    return demo_data(date(2026, 11, 25))


def test_round_trip_of_demo_data_is_exact_and_stable(store: Store) -> None:
    plan, contacts, journal = full_store()
    assert set(store.save(plan=plan, contacts=contacts, journal=journal)) == set(REQUIRED)
    again = Store(store.folder).load()
    assert (again.plan, again.contacts, again.journal) == (plan, contacts, journal)
    before = snapshot_bytes(store.folder)
    assert store.save(plan=again.plan, contacts=again.contacts, journal=again.journal) == []
    assert snapshot_bytes(store.folder) == before
    assert encode(again.contacts) == before["contacts.toml"]


def test_dates_are_written_as_toml_dates_and_none_is_never_written(store: Store) -> None:
    contact = a_contact(
        follow_up=date(2026, 12, 1),
        milestones=[Milestone(label="Birthday", date=date(1990, 4, 12), yearly=True)],
    )
    store.save(contacts=ContactBook(contacts=[contact]))
    text = (store.folder / "contacts.toml").read_text()
    assert "follow_up = 2026-12-01" in text
    assert '"2026-12-01"' not in text
    assert "company" not in text  # absent optional fields stay absent


def test_only_changed_files_are_rewritten(store: Store) -> None:
    snap = store.load()
    stats = {n: os.stat(store.folder / n) for n in (FILES[n] for n in REQUIRED)}
    plan = add_completions(snap.plan, "engage-posts", DAY, 2)
    written = store.save(plan=plan, contacts=snap.contacts, journal=snap.journal)
    assert written == ["plan"]
    for name in ("contacts.toml", "journal.toml"):
        after = os.stat(store.folder / name)
        assert (after.st_ino, after.st_mtime_ns) == (
            stats[name].st_ino,
            stats[name].st_mtime_ns,
        )
    assert Store(store.folder).read_plan().completions == {DAY: {"engage-posts": 2}}


def test_backups_keep_old_versions_and_are_rotated(store: Store) -> None:
    plan = store.read_plan()
    first = (store.folder / "plan.toml").read_bytes()
    for _ in range(KEEP_RECENT_BACKUPS + 5):
        plan = add_completions(plan, "engage-posts", DAY, 1)
        store.save(plan=plan)
    backups = store.backups("plan")
    assert len(backups) == KEEP_RECENT_BACKUPS
    # The newest backup is the last save itself (it survives the file being deleted), the
    # one before it the version that save replaced.
    previous = add_completions(plan, "engage-posts", DAY, -1)
    assert backups[-1].read_bytes() == (store.folder / "plan.toml").read_bytes() == encode(plan)
    assert backups[-2].read_bytes() == encode(previous)
    assert first != backups[-1].read_bytes()
    assert (store.folder / BACKUP_DIR).stat().st_mode & 0o777 == 0o700


def test_symlinked_file_stays_a_symlink(tmp_path: Path, store: Store) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    real = synced / "plan.toml"
    os.replace(store.folder / "plan.toml", real)
    (store.folder / "plan.toml").symlink_to(real)
    plan = Store(store.folder).read_plan()
    fresh = Store(store.folder)
    fresh.read_plan()
    fresh.save(plan=add_completions(plan, "engage-posts", DAY, 1))
    assert (store.folder / "plan.toml").is_symlink()
    assert "engage-posts = 1" in real.read_text()


def test_external_change_is_detected_and_never_overwritten(store: Store) -> None:
    plan = store.read_plan()
    assert store.changed_on_disk() == []
    path = store.folder / "plan.toml"
    edited = path.read_text().replace('theme = "textual-dark"', 'theme = "nord"')
    path.write_text(edited)
    assert store.changed_on_disk(cheap=False) == ["plan"]
    with pytest.raises(ConflictError) as raised:
        store.save(plan=add_completions(plan, "engage-posts", DAY, 1))
    assert raised.value.names == ["plan"]
    assert path.read_text() == edited


def test_same_content_with_new_mtime_is_not_a_change(store: Store) -> None:
    store.read_plan()
    path = store.folder / "plan.toml"
    data = path.read_bytes()
    time.sleep(0.01)
    path.write_bytes(data)
    assert store.changed_on_disk() == []


def test_write_recovery_keeps_this_sides_version(store: Store) -> None:
    plan = add_completions(store.read_plan(), "engage-posts", DAY, 1)
    path = store.write_recovery("plan", plan)
    assert path.parent == store.folder and "recovered" in path.name
    assert "engage-posts = 1" in path.read_text()


# --- failures leave everything as it was ---------------------------------------------


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EROFS, errno.EACCES])
@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_failed_write_changes_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch, code: int, where: str
) -> None:
    plan = store.read_plan()
    before = snapshot_bytes(store.folder)

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, where, fail)
    replace_through_os(monkeypatch)
    with pytest.raises(StoreError, match=r"cannot write .*plan\.toml"):
        store.save(plan=add_completions(plan, "engage-posts", DAY, 1))
    monkeypatch.undo()
    assert snapshot_bytes(store.folder) == before
    assert [p for p in store.folder.iterdir() if p.name.endswith(".tmp")] == []
    # The store is still usable: the next save goes through.
    assert store.save(plan=add_completions(plan, "engage-posts", DAY, 1)) == ["plan"]


def test_failure_on_the_second_file_rolls_back_the_first(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    snap = store.load()
    before = snapshot_bytes(store.folder)
    real_replace = os.replace
    calls = []

    def replace_then_fail(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_then_fail)
    replace_through_os(monkeypatch)
    journal = Journal(interactions=[Interaction(id="i-1", contact="jane-doe", on=DAY)])
    with pytest.raises(StoreError, match="disk is full"):
        store.save(contacts=ContactBook(contacts=[a_contact()]), journal=journal)
    monkeypatch.undo()
    assert snapshot_bytes(store.folder) == before
    del snap


def test_refuses_to_write_what_it_could_not_read_back(store: Store) -> None:
    contact = a_contact()
    # Pydantic does not check on assignment; a broken value must still never reach the disk.
    contact.cadence_days = 0
    before = snapshot_bytes(store.folder)
    with pytest.raises(StoreError, match=r"refusing to save contacts\.toml"):
        store.save(contacts=ContactBook(contacts=[contact]))
    assert snapshot_bytes(store.folder) == before


# --- the lock --------------------------------------------------------------------------


def test_a_second_writer_waits_for_the_lock(store: Store) -> None:
    plan = store.read_plan()
    child = hold_lock(store.folder, 0.5)
    started = time.monotonic()
    store.save(plan=add_completions(plan, "engage-posts", DAY, 1))
    assert time.monotonic() - started >= 0.3
    child.wait(5)


def test_lock_timeout_is_a_clear_error(store: Store) -> None:
    child = hold_lock(store.folder, 30)
    try:
        with pytest.raises(StoreError, match="another netplan is saving"), store.lock(timeout=0.2):
            pass
    finally:
        child.kill()
        child.wait(5)


def test_a_killed_lock_holder_never_blocks_the_next_run(store: Store) -> None:
    plan = store.read_plan()
    child = hold_lock(store.folder, 60)
    child.kill()  # SIGKILL: no chance to clean up
    child.wait(5)
    with store.lock(timeout=1):
        pass
    assert store.save(plan=add_completions(plan, "engage-posts", DAY, 1)) == ["plan"]


# --- bad input: a clear message, and nothing changes ---------------------------------

CORRUPT = {
    "syntax error": (
        "plan.toml",
        b'schema_version = 1\n[settings\nweek_start = "monday"\n',
        r"plan.toml, line 2, column \d+: TOML syntax error",
    ),
    "wrong type": (
        "plan.toml",
        b'schema_version = 1\n\n[[routines]]\nid = "a"\ntitle = "A"\nperiod = "week"\n'
        b'target = "three"\n',
        r'plan.toml, line 3: routine 1 \(id "a"\), field "target": Input should be a valid '
        r"integer",
    ),
    "unknown key": (
        "contacts.toml",
        b'[[contacts]]\nid = "jane"\nname = "Jane"\nnickname = "JD"\n',
        r'contacts.toml, line 1: contact 1 \(id "jane"\), field "nickname": unknown key',
    ),
    "date as a string": (
        "contacts.toml",
        b'[[contacts]]\nid = "jane"\nname = "Jane"\nfollow_up = "2026-12-01"\n',
        r'field "follow_up": should be a TOML date',
    ),
    "future schema": (
        "plan.toml",
        b"schema_version = 99\n",
        r"plan.toml: schema_version 99 was written by a newer netplan",
    ),
    "dangling reference": (
        "journal.toml",
        b'[[interactions]]\nid = "i-1"\ncontact = "ghost"\non = 2026-11-20\n',
        r'journal.toml: interaction 1 \(id "i-1"\), field "contact": no contact .* "ghost"',
    ),
    "invalid utf-8": (
        "contacts.toml",
        b'[[contacts]]\nid = "jane"\nname = "J\xffne"\n',
        r"contacts.toml, line 3: not valid UTF-8",
    ),
    "nul byte": (
        "contacts.toml",
        b'[[contacts]]\nid = "jane"\nname = "J\x00ne"\n',
        r"contacts.toml, line 3, column \d+: TOML syntax error",
    ),
    "empty file": ("journal.toml", b"", r"journal.toml holds no data"),
    "only comments": ("contacts.toml", b"# nothing\n", r"contacts.toml holds no data"),
    "duplicate ids": (
        "contacts.toml",
        b'[[contacts]]\nid = "jane"\nname = "Jane"\n[[contacts]]\nid = "jane"\nname = "J"\n',
        r'two contacts share the id "jane"',
    ),
    "completion of an unknown routine": (
        "plan.toml",
        b'schema_version = 1\n[completions."2026-11-23"]\nnope = 1\n',
        r'plan.toml: completions."2026-11-23", key "nope": no routine has the id "nope"',
    ),
    "negative count": (
        "plan.toml",
        b'schema_version = 1\n[[routines]]\nid = "a"\ntitle = "A"\nperiod = "week"\n'
        b'target = 1\n[completions."2026-11-23"]\na = -1\n',
        r'completions."2026-11-23", field "a": Input should be greater than or equal to 0',
    ),
}


@pytest.mark.parametrize("case", sorted(CORRUPT))
def test_corrupt_input_is_reported_and_left_alone(store: Store, case: str) -> None:
    name, content, pattern = CORRUPT[case]
    (store.folder / name).write_bytes(content)
    before = snapshot_bytes(store.folder)
    with pytest.raises(StoreError) as raised:
        Store(store.folder).load()
    assert any(__import__("re").search(pattern, p) for p in raised.value.problems), (
        raised.value.problems
    )
    assert snapshot_bytes(store.folder) == before


def test_a_folder_where_a_file_should_be(store: Store) -> None:
    (store.folder / "journal.toml").unlink()
    (store.folder / "journal.toml").mkdir()
    with pytest.raises(StoreError, match=r"journal\.toml is a folder"):
        Store(store.folder).load()


def test_every_problem_is_reported_not_just_the_first(store: Store) -> None:
    (store.folder / "contacts.toml").write_text(
        textwrap.dedent(
            """
            [[contacts]]
            id = "a"
            name = "A"
            cadence_days = 0

            [[contacts]]
            id = "b"
            name = "B"
            email = "not-an-email"
            """
        )
    )
    (store.folder / "journal.toml").write_text("interactions = 3\n")
    with pytest.raises(StoreError) as raised:
        Store(store.folder).load()
    text = "\n".join(raised.value.problems)
    assert 'contacts.toml, line 2: contact 1 (id "a"), field "cadence_days"' in text
    assert 'contacts.toml, line 7: contact 2 (id "b"), field "email": not an email' in text
    assert "journal.toml: interactions" in text


def test_a_contact_added_by_hand_to_a_fresh_file_gets_advice_that_works(tmp_path: Path) -> None:
    """A fresh contacts.toml holds `contacts = []`; a [[contacts]] table added below it is a
    TOML error whose own message ("Cannot mutate immutable namespace") helps nobody."""
    store = Store(tmp_path)
    store.ensure()
    path = tmp_path / "contacts.toml"
    path.write_text(path.read_text() + '\n[[contacts]]\nid = "ann"\nname = "Ann"\n')
    with pytest.raises(StoreError) as caught:
        Store(tmp_path).load()
    message = str(caught.value)
    assert "contacts.toml, line 3" in message
    assert "line 1, `contacts = []`" in message and "delete that line" in message
    path.write_text(path.read_text().replace("contacts = []\n", "", 1))
    assert [c.id for c in Store(tmp_path).load().contacts.contacts] == ["ann"]
