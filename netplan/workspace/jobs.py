"""The work the workspace hands to other threads, and what comes back.

A job is built on the thread that owns the working copy (`Workspace.next_job`), run anywhere
(`run`: it touches the store and nothing of the workspace), and its result is taken back on
the owning thread (`Workspace.finish`). Jobs and results are immutable values, so a test can
build, run and finish them one step at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from netplan.models import ActivityLog, ContactBook, Journal, Plan
from netplan.runtime.gc_pause import gc_paused, keep_out_of_collections
from netplan.runtime.values import distinct
from netplan.store import ConflictError, FileName, Store, StoreError, UnsavableError
from netplan.store.references import check_references
from netplan.workspace.history import SaveJob

if TYPE_CHECKING:
    from netplan.domain.people_index import PeopleIndex

PEOPLE_FILES: tuple[FileName, ...] = ("contacts", "journal", "activity")
NOTHING: Mapping[Any, Any] = MappingProxyType({})


@distinct
class CheckJob(NamedTuple):
    """A look at the disk: which files changed (`names` None), or read these again."""

    names: tuple[FileName, ...] | None
    allowed: tuple[FileName, ...]  # files the working copy holds (people may still load)
    people_look: tuple | None = None  # contacts and journal as they looked when they failed


@distinct
class PeopleJob(NamedTuple):
    """Load contacts, journal and activity, check them against the plan, derive the
    people index."""

    plan: Plan
    today: date


Job = SaveJob | CheckJob | PeopleJob


@distinct
class Saved(NamedTuple):
    written: tuple[FileName, ...]
    set_aside: tuple[str, ...] = ()  # other versions that arrived meanwhile, kept as copies


@distinct
class Conflict(NamedTuple):
    names: tuple[FileName, ...]


@distinct
class SaveFailed(NamedTuple):
    message: str
    retry: bool = True  # False: the data cannot be written as it is, not until it changes


@distinct
class Checked(NamedTuple):
    loaded: Mapping[FileName, Any] = NOTHING
    invalid: Mapping[FileName, StoreError] = NOTHING
    people_changed: bool = False  # the files whose load failed changed: try again
    copies: tuple[str, ...] = ()  # conflict copies that sync tools left in the folder


@distinct
class PeopleLoaded(NamedTuple):
    contacts: ContactBook
    journal: Journal
    index: PeopleIndex
    activity: ActivityLog = ActivityLog()


@distinct
class PeopleFailed(NamedTuple):
    error: StoreError
    look: tuple


Result = Saved | Conflict | SaveFailed | Checked | PeopleLoaded | PeopleFailed
Pause = Callable[[], object]


def run(store: Store, job: Job, pause: Pause | None = None) -> Result:
    """Do the job's I/O (any thread). `pause` lets a long load step aside for the app."""
    if isinstance(job, SaveJob):
        return _save(store, job)
    if isinstance(job, CheckJob):
        return _check(store, job)
    return _load_people(store, job, pause)


def _save(store: Store, job: SaveJob) -> Result:
    try:
        written = store.save(**job.files)
    except ConflictError as error:
        return Conflict(tuple(error.names))
    except UnsavableError as error:
        return SaveFailed(str(error), retry=False)
    except StoreError as error:
        return SaveFailed(str(error))
    return Saved(tuple(written), tuple(str(p) for p in store.set_aside))


def _check(store: Store, job: CheckJob) -> Result:
    people_changed = bool(job.people_look) and store.look(PEOPLE_FILES) != job.people_look
    if job.names is None:
        names = [n for n in store.changed_on_disk() if n in job.allowed]
    else:
        names = [n for n in job.names if n in job.allowed]
    loaded: dict[FileName, Any] = {}
    invalid: dict[FileName, StoreError] = {}
    for name in names:
        # Every file read here must be adopted: reading moves the store's fingerprint to
        # the new version, and a save would then write over it unchecked.
        try:
            loaded[name] = store.read(name)
        except StoreError as error:
            invalid[name] = error
    copies = tuple(str(p) for p in store.conflict_copies())  # one listing of the folder
    return Checked(loaded, invalid, people_changed, copies)


def _load_people(store: Store, job: PeopleJob, pause: Pause | None) -> Result:
    look = store.look(PEOPLE_FILES)
    try:
        # Many small objects: the cyclic collector would run dozens of times during the load.
        with gc_paused():
            contacts = store.read_contacts(pause)
            journal = store.read_journal(pause)
            activity = store.read_activity(pause)
            # Here, not on the owning thread: 30 ms at 30,000 contacts. A plan edited
            # meanwhile changes nothing that refers to contacts or the journal.
            problems = check_references(
                job.plan, contacts, journal, store.folder, activity=activity
            )
            if problems:
                raise StoreError(problems[0], problems)
            store.note_checked(job.plan)  # (a `netplan log` then reads only what it needs)
            from netplan.domain.people_index import PeopleIndex

            index = PeopleIndex()
            plan = job.plan
            for _ in index.build(contacts, journal, plan.settings, job.today, plan.events):
                if pause is not None:
                    pause()
            # The activity's index too (51,000 items: 0.1 s), here rather than in the first
            # repaint that counts it.
            from netplan.domain.activity import activity_index

            activity_index(activity)
            # And the day's next interaction id, whose first look walks every entry (0.1 s at
            # 300,000): a later log only looks at what it added (see domain.ids).
            from netplan.domain.ids import next_interaction_id

            next_interaction_id(journal, job.today)
            keep_out_of_collections()
    except StoreError as error:
        return PeopleFailed(error, look)
    return PeopleLoaded(contacts, journal, index, activity)


def failure_of(job: Job, error: BaseException) -> Result:
    """The result of a job whose run raised what it should not have (a bug): the workspace
    takes it as a failure and goes on, instead of waiting for a result that never comes."""
    message = f"netplan hit an unexpected error ({type(error).__name__}: {error})"
    if isinstance(job, SaveJob):
        return SaveFailed(message)
    if isinstance(job, CheckJob):
        return Checked()
    return PeopleFailed(StoreError(message), ())
