"""The workspace: the one application core that the app and the command line share.

It owns the working copy (edits, undo, redo) and its life with the disk as an explicit state
machine. Everything here runs on the thread that owns the workspace; the slow parts are jobs
(`next_job` builds one, `jobs.run` does its I/O on any thread, `finish` takes the result
back), so the app can keep keys answered while a save runs, and a test can take every step
by hand. The app schedules jobs and shows `notices`; the command line runs them in a row.

The states and what they mean: netplan.workspace.states.

People (contacts and journal) load on their own: `people_state` is loading, loaded or broken.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import date
from time import monotonic
from typing import TYPE_CHECKING

from netplan.store import FILES, FileName, Store, StoreError
from netplan.workspace import notices
from netplan.workspace.data import FILE_NAMES, Data
from netplan.workspace.edits import Edit
from netplan.workspace.history import SaveJob, WorkingCopy
from netplan.workspace.states import (
    RUNNING,
    Notice,
    PeopleState,
    SyncState,
    keep_retry,
    retry_delay,
)

if TYPE_CHECKING:
    from netplan.domain.people_index import PeopleIndex
    from netplan.workspace import jobs as jobs_module
    from netplan.workspace.jobs import CheckJob, Job, PeopleJob, Result
    from netplan.workspace.keeping import Kept


def _jobs():
    """The jobs module: it loads with the first job, not with the app's first frame."""
    from netplan.workspace import jobs

    return jobs


