"""The app under faults: saves that keep failing until quit, a second copy of netplan, the
command line and sync tools writing while it runs, broken files at start."""

from __future__ import annotations

import asyncio
import errno
import os
import subprocess
import sys
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from app_helpers import TODAY, make_app, messages, notified, on_disk, settle, wait_for
from faults_helpers import replace_through_os
from textual.widgets import TabbedContent

from netplan.domain.routines import add_completions
from netplan.models import Interaction
from netplan.store import Store, decode, encode
from netplan.tui import app as app_module
from netplan.workspace import states as states_module
from netplan.workspace.plan_edits import Edit

MONDAY = date(2026, 11, 23)


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NETPLAN_")}
    env.update(NETPLAN_DATA=str(data), NETPLAN_TODAY=TODAY.isoformat())
    return subprocess.run(
        [sys.executable, "-m", "netplan", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def log_in_app(contact: str, note: str) -> Edit:
    """An interaction logged in the app, with a note on the contact: both files change."""
    interaction = Interaction(id=f"i-app-{contact}", contact=contact, on=TODAY, note=note)

    def forward(data):
        contacts = [
            c.model_copy(update={"notes": note}) if c.id == contact else c
            for c in data.contacts.contacts
        ]
        return replace(
            data,
            contacts=data.contacts.model_copy(update={"contacts": contacts}),
            journal=data.journal.model_copy(
                update={"interactions": [*data.journal.interactions, interaction]}
            ),
        )

    def backward(data):  # pragma: no cover - not undone here
        return data

    return Edit(f"Log {contact}", forward, backward)


# --- saves that keep failing ---------------------------------------------------------------


async def test_q_twice_while_saves_fail_keeps_the_change_in_a_recovery_file(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """plan.toml cannot be replaced (say it links into a synced folder that went read-only);
    the first q waits and says so, the second writes the unsaved version beside the files."""
    monkeypatch.setattr(states_module, "RETRY_SECONDS", (0.3,))
    target = os.path.realpath(store.folder / "plan.toml")
    real_replace = os.replace

    def replace_file(src, dst):
        if os.path.realpath(dst) == target:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_file)

    replace_through_os(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        before = (store.folder / "plan.toml").read_bytes()
        await pilot.press("space")
        await wait_for(pilot, lambda: app.workspace.save_error is not None, what="the failed save")
        await pilot.press("q")
        await wait_for(
            pilot,
            lambda: any("Press q again" in m for m in messages(app)),
            what="the hint to press q again",
        )
        assert app.return_code is None, "quit with a change that is nowhere on disk"
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None, what="the exit")
    assert app.return_code == 1
    recovered = sorted(store.folder.glob("plan.recovered-*.toml"))
    assert len(recovered) == 1, list(store.folder.iterdir())
    plan = decode("plan", recovered[0].read_bytes())
    assert plan.completions == {TODAY: {"engage-posts": 1}}
    assert recovered[0].stat().st_mode & 0o777 == 0o600
    assert (store.folder / "plan.toml").read_bytes() == before


async def test_q_twice_with_no_room_anywhere_keeps_the_changes_for_the_terminal(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No folder takes a file (the store's, its parent, home, temp): the changes are not
    dropped; the exit says so and the command line prints their TOML after the app."""
    monkeypatch.setattr(states_module, "RETRY_SECONDS", (0.3,))
    elsewhere(monkeypatch, store.folder.parent)

    def no_replace(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "replace", no_replace)

    replace_through_os(monkeypatch)
    app = make_app(store)
    said = []
    real_exit = app.exit

    def exit_with(*args, **kwargs):
        said.append(str(kwargs.get("message")))
        real_exit(*args, **kwargs)

    app.exit = exit_with
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.workspace.save_error is not None, what="the failed save")
        await pilot.press("q")
        await wait_for(pilot, lambda: any("Press q again" in m for m in messages(app)))
        await pilot.press("q")
        await wait_for(pilot, lambda: app.return_code is not None, what="the exit")
    assert app.return_code == 1
    assert any("could not be written anywhere" in m and "printed below" in m for m in said)
    assert list(store.folder.parent.rglob("*.recovered-*")) == []
    from netplan.workspace.keeping import printable

    text = printable(app.kept)
    assert text.startswith("# ---- plan.toml")
    assert decode("plan", text.encode()).completions == {TODAY: {"engage-posts": 1}}


async def test_q_twice_on_a_full_store_folder_keeps_the_changes_in_its_parent(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(states_module, "RETRY_SECONDS", (0.3,))
    elsewhere(monkeypatch, store.folder.parent)
    folder = os.path.realpath(store.folder)
    real_replace = os.replace

    def full_folder(src, dst):
        if os.path.dirname(os.path.realpath(dst)) == folder:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", full_folder)
    replace_through_os(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.workspace.save_error is not None, what="the failed save")
        await pilot.press("q", "q")
        await wait_for(pilot, lambda: app.return_code is not None, what="the exit")
    assert app.return_code == 1
    (recovered,) = store.folder.parent.glob("plan.recovered-*.toml")
    assert decode("plan", recovered.read_bytes()).completions == {TODAY: {"engage-posts": 1}}
    assert list(store.folder.glob("*.recovered-*")) == []


async def test_edits_that_no_longer_fit_and_cannot_be_kept_stay_in_memory(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A double fault: the unsaved check-off's routine was removed on disk (the edit no longer
    applies), and no recovery file can be written either. The app stays up, writes nothing
    over the other side's file, and keeps the edit until it can put it in a recovery file."""
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    monkeypatch.setattr(states_module, "RETRY_SECONDS", (0.3,) * 5)
    blocked = {"on": True}
    real_replace = os.replace
    elsewhere(monkeypatch, store.folder.parent)

    def replace_file(src, dst):  # every folder: a recovery file goes nowhere either
        if blocked["on"]:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace_file)

    replace_through_os(monkeypatch)
    path = store.folder / "plan.toml"
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("space")
        await wait_for(pilot, lambda: app.workspace.save_error is not None, what="the failed save")
        plan = Store(store.folder).read_plan()
        theirs = encode(
            plan.model_copy(
                update={"routines": [r for r in plan.routines if r.id != "engage-posts"]}
            )
        )
        path.write_bytes(theirs)  # another machine's version, through a sync in place
        await wait_for(
            pilot,
            lambda: any("Cannot keep your changes" in m for m in messages(app)),
            what="the message",
        )
        await pilot.pause(0.8)
        assert path.read_bytes() == theirs
        assert app.return_code is None and app.workspace.dirty
        blocked["on"] = False  # space again: the edit goes to a recovery file
        await wait_for(
            pilot, lambda: list(store.folder.glob("plan.recovered-*.toml")), what="the recovery"
        )
        await wait_for(pilot, lambda: not app.workspace.dirty, what="the reload")
        assert all(r.id != "engage-posts" for r in app.data.plan.routines)
    assert path.read_bytes() == theirs
    (recovered,) = store.folder.glob("plan.recovered-*.toml")
    assert decode("plan", recovered.read_bytes()).completions == {TODAY: {"engage-posts": 1}}


# --- two copies at once ----------------------------------------------------------------------


def elsewhere(monkeypatch: pytest.MonkeyPatch, parent: Path) -> None:
    """The home and temp folders where a recovery file may go: the test's own."""
    for name in ("HOME", "TMPDIR"):
        (parent / name.lower()).mkdir(exist_ok=True)
        monkeypatch.setenv(name, str(parent / name.lower()))


@pytest.mark.parametrize("poll", [0.1, 60], ids=["reloaded-by-the-poll", "found-on-save"])
async def test_the_cli_logs_while_the_app_runs_and_both_changes_stay(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, poll: float
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", poll)
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        result = await asyncio.to_thread(
            run_cli, "log", "amara", "--gave", "--note", "From the terminal", data=demo_store.folder
        )
        assert result.returncode == 0, result.stderr
        if poll < 1:
            await wait_for(
                pilot,
                lambda: any(i.note == "From the terminal" for i in app.data.journal.interactions),
                what="the reload",
            )
        assert app.apply(log_in_app("chen-wei", "From the app"))
        await settle(pilot, app)
        assert any(i.note == "From the terminal" for i in app.data.journal.interactions)
    disk = on_disk(demo_store)
    notes = [i.note for i in disk.journal.interactions]
    assert "From the terminal" in notes and "From the app" in notes
    assert next(c for c in disk.contacts.contacts if c.id == "chen-wei").notes == "From the app"


async def test_two_apps_checking_off_at_the_same_moment_lose_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.2)
    first, second = make_app(store), make_app(Store(store.folder))
    async with first.run_test(size=(120, 36)) as one, second.run_test(size=(120, 36)) as two:
        await settle(one, first)
        await settle(two, second)
        for _ in range(3):
            await one.press("space")
            await two.press("space")
        await two.press("j", "space")
        await settle(one, first)
        await settle(two, second)
        wanted = {TODAY: {"engage-posts": 6, "connect-people": 1}}
        await wait_for(
            one,
            lambda: first.data.plan.completions == second.data.plan.completions == wanted,
            what="both apps to show every check-off",
        )
    assert on_disk(store).plan.completions == wanted


def test_two_copies_starting_on_a_new_folder_keep_the_first_check_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first run creates the files. A second copy, started at the same moment, creates
    them as well and saves a check-off before the first has written its defaults: the
    defaults must not land on top of that check-off."""
    from netplan.store import core as store_module

    folder = tmp_path / "new"
    real_write = store_module.atomic_write
    other: dict = {}

    def second_copy() -> None:
        store = Store(folder)
        store.ensure()
        store.save(plan=add_completions(store.read_plan(), "engage-posts", TODAY, 1))
        other["done"] = True

    def write(path, data):
        if "thread" not in other:  # the first copy is about to create its first file
            other["thread"] = threading.Thread(target=second_copy)
            other["thread"].start()
            other["thread"].join(0.5)  # it finishes now, unless it waits for the lock
        return real_write(path, data)

    monkeypatch.setattr(store_module, "atomic_write", write)
    Store(folder).ensure()
    other["thread"].join(15)
    assert other.get("done")
    assert Store(folder).read_plan().completions == {TODAY: {"engage-posts": 1}}


# --- the disk changes underneath ---------------------------------------------------------------


def same_size_edit(path: Path, old: bytes, new: bytes, in_place: bool) -> None:
    """What a sync tool does: the new content, the old mtime. Either a new file renamed over
    the old one, or (rsync --inplace) the same file rewritten: then only the hash (and the
    ctime, which nobody can set back) shows the change."""
    data = path.read_bytes()
    assert len(old) == len(new) and data.count(old) == 1
    st = path.stat()
    if in_place:
        with open(path, "r+b") as handle:
            handle.write(data.replace(old, new))
    else:
        temp = path.with_name("sync-tmp")
        temp.write_bytes(data.replace(old, new))
        os.replace(temp, path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


@pytest.mark.parametrize("in_place", [False, True], ids=["renamed-over", "rewritten-in-place"])
async def test_a_sync_that_keeps_size_and_mtime_is_still_reloaded(
    store: Store, monkeypatch: pytest.MonkeyPatch, in_place: bool
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    path = store.folder / "plan.toml"
    plan = store.read_plan()
    store.save(plan=add_completions(plan, "engage-posts", MONDAY, 1))
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        same_size_edit(path, b"engage-posts = 1", b"engage-posts = 3", in_place)
        await wait_for(
            pilot,
            lambda: app.data.plan.completions == {MONDAY: {"engage-posts": 3}},
            what="the reload of a file whose size and mtime did not change",
        )
        await pilot.press("space")
        await settle(pilot, app)
    assert on_disk(store).plan.completions == {
        MONDAY: {"engage-posts": 3},
        TODAY: {"engage-posts": 1},
    }


async def test_valid_then_invalid_then_valid_again_under_unsaved_changes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A sync brings a valid change (reloaded), then a half-finished one (refused, with a
    message; this side's change waits in memory and the file is never written over), then
    the finished one: reloaded, and this side's change saved on top."""
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    monkeypatch.setattr(states_module, "RETRY_SECONDS", (0.3, 0.3, 0.3, 0.3, 0.3))
    path = store.folder / "plan.toml"
    base = store.read_plan()

    def sync(data: bytes) -> None:
        temp = path.with_name("incoming")
        temp.write_bytes(data)
        os.replace(temp, path)

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        valid = encode(add_completions(base, "share-resource", MONDAY, 1))
        sync(valid)
        await wait_for(pilot, lambda: MONDAY in app.data.plan.completions, what="the valid change")
        broken = valid + b"\n[[routines]]\nid = \n"
        sync(broken)
        await wait_for(
            pilot,
            lambda: any("invalid" in m and "plan.toml" in m for m in messages(app)),
            what="the message about the invalid file",
        )
        await pilot.press("space")  # a change of our own while the file is invalid
        await pilot.pause(1.0)  # saves are tried and refused
        assert path.read_bytes() == broken
        assert app.workspace.dirty
        finished = encode(add_completions(base, "share-resource", MONDAY, 2))
        sync(finished)
        await wait_for(pilot, lambda: not app.workspace.dirty, what="the save after the fix")
        await settle(pilot, app)
    assert on_disk(store).plan.completions == {
        MONDAY: {"share-resource": 2},
        TODAY: {"engage-posts": 1},
    }


async def test_a_change_made_while_the_app_reads_an_external_edit_is_not_lost(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The poll has read the changed file but not yet adopted it when a key is pressed: the
    save of that key must not go out on top of the old version, over the external change."""
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    read_done, go_on = threading.Event(), threading.Event()
    real_read = Store.read

    def read(self, name):
        model = real_read(self, name)
        if name == "plan" and threading.current_thread() is not threading.main_thread():
            read_done.set()
            go_on.wait(5)
        return model

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        monkeypatch.setattr(Store, "read", read)
        other = Store(store.folder)
        other.save(plan=add_completions(other.read_plan(), "share-resource", MONDAY, 1))
        await wait_for(pilot, read_done.is_set, what="the poll to read the change")
        await pilot.press("space")
        await pilot.pause(0.5)  # time for a save, if one were started now
        go_on.set()
        await settle(pilot, app)
        await wait_for(pilot, lambda: MONDAY in app.data.plan.completions, what="the reload")
        await settle(pilot, app)
    assert on_disk(store).plan.completions == {
        MONDAY: {"share-resource": 1},
        TODAY: {"engage-posts": 1},
    }


# --- broken files at start -----------------------------------------------------------------


async def test_a_broken_contacts_file_is_shown_and_never_written(store: Store) -> None:
    path = store.folder / "contacts.toml"
    path.write_bytes(b'[[contacts]]\nid = "x"\nname = "X"\ncadence_days = "often"\n')
    before = {p.name: p.read_bytes() for p in store.folder.glob("*.toml")}
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await notified(pilot, app, "Cannot load contacts", "contacts.toml", "cadence_days")
        await pilot.press("3")
        await pilot.pause(0.2)
        assert {p.name: p.read_bytes() for p in store.folder.glob("*.toml")} == before
        await pilot.press("1", "space")  # the plan still works, and only plan.toml is written
        await settle(pilot, app)
    assert path.read_bytes() == before["contacts.toml"]
    assert (store.folder / "journal.toml").read_bytes() == before["journal.toml"]
    assert Store(store.folder).read_plan().completions == {TODAY: {"engage-posts": 1}}


async def test_contacts_load_once_the_broken_file_is_fixed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(app_module, "POLL_SECONDS", 0.1)
    path = store.folder / "contacts.toml"
    path.write_bytes(b'[[contacts]]\nid = "x"\nname = "X"\ncadence_days = "often"\n')
    app = make_app(Store(store.folder))
    async with app.run_test(size=(120, 36)) as pilot:
        await notified(pilot, app, "Cannot load contacts", "cadence_days")
        assert app.data.contacts is None
        await pilot.pause(0.5)  # polls that find the file as it was start no new load
        assert sum("Cannot load contacts" in m for m in messages(app)) == 1
        path.write_bytes(b'[[contacts]]\nid = "x"\nname = "X"\ncadence_days = "often!"\n')
        await wait_for(pilot, lambda: sum("Cannot load" in m for m in messages(app)) == 2)
        path.write_bytes(b'[[contacts]]\nid = "x"\nname = "X"\ncadence_days = 30\n')
        await notified(pilot, app, "valid again")
        assert [c.id for c in app.data.contacts.contacts] == ["x"]
        assert app.data.journal is not None
        await pilot.press("3")
        await settle(pilot, app)
        assert "Contacts 1" in str(app.query_one(TabbedContent).get_tab("contacts").label)
