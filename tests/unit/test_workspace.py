"""The workspace driven directly, one job at a time: no app, no Pilot, no sleeps.

Time is a fake clock; "another thread" is a line trace; "another terminal" is the real
command line's entry point run on the same folder.
"""

from __future__ import annotations

import shutil
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
from factories import contact

from netplan.cli import main
from netplan.domain.journal import LogRequest
from netplan.models import ContactBook, Exchange, InteractionKind
from netplan.store import Store, StoreError
from netplan.workspace import Data, PeopleState, SyncState, Workspace
from netplan.workspace.edits import changed_fields
from netplan.workspace.history import WorkingCopy
from netplan.workspace.jobs import (
    Checked,
    CheckJob,
    Conflict,
    PeopleFailed,
    PeopleLoaded,
    Saved,
    SaveFailed,
    run,
)
from netplan.workspace.people_edits import log_interaction, patch_contact
from netplan.workspace.plan_edits import check_off

TODAY = date(2026, 11, 25)
DAY = date(2026, 11, 24)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "store")
    store.ensure()
    with store.lock():
        snapshot = store.load()
        book = ContactBook(contacts=[contact("jane-doe", created=date(2026, 1, 5))])
        store.save(contacts=book)
    del snapshot
    return Store(store.folder)


def open_all(store: Store, clock: Clock) -> Workspace:
    snapshot = store.load()
    return Workspace(
        store, TODAY, Data(snapshot.plan, snapshot.contacts, snapshot.journal), clock=clock
    )


def step(workspace: Workspace):
    """Run the next job there is; returns (job, result), or None when nothing is due."""
    job = workspace.next_job()
    if job is None:
        return None
    result = run(workspace.store, job)
    workspace.finish(job, result)
    return job, result


def drain(workspace: Workspace) -> list:
    results = []
    while (done := step(workspace)) is not None:
        results.append(done[1])
    return results


def engage(workspace: Workspace):
    return next(r for r in workspace.data.plan.routines if r.id == "engage-posts")


def on_disk(store: Store):
    return Store(store.folder).load()


def someone_else_checks_off(store: Store, routine_id: str = "connect-people") -> None:
    """Another netplan (its own Store) saves a check-off to the same folder."""
    other = Store(store.folder)
    with other.lock():
        plan = other.read_plan()
        from netplan.domain.routines import add_completions

        other.save(plan=add_completions(plan, routine_id, DAY, 1))


# --- the save job is built where the edits are made ----------------------------------------


def _lines_of(function) -> range:
    code = function.__code__
    lines = [line for _start, _end, line in code.co_lines() if line is not None]
    return range(min(lines), max(lines) + 1)


@pytest.mark.parametrize("at", _lines_of(WorkingCopy.save_job))
def test_a_key_pressed_while_the_save_job_is_built_is_never_lost(
    store: Store, clock: Clock, at: int
) -> None:
    """The race of the old design: the job was built on the save thread, and a key pressed
    between reading the files and reading the edit number gave a job that claimed an edit it
    did not hold; marking it saved dropped the edit. Here another thread's key press is made
    to land at every line of building the job; whatever it changed must reach the disk."""
    workspace = open_all(store, clock)
    routine = engage(workspace)
    workspace.apply(check_off(routine, DAY, 1))
    pressed = []

    def trace(frame, event, _arg):
        if frame.f_code is WorkingCopy.save_job.__code__:
            return local
        return None

    def local(frame, event, _arg):
        if event == "line" and frame.f_lineno == at and not pressed:
            pressed.append(at)
            workspace.copy.apply(check_off(routine, DAY, 1))  # as if from another thread
        return local

    sys.settrace(trace)
    try:
        job = workspace.next_job()
    finally:
        sys.settrace(None)
    assert job is not None
    workspace.finish(job, run(store, job))
    drain(workspace)
    expected = 1 + len(pressed)
    assert workspace.data.plan.completions[DAY]["engage-posts"] == expected
    assert on_disk(store).plan.completions[DAY]["engage-posts"] == expected
    assert not workspace.dirty