class Workspace:
    def __init__(
        self,
        store: Store,
        today: date,
        data: Data,
        clock: Callable[[], float] = monotonic,
    ) -> None:
        self.store = store
        self.today = today
        self.copy = WorkingCopy(data)
        self.clock = clock
        self.state = SyncState.idle
        self._resting = SyncState.idle  # where a running job returns to
        self.people_state = PeopleState.loaded if data.people_loaded else PeopleState.loading
        self.people_problem: str | None = None  # why contacts and journal did not load
        self._people: PeopleIndex | None = None
        self._people_look: tuple | None = None
        self._people_running = False
        self._people_retry = False  # loading again after a failed load
        self._check: tuple[FileName, ...] | bool | None = False  # False: none wanted
        self.wake_at: float | None = None  # when a failed save or a stuck keep is tried again
        self.save_error: str | None = None
        self.blocked: dict[FileName, str] = {}  # files invalid on disk, with the problem
        self._retries = 0
        self._copies: frozenset[str] | None = None  # conflict copies already pointed out
        self._refused: Data | None = None  # the data a save refused to write (not the disk)
        self._stuck_names: tuple[FileName, ...] = ()
        self._reported_invalid: str | None = None
        self.quitting = False
        self.notices: list[Notice] = []
        self._owner = threading.get_ident()

    # reading

    @property
    def people(self) -> PeopleIndex | None:
        """What is derived from contacts and journal, once they are loaded. Built by the load
        job in the app; on first use where the people came loaded (the command line), so a
        command that never asks (an import) never derives 30,000 rows."""
        data = self.copy.data
        if self._people is None and data.contacts is not None and data.journal is not None:
            from netplan.domain.people_index import PeopleIndex

            self._people = PeopleIndex.of(
                data.contacts, data.journal, data.plan.settings, self.today, data.plan.events
            )
        return self._people

    @property
    def data(self) -> Data:
        return self.copy.data

    @property
    def dirty(self) -> bool:
        return self.copy.dirty

    @property
    def settled(self) -> bool:
        """Nothing unsaved and no job running: safe to quit."""
        return not self.copy.dirty and self.state not in RUNNING

    @property
    def cannot_save(self) -> bool:
        """Unsaved edits that saving cannot write now (a second q keeps them elsewhere)."""
        if self._resting in (SyncState.failed, SyncState.stuck):
            return True
        return bool(self.blocked) and bool(set(self.copy.dirty_files()) & set(self.blocked))

    @property
    def people_status(self) -> str:
        if self.people_state == PeopleState.broken:
            return f"Contacts not loaded: {self.people_problem}"
        return "Loading contacts…" if self.people_state == PeopleState.loading else ""

    def take_notices(self) -> list[Notice]:
        notices, self.notices = self.notices, []
        return notices

    def _own(self) -> None:
        if threading.get_ident() != self._owner:
            raise RuntimeError("the workspace is used from a thread that does not own it")

    # changing

    def apply(self, edit: Edit) -> bool:
        """Apply an edit; False when it changes nothing. KeyError or ValueError when it no
        longer applies (its record is gone, the result would be invalid): nothing changed."""
        self._own()
        changed = self.copy.apply(edit)
        if changed:
            self._catch_up()
        return changed

    def undo(self) -> Edit | None:
        return self._move(self.copy.undo)

    def redo(self) -> Edit | None:
        return self._move(self.copy.redo)

    def _move(self, move: Callable[[], Edit | None]) -> Edit | None:
        self._own()
        edit = move()
        if edit is not None:
            self._catch_up()
        return edit

    def _catch_up(self) -> None:
        """Bring the people index up to the data (it recomputes only what changed)."""
        data = self.copy.data
        people = self._people
        if people is not None and data.contacts is not None and data.journal is not None:
            people.update(
                data.contacts, data.journal, data.plan.settings, self.today, data.plan.events
            )

    def new_day(self, day: date) -> bool:
        """The day turned (the app's clock says so): what is derived from today follows.
        False when `day` is today already. A load running now catches up when it is done."""
        self._own()
        if day == self.today:
            return False
        self.today = day
        self._catch_up()
        return True

    # scheduling

    def request_check(self) -> None:
        """Look at the disk soon (the app's poll)."""
        if self._check is False:
            self._check = None

    def next_job(self) -> Job | None:
        """The job to run now, if any; the state moves to saving or checking.

        Built here, on the owning thread, so a save job holds exactly the edits it claims.
        """
        self._own()
        if self.state in RUNNING:
            return None
        now = self.clock()
        if self._resting == SyncState.stuck:
            if self.wake_at is not None and now >= self.wake_at:
                self.wake_at = now + keep_retry()  # until this try says otherwise
                return self._start_check(self._stuck_names)
            return None
        if self._check is not False:
            names, self._check = self._check, False
            return self._start_check(names)  # type: ignore[arg-type]
        if not self.copy.dirty:
            return None
        if self._resting == SyncState.failed and self.wake_at is not None and now < self.wake_at:
            return None
        if self._refused is self.copy.data:
            return None  # what the last save refused to write, unchanged
        if self.blocked and set(self.copy.dirty_files()) & set(self.blocked):
            return None  # it would conflict: wait until the file on disk is valid again
        job = self.copy.save_job()
        if job is not None:
            self.state = SyncState.saving
        return job

    def _start_check(self, names: tuple[FileName, ...] | None) -> CheckJob:
        allowed = FILE_NAMES if self.people_state == PeopleState.loaded else ("plan",)
        look = self._people_look if self.people_state == PeopleState.broken else None
        self.state = SyncState.checking
        return _jobs().CheckJob(names, allowed, look)

    def people_job(self) -> PeopleJob | None:
        """Load contacts and journal, when they still need loading and no load runs."""
        self._own()
        if self.people_state != PeopleState.loading or self._people_running:
            return None
        self._people_running = True
        return _jobs().PeopleJob(self.copy.data.plan, self.today)

    # results

    def finish(self, job: Job, result: Result) -> None:
        """Take a job's result back (on the owning thread)."""
        self._own()
        jobs = _jobs()
        if isinstance(job, jobs.PeopleJob):
            self._people_done(result)
            return
        self.state = self._resting
        if isinstance(result, jobs.Saved):
            self._saved(job)  # type: ignore[arg-type]
            for copy in result.set_aside:
                self.notices.append(notices.set_aside(copy))
            self._copies = (self._copies or frozenset()) | set(result.set_aside)
        elif isinstance(result, jobs.Conflict):
            # A file changed on disk under unsaved edits: take the disk's, replay ours on top.
            self._check = result.names
        elif isinstance(result, jobs.SaveFailed):
            self._save_failed(result.message, result.retry)
        elif isinstance(result, jobs.Checked):
            self._checked(result)

    def _rest(self, state: SyncState) -> None:
        self._resting = state
        if self.state not in RUNNING:
            self.state = state

    def _saved(self, job: SaveJob) -> None:
        self.copy.mark_saved(job)
        self._refused = None
        if self._resting == SyncState.failed:
            self.save_error = None
            self._retries = 0
            self.wake_at = None
            self._rest(SyncState.blocked if self.blocked else SyncState.idle)
            self.notices.append(notices.saved_again())

    def _save_failed(self, message: str, retry: bool) -> None:
        first = self.save_error is None
        self.save_error = message
        if not retry:
            # Trying the same data again cannot help; the next change (an undo) is saved.
            self._refused = self.copy.data
            self.wake_at = None
            self._rest(SyncState.failed)
            self.notices.append(notices.unsavable(message))
            return
        delay = retry_delay(self._retries)
        self._retries += 1
        self.wake_at = self.clock() + delay
        self._rest(SyncState.failed)
        if first or self.quitting:
            hint = " Press q again to quit anyway." if self.quitting else ""
            self.notices.append(notices.save_failed(message, hint))

    def _checked(self, result: jobs_module.Checked) -> None:
        self._point_out_copies(result.copies)
        if result.people_changed and self.people_state == PeopleState.broken:
            # The files whose load failed have changed: perhaps fixed.
            self.people_state = PeopleState.loading
            self.people_problem = None
            self._people_retry = True
        for name in result.loaded:
            self.blocked.pop(name, None)
        for name, error in result.invalid.items():
            self.blocked[name] = "\n".join(error.problems[:3])
        if result.invalid:
            self._report_invalid(result.invalid)
        elif result.loaded:
            self._reported_invalid = None
        if result.loaded:
            self._adopt(result.loaded)
        if self._resting in (SyncState.idle, SyncState.blocked):
            self._rest(SyncState.blocked if self.blocked else SyncState.idle)

    def _point_out_copies(self, copies: tuple[str, ...]) -> None:
        """A conflict copy is said at start and whenever a new one appears, not each poll."""
        new = sorted(set(copies) - (self._copies or frozenset()))
        if new:
            self.notices.append(notices.conflict_copies(new))
        self._copies = frozenset(copies)

    def _report_invalid(self, invalid: dict[FileName, StoreError]) -> None:
        for name, error in invalid.items():
            message = "\n".join(error.problems[:3])
            if message == self._reported_invalid:
                continue
            self._reported_invalid = message
            self.notices.append(notices.invalid_on_disk(FILES[name], message))

    def _adopt(self, loaded: dict[FileName, object]) -> None:
        ours = len(self.copy.unsaved)
        files = ", ".join(FILES[n] for n in loaded)
        try:
            self.copy.loaded(**loaded)
        except (KeyError, ValueError) as error:
            try:
                kept = [self.store.write_recovery(n, getattr(self.copy.data, n)) for n in loaded]
            except StoreError as failure:
                self._cannot_keep(tuple(loaded), str(error), str(failure))
                return
            self.copy.discard_unsaved()
            self.copy.loaded(**loaded)
            # By name beside the files; by path where the store's folder took none.
            shown = [p.name if p.parent == self.store.folder else str(p) for p in kept]
            self.notices.append(notices.kept_aside(files, str(error), shown))
        else:
            self.notices.append(notices.merged(files) if ours else notices.reloaded(files))
        if self._resting == SyncState.stuck:
            self.save_error = None
            self.wake_at = None
            self._rest(SyncState.idle)
        self._catch_up()

    def _cannot_keep(self, names: tuple[FileName, ...], why: str, failure: str) -> None:
        """Unsaved edits no longer fit the files on disk, and no recovery file can be written:
        keep them here, write nothing (the store's fingerprint is now the disk's version, so a
        save would go over it) and try again later; q twice quits, trying once more."""
        self.save_error = failure
        self._stuck_names = names
        self.wake_at = self.clock() + keep_retry()
        self._rest(SyncState.stuck)
        files = ", ".join(FILES[n] for n in names)
        self.notices.append(notices.cannot_keep(files, why, failure))

    def _people_done(self, result: Result) -> None:
        self._people_running = False
        jobs = _jobs()
        if isinstance(result, jobs.PeopleLoaded):
            was_broken, self._people_retry = self._people_retry, False
            self.copy.loaded(
                contacts=result.contacts, journal=result.journal, activity=result.activity
            )
            self._people = result.index
            self.people_state = PeopleState.loaded
            self.people_problem = None
            self._people_look = None
            self._catch_up()  # whatever changed while the load ran (settings, today)
            if was_broken:
                self.notices.append(notices.people_back())
        elif isinstance(result, jobs.PeopleFailed):
            # A poll tries again once either file changes (the user fixed it, or a sync did).
            self.people_state = PeopleState.broken
            self.people_problem = str(result.error)
            self._people_look = result.look
            self.notices.append(notices.people_failed(result.error.problems))

    # the command line: the same path, one step after the other

    def save(self) -> list[FileName]:
        """Save now, running the jobs in this thread; StoreError when it cannot be saved."""
        from netplan.workspace.in_turn import save_in_turn

        return save_in_turn(self)

    # quitting

    def keep_unsaved(self) -> Kept:
        """Keep this side's unsaved files where the store's cannot be written over: recovery
        files, else their TOML for the terminal (q twice while saves fail, a signal)."""
        from netplan.workspace.keeping import keep

        return keep(self.store, self.copy.data, self.copy.dirty_files())
