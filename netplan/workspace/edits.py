"""Edits: changes to `Data` that say what they change, each with its inverse.

An Edit is a pair of steps (forward, backward), functions from one Data to the next. Steps
find their records by id in whatever Data they are given, so an edit can be undone, redone,
and replayed on top of a file that someone else changed on disk meanwhile. A step that no
longer applies (its record is gone) raises KeyError; one whose result would be invalid
raises ValueError. Either way the caller keeps its version elsewhere instead of guessing.

Field-level: `patch` changes only the fields named, on the record as it is when the step
runs, and its inverse puts back those fields as that step found them. So a form saved after
someone else changed another field of the same record keeps both changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any, Generic, NamedTuple, TypeVar

from pydantic import BaseModel

from netplan.runtime.values import distinct
from netplan.workspace.data import Data

Step = Callable[[Data], Data]
R = TypeVar("R", bound=BaseModel)


@distinct
class Edit(NamedTuple):
    label: str  # what the user did, for "Undid: …" messages
    forward: Step
    backward: Step


def combine(label: str, edits: Sequence[Edit]) -> Edit:
    """One Edit doing several in order; undo undoes them in reverse order."""
    edits = tuple(edits)

    def forward(data: Data) -> Data:
        for edit in edits:
            data = edit.forward(data)
        return data

    def backward(data: Data) -> Data:
        for edit in reversed(edits):
            data = edit.backward(data)
        return data

    return Edit(label, forward, backward)


def changed_fields(before: BaseModel, after: BaseModel) -> dict[str, Any]:
    """The fields whose values differ between two versions of a record: a form's patch."""
    return {
        name: getattr(after, name)
        for name in type(after).model_fields
        if getattr(before, name) != getattr(after, name)
    }


def revalidated(record: R, changes: Mapping[str, Any]) -> R:
    """The record with `changes`, validated as a whole (ValueError when the mix is invalid:
    say a goal's new due date before a start that someone else moved)."""
    updated = record.model_copy(update=dict(changes))
    return type(record).model_validate(updated.model_dump(exclude_unset=False))


class Table(Generic[R]):
    """A list of records in Data with ids: routines, goals, contacts, interactions."""

    def __init__(
        self,
        what: str,
        get: Callable[[Data], Sequence[R]],
        put: Callable[[Data, list[R]], Data],
    ) -> None:
        self.what = what  # "routine", for messages
        self.get = get
        self.put = put

    @staticmethod
    def ident(record: R) -> str:
        return record.id  # type: ignore[attr-defined]

    def index(self, records: Sequence[R], record_id: str) -> int | None:
        for index, record in enumerate(records):
            if self.ident(record) == record_id:
                return index
        return None

    def require(self, records: Sequence[R], record_id: str) -> int:
        index = self.index(records, record_id)
        if index is None:
            raise KeyError(f'no {self.what} has the id "{record_id}"')
        return index


def add(table: Table[R], record: R, label: str) -> Edit:
    """Add a record at the end (or, undone and redone, where it was); its id must be free."""
    record_id = table.ident(record)
    state: dict[str, int] = {}

    def forward(data: Data) -> Data:
        records = list(table.get(data))
        if table.index(records, record_id) is not None:
            raise ValueError(f'another {table.what} already has the id "{record_id}"')
        position = min(state.get("position", len(records)), len(records))
        state["position"] = position
        records.insert(position, record)
        return table.put(data, records)

    def backward(data: Data) -> Data:
        records = list(table.get(data))
        index = table.index(records, record_id)
        if index is not None:
            del records[index]
        return table.put(data, records)

    return Edit(label, forward, backward)


def patch(table: Table[R], record_id: str, changes: Mapping[str, Any], label: str) -> Edit:
    """Change only these fields of one record, as it is when the step runs."""
    changes = dict(changes)
    found: dict[str, Any] = {}  # the fields as the latest forward step found them

    def forward(data: Data) -> Data:
        records = list(table.get(data))
        index = table.require(records, record_id)
        record = records[index]
        found.clear()
        found.update({name: getattr(record, name) for name in changes})
        records[index] = revalidated(record, changes)
        return table.put(data, records)

    def backward(data: Data) -> Data:
        records = list(table.get(data))
        index = table.require(records, record_id)
        records[index] = revalidated(records[index], found)
        return table.put(data, records)

    return Edit(label, forward, backward)


def remove(table: Table[R], record_id: str, label: str) -> Edit:
    """Take a record out; undo puts it back where it was, as it was when taken."""
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        records = list(table.get(data))
        index = table.require(records, record_id)
        state.update(position=index, record=records[index])
        del records[index]
        return table.put(data, records)

    def backward(data: Data) -> Data:
        records = list(table.get(data))
        if table.index(records, record_id) is None:
            records.insert(min(state["position"], len(records)), state["record"])
        return table.put(data, records)

    return Edit(label, forward, backward)


def _plan_list(field: str) -> tuple[Callable, Callable]:
    def get(data: Data) -> Sequence[Any]:
        return getattr(data.plan, field)

    def put(data: Data, records: list[Any]) -> Data:
        return replace(data, plan=data.plan.model_copy(update={field: records}))

    return get, put


def _people(data: Data) -> Data:
    if not data.people_loaded:
        raise ValueError("contacts and journal are not loaded yet")
    return data


ROUTINES: Table = Table("routine", *_plan_list("routines"))
GOALS: Table = Table("goal", *_plan_list("goals"))
CONTACTS: Table = Table(
    "contact",
    lambda data: _people(data).contacts.contacts,  # type: ignore[union-attr]
    lambda data, records: replace(
        data,
        contacts=data.contacts.model_copy(update={"contacts": records}),  # type: ignore[union-attr]
    ),
)
INTERACTIONS: Table = Table(
    "interaction",
    lambda data: _people(data).journal.interactions,  # type: ignore[union-attr]
    lambda data, records: replace(
        data,
        journal=data.journal.model_copy(update={"interactions": records}),  # type: ignore[union-attr]
    ),
)


def _activity_put(data: Data, records: list[Any]) -> Data:
    from netplan.models import ActivityLog

    log = data.activity if data.activity is not None else ActivityLog()
    return replace(data, activity=log.model_copy(update={"activity": records}))


# Imported activity (spec 7.3); None (not loaded yet) reads as none.
ACTIVITY: Table = Table(
    "activity item",
    lambda data: data.activity.activity if data.activity is not None else (),
    _activity_put,
)


def replace_files(label: str, **files: Any) -> Edit:
    """Put whole files in place (`netplan demo`, an import's merged contact book); undo
    puts back what the step found."""
    found: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        found.clear()
        found.update({name: getattr(data, name) for name in files})
        return replace(data, **files)

    def backward(data: Data) -> Data:
        return replace(data, **found)

    return Edit(label, forward, backward)