def test_jobs_are_built_only_on_the_owning_thread(store: Store, clock: Clock) -> None:
    workspace = open_all(store, clock)
    workspace.apply(check_off(engage(workspace), DAY, 1))
    failures = []

    def elsewhere() -> None:
        try:
            workspace.next_job()
        except RuntimeError as error:
            failures.append(str(error))

    thread = threading.Thread(target=elsewhere)
    thread.start()
    thread.join()
    assert failures and "does not own it" in failures[0]
    assert workspace.state == SyncState.idle  # nothing started


# --- the state machine ---------------------------------------------------------------------


def test_an_edit_saves_and_settles(store: Store, clock: Clock) -> None:
    workspace = open_all(store, clock)
    assert workspace.settled and workspace.next_job() is None
    workspace.apply(check_off(engage(workspace), DAY, 1))
    assert workspace.dirty and not workspace.settled
    job = workspace.next_job()
    assert workspace.state == SyncState.saving
    assert workspace.next_job() is None  # one job at a time
    workspace.finish(job, run(store, job))
    assert workspace.state == SyncState.idle and workspace.settled
    assert on_disk(store).plan.completions[DAY] == {"engage-posts": 1}


def test_a_failed_save_is_kept_and_retried_when_its_time_comes(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = open_all(store, clock)
    workspace.apply(check_off(engage(workspace), DAY, 1))
    real_save = Store.save

    def full_disk(self, **models):
        raise StoreError(f"cannot write {self.folder}/plan.toml: the disk is full")

    monkeypatch.setattr(Store, "save", full_disk)
    _job, result = step(workspace)
    assert isinstance(result, SaveFailed)
    assert workspace.state == SyncState.failed and workspace.cannot_save
    assert workspace.wake_at == clock.now + 2
    (notice,) = workspace.take_notices()
    assert notice.title == "Could not save" and "the disk is full" in notice.message
    assert workspace.next_job() is None  # not before its time
    clock.now += 2
    _job, result = step(workspace)  # fails again: the wait grows, no second notice
    assert isinstance(result, SaveFailed) and workspace.wake_at == clock.now + 5
    assert workspace.take_notices() == []
    monkeypatch.setattr(Store, "save", real_save)
    workspace.apply(check_off(engage(workspace), DAY, 1))  # a key meanwhile: kept, waits
    assert workspace.next_job() is None
    clock.now += 5
    _job, result = step(workspace)
    assert isinstance(result, Saved)
    assert workspace.state == SyncState.idle and workspace.settled
    assert workspace.save_error is None and workspace.wake_at is None
    assert [n.message for n in workspace.take_notices()] == ["Saved. Everything is on disk again."]
    assert on_disk(store).plan.completions[DAY] == {"engage-posts": 2}


def test_a_file_changed_during_a_save_is_reloaded_and_the_edit_replayed(
    store: Store, clock: Clock
) -> None:
    workspace = open_all(store, clock)
    workspace.apply(check_off(engage(workspace), DAY, 1))
    job = workspace.next_job()
    someone_else_checks_off(store)  # lands between building the job and running it
    result = run(store, job)
    assert result == Conflict(("plan",))
    workspace.finish(job, result)
    assert workspace.state == SyncState.idle and workspace.dirty
    check = workspace.next_job()
    assert isinstance(check, CheckJob) and check.names == ("plan",)
    assert workspace.state == SyncState.checking
    workspace.finish(check, run(store, check))
    assert workspace.data.plan.completions[DAY] == {"engage-posts": 1, "connect-people": 1}
    (notice,) = workspace.take_notices()
    assert notice.title == "Merged"
    assert isinstance(step(workspace)[1], Saved)
    assert on_disk(store).plan.completions[DAY] == {"engage-posts": 1, "connect-people": 1}
    assert workspace.settled


def test_a_poll_with_unsaved_edits_reloads_first_then_saves_both(
    store: Store, clock: Clock
) -> None:
    workspace = open_all(store, clock)
    workspace.apply(check_off(engage(workspace), DAY, 1))
    someone_else_checks_off(store)
    workspace.request_check()
    job = workspace.next_job()
    assert isinstance(job, CheckJob) and job.names is None  # the look at the disk comes first
    result = run(store, job)
    assert isinstance(result, Checked) and list(result.loaded) == ["plan"]
    workspace.finish(job, result)
    assert workspace.dirty  # replayed on top, still to save
    assert drain(workspace) == [Saved(("plan",))]
    assert on_disk(store).plan.completions[DAY] == {"engage-posts": 1, "connect-people": 1}


def test_a_poll_without_changes_on_disk_changes_nothing(store: Store, clock: Clock) -> None:
    workspace = open_all(store, clock)
    data = workspace.data
    workspace.request_check()
    assert drain(workspace) == [Checked()]
    assert workspace.data is data and workspace.take_notices() == []


def test_an_invalid_file_blocks_its_saves_until_it_is_valid_again(
    store: Store, clock: Clock
) -> None:
    workspace = open_all(store, clock)
    good = store.path("plan").read_bytes()
    store.path("plan").write_bytes(good.replace(b"target = 3", b'target = "three"'))
    workspace.request_check()
    (result,) = drain(workspace)
    assert isinstance(result, Checked) and list(result.invalid) == ["plan"]
    assert workspace.state == SyncState.blocked and "plan" in workspace.blocked
    (notice,) = workspace.take_notices()
    assert "changed on disk and is invalid" in notice.title and "target" in notice.message
    workspace.apply(check_off(engage(workspace), DAY, 1))
    assert workspace.next_job() is None  # it would write over the broken file
    assert workspace.cannot_save
    workspace.request_check()
    drain(workspace)
    assert workspace.take_notices() == []  # the same problem is said once
    assert store.path("plan").read_bytes() != good  # never written over
    store.path("plan").write_bytes(good.replace(b"target = 3", b"target = 4"))
    workspace.request_check()
    results = drain(workspace)
    assert isinstance(results[0], Checked) and isinstance(results[1], Saved)
    assert workspace.state == SyncState.idle and not workspace.blocked
    plan = on_disk(store).plan
    assert plan.completions[DAY] == {"engage-posts": 1}
    assert engage(workspace).target == 4  # the fix on disk, and the edit on top


def test_edits_that_fit_no_longer_are_kept_in_a_recovery_file(store: Store, clock: Clock) -> None:
    workspace = open_all(store, clock)
    workspace.apply(check_off(engage(workspace), DAY, 1))
    other = Store(store.folder)
    plan = other.read_plan()
    other.save(plan=plan.model_copy(update={"routines": plan.routines[1:]}))  # engage gone
    workspace.request_check()
    drain(workspace)
    (notice,) = workspace.take_notices()
    assert notice.title == "Changed on disk" and "plan.recovered-" in notice.message
    assert not workspace.dirty and workspace.state == SyncState.idle
    (kept,) = store.folder.glob("plan.recovered-*.toml")
    assert b"engage-posts = 1" in kept.read_bytes()
    assert on_disk(store).plan.routines == workspace.data.plan.routines


def test_stuck_when_the_recovery_file_cannot_be_written_then_kept_later(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace = open_all(store, clock)
    workspace.apply(check_off(engage(workspace), DAY, 1))
    other = Store(store.folder)
    plan = other.read_plan()
    other.save(plan=plan.model_copy(update={"routines": plan.routines[1:]}))
    real = Store.write_recovery

    def no_room(self, name, model):
        raise StoreError("cannot write plan.recovered.toml: the disk is full")

    monkeypatch.setattr(Store, "write_recovery", no_room)
    workspace.request_check()
    drain(workspace)
    assert workspace.state == SyncState.stuck and workspace.dirty and workspace.cannot_save
    assert workspace.take_notices()[0].title == "Cannot keep your changes"
    workspace.request_check()
    assert workspace.next_job() is None  # no poll and no save while stuck
    clock.now += 30
    monkeypatch.setattr(Store, "write_recovery", real)
    job = workspace.next_job()
    assert isinstance(job, CheckJob) and job.names == ("plan",)
    workspace.finish(job, run(store, job))
    assert workspace.state == SyncState.idle and not workspace.dirty
    assert list(store.folder.glob("plan.recovered-*.toml"))


def test_people_that_fail_to_load_load_once_their_file_changes(store: Store, clock: Clock) -> None:
    workspace = Workspace(store, TODAY, Data(plan=store.read_plan()), clock=clock)
    assert workspace.people_state == PeopleState.loading and workspace.people is None
    good = store.path("contacts").read_bytes()
    store.path("contacts").write_bytes(good.replace(b'name = "Jane Doe"', b"name = 7"))
    job = workspace.people_job()
    assert workspace.people_job() is None  # one load at a time
    result = run(store, job)
    assert isinstance(result, PeopleFailed)
    workspace.finish(job, result)
    assert workspace.people_state == PeopleState.broken
    assert workspace.people_status.startswith("Contacts not loaded: ")
    assert workspace.take_notices()[0].title == "Cannot load contacts"
    workspace.request_check()
    drain(workspace)
    assert workspace.people_state == PeopleState.broken  # unchanged file: no new try
    store.path("contacts").write_bytes(good)
    workspace.request_check()
    drain(workspace)
    assert workspace.people_state == PeopleState.loading
    job = workspace.people_job()
    result = run(store, job)
    assert isinstance(result, PeopleLoaded)
    workspace.finish(job, result)
    assert workspace.people_state == PeopleState.loaded
    assert len(workspace.people) == 1 and workspace.data.contacts.contacts[0].name == "Jane Doe"
    assert workspace.take_notices()[0].message.endswith("valid again and loaded.")


def test_the_people_index_follows_every_edit(store: Store, clock: Clock) -> None:
    workspace = open_all(store, clock)
    people = workspace.people
    assert people is not None and people.by_id["jane-doe"].last is None
    request = LogRequest(contact="jane-doe", on=DAY, exchange=Exchange.asked)
    workspace.apply(log_interaction(request, "Log"))
    assert people.by_id["jane-doe"].last == DAY and people.by_id["jane-doe"].balance.asked == 1
    workspace.undo()
    assert people.by_id["jane-doe"].last is None


# --- a form saved after a change elsewhere -------------------------------------------------


def test_a_form_saved_after_a_log_in_another_terminal_keeps_both(
    store: Store, clock: Clock
) -> None:
    workspace = open_all(store, clock)
    before = workspace.data.contacts.contacts[0]  # what the form shows when it opens
    edited = before.model_copy(update={"notes": "Moving to Berlin in spring."})
    status = main(
        ["--data", str(store.folder), "log", "jane", "--follow-up", "2026-12-20"],
        {"NETPLAN_TODAY": TODAY.isoformat()},
    )
    assert status == 0
    workspace.request_check()  # the app's poll
    drain(workspace)
    assert workspace.data.contacts.contacts[0].follow_up == date(2026, 12, 20)
    workspace.apply(patch_contact(before.id, changed_fields(before, edited), edited.name))
    drain(workspace)
    saved = on_disk(store).contacts.contacts[0]
    assert saved.notes == "Moving to Berlin in spring."
    assert saved.follow_up == date(2026, 12, 20)  # the other terminal's change stays
    workspace.undo()
    drain(workspace)
    saved = on_disk(store).contacts.contacts[0]
    assert saved.notes is None and saved.follow_up == date(2026, 12, 20)


# --- the command line and the app write the same records -----------------------------------


def test_cli_log_and_the_apps_log_write_identical_records(store: Store, clock: Clock) -> None:
    twin = store.folder.parent / "twin"
    shutil.copytree(store.folder, twin)
    status = main(
        [
            "--data",
            str(store.folder),
            "log",
            "jane",
            "--kind",
            "coffee",
            "--asked",
            "--minutes",
            "45",
            "--note",
            "Talked about  her move ",
            "--on",
            "yesterday",
            "--follow-up",
            "+14d",
            "--promise",
            "Send the deck",
        ],
        {"NETPLAN_TODAY": TODAY.isoformat()},
    )
    assert status == 0
    # The same interaction, as the log form describes it (see tui/contacts/log_form.py).
    workspace = open_all(Store(twin), clock)
    request = LogRequest(
        contact="jane-doe",
        on=DAY,
        kind=InteractionKind.coffee,
        exchange=Exchange.asked,
        minutes=45,
        note="Talked about  her move",
        follow_up=date(2026, 12, 9),
        promise="Send the deck",
    )
    workspace.apply(log_interaction(request, "Log coffee with Jane Doe"))
    workspace.save()
    for name in ("journal.toml", "contacts.toml", "plan.toml"):
        assert (store.folder / name).read_bytes() == (twin / name).read_bytes(), name


def test_the_cli_saves_through_the_workspace_and_refuses_what_it_cannot_save(
    store: Store, clock: Clock, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    before = {n: store.path(n).read_bytes() for n in ("plan", "contacts", "journal")}

    def full_disk(self, **models):
        raise StoreError(f"cannot write {self.folder}/journal.toml: the disk is full")

    monkeypatch.setattr(Store, "save", full_disk)
    status = main(["--data", str(store.folder), "log", "jane"], {"NETPLAN_TODAY": "2026-11-25"})
    assert status == 1
    assert "the disk is full" in capsys.readouterr().err
    assert {n: store.path(n).read_bytes() for n in before} == before


def test_a_change_the_writer_refuses_is_not_retried_as_if_the_disk_failed(
    store: Store, clock: Clock
) -> None:
    """A count past 2**63 cannot be written as TOML: saying so once and waiting for the
    next change, not retrying the same data every few seconds for good."""
    workspace = open_all(store, clock)
    before = (store.folder / "plan.toml").read_bytes()
    workspace.apply(check_off(engage(workspace), DAY, 2**63))
    _job, result = step(workspace)
    assert isinstance(result, SaveFailed) and not result.retry
    (notice,) = workspace.take_notices()
    assert "too large for TOML" in notice.message and "undo" in notice.message
    for _ in range(3):
        clock.now += 3600
        assert workspace.next_job() is None, "the same refused data tried again"
    assert workspace.cannot_save and (store.folder / "plan.toml").read_bytes() == before
    workspace.undo()
    assert [type(r) for r in drain(workspace)] == [Saved]
    assert workspace.settled and workspace.save_error is None
    assert workspace.state == SyncState.idle
    assert (store.folder / "plan.toml").read_bytes() == before


def test_conflict_copies_are_pointed_out_at_the_first_look_and_when_a_new_one_appears(
    store: Store, clock: Clock
) -> None:
    first = store.folder / "contacts.sync-conflict-20261124-101500-LAPTOP.toml"
    first.write_text("contacts = []\n")
    workspace = open_all(store, clock)

    def said() -> list[str]:
        workspace.request_check()
        drain(workspace)
        return [n.message for n in workspace.take_notices() if n.title.startswith("Conflict")]

    (notice,) = said()
    assert first.name in notice
    assert said() == [], "the same copy pointed out again at every poll"
    second = store.folder / "plan (Jane's conflicted copy 2026-11-25).toml"
    second.write_text("schema_version = 1\n")
    (notice,) = said()
    assert second.name in notice and first.name not in notice
