"""The application core the app and the command line share (no Textual here).

`Workspace` (sync) owns the working copy (history) and its life with the disk; edits
(plan_edits, people_edits) are the only way data changes; `jobs` are its slow parts, run on
any thread. A command line command is `open_workspace`, apply edits, `save`: the same path a
key press takes in the app.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

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
def open_workspace(store: Store, today: date, people: bool = True) -> Iterator[Workspace]:
    """The store's files, validated and cross-checked, under the writer lock for as long as
    the block runs (another netplan saves before or after, never in between). With
    people=False only plan.toml and the imported activity that counts for its routines are
    read (`netplan check`: a check-off never reads 30,000 contacts)."""
    with store.lock():
        if people:
            snapshot = store.load()
            data = Data(snapshot.plan, snapshot.contacts, snapshot.journal, snapshot.activity)
        else:
            data = Data(plan=read_plan(store), activity=store.read_activity())
        yield Workspace(store, today, data)


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
