"""The application core the app and the command line share (no Textual here).

`Workspace` (sync) owns the working copy (history) and its life with the disk; edits
(plan_edits, people_edits) are the only way data changes; `jobs` are its slow parts, run on
any thread. A command line command is `open_workspace`, apply edits, `save`: the same path a
key press takes in the app.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date

from netplan.models import ContactBook, Plan
from netplan.store import Store
from netplan.workspace.data import Data
from netplan.workspace.edits import Edit
from netplan.workspace.states import Notice, PeopleState, SyncState
from netplan.workspace.sync import Workspace

__all__ = [
    "Data",
    "Edit",
    "Notice",
    "PeopleState",
    "SyncState",
    "Workspace",
    "open_workspace",
]


@contextmanager
def open_workspace(
    store: Store,
    today: date,
    people: bool = True,
    journal_for: JournalFor | None = None,
) -> Iterator[Workspace]:
    """The store's files, validated and cross-checked, under the writer lock for as long as
    the block runs (another netplan saves before or after, never in between). With
    people=False only plan.toml and the imported activity that counts for its routines are
    read (`netplan check`: a check-off never reads 30,000 contacts).

    With `journal_for` (a command that adds to one person's journal: `netplan log`), plan
    and contacts are read, `journal_for(plan, contacts)` names the people and days the
    command touches, and the journal holds only their entries when the store knows every
    file valid as it is (see Store.read_journal_part); else everything is read as usual.
    Such a workspace saves by appending to the journal."""
    with store.lock():
        if journal_for is not None:
            data = _data_for(store, journal_for)
        elif people:
            snapshot = store.load()
            data = Data(snapshot.plan, snapshot.contacts, snapshot.journal, snapshot.activity)
        else:
            data = Data(plan=read_plan(store), activity=store.read_activity())
        yield Workspace(store, today, data)


# plan, contacts -> the contact ids and the days whose journal entries a command needs
JournalFor = Callable[[Plan, ContactBook], tuple[set[str], set[date]]]


def _data_for(store: Store, journal_for: JournalFor) -> Data:
    plan, contacts = store.read_plan(), store.read_contacts()
    try:
        people, days = journal_for(plan, contacts)
    except Exception:
        store.load(read={"plan": plan, "contacts": contacts})  # an invalid store says so first
        raise
    part = store.read_journal_part(people, days)
    if part is None:
        snapshot = store.load(read={"plan": plan, "contacts": contacts})
        return Data(snapshot.plan, snapshot.contacts, snapshot.journal, snapshot.activity)
    from netplan.models import ActivityLog

    # The activity stays unread (it names no one this edits): an empty stand-in, never saved.
    return Data(plan, contacts, part, ActivityLog.model_construct(activity=[]))


def read_plan(store: Store):
    """plan.toml alone, with its own references checked (a check-off's or a goal's routine):
    what `check` and the app need before they start, without reading the other files."""
    from netplan.models import ContactBook, Journal
    from netplan.store import StoreError
    from netplan.store.references import check_references

    plan = store.read_plan()
    # model_construct: empty books without building their validators (5 ms at start-up).
    problems = check_references(
        plan, ContactBook.model_construct(), Journal.model_construct(), store.folder, plan_only=True
    )
    if problems:
        raise StoreError(problems[0], problems)
    return plan
