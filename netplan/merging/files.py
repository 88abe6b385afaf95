"""The merge of one whole file: its arrays by key, its tables (settings) field by field, its
completions as counts, anything else as one field of the file.

Pure: models in, a model and a report out. No I/O, so `netplan resolve` (Syncthing and Dropbox
conflict copies) and `netplan merge-driver` (git) share every rule.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ValidationError

from netplan.merging import report
from netplan.merging.completions import count_changes, merge_counts
from netplan.merging.records import Collection, alias, merge_collection, merge_record
from netplan.merging.report import CannotMerge, Change, Conflict, Merged, field_where, show
from netplan.models import (
    Activity,
    ActivityLog,
    Contact,
    ContactBook,
    Event,
    Goal,
    Interaction,
    Journal,
    Plan,
    Routine,
    Skip,
)

COLLECTIONS: dict[type[BaseModel], tuple[Collection, ...]] = {
    Plan: (
        Collection("routines", "routine", Routine),
        Collection("goals", "goal", Goal),
        Collection("skips", "skip", Skip, key_fields=("from_", "to", "routines")),
        Collection("events", "event", Event),
    ),
    ContactBook: (Collection("contacts", "contact", Contact),),
    Journal: (
        Collection(
            "interactions",
            "interaction",
            Interaction,
            unique=("source",),
            counted_ids=re.compile(r"i-\d{8}-\d+"),  # domain.ids.next_interaction_id
        ),
    ),
    ActivityLog: (Collection("activity", "activity", Activity),),
}
COUNTS = "completions"  # Plan's day -> routine -> count table
FILE_NAMES = {Plan: "plan", ContactBook: "contacts", Journal: "journal", ActivityLog: "activity"}


def merge_models(base: BaseModel | None, ours: BaseModel, theirs: BaseModel) -> Merged:
    """`ours` and `theirs`, two versions of one file, merged against `base` (the version both
    grew from; None when there is none: nothing is dropped and every difference is reported).

    A field changed on one side takes that side; changed on both sides keeps ours and is a
    Conflict. Raises CannotMerge for files of different types or schema versions."""
    cls = type(ours)
    if cls not in COLLECTIONS:
        raise CannotMerge(f"cannot merge a {cls.__name__}: not one of netplan's files")
    for side, model in (("theirs", theirs), ("the base", base)):
        if model is not None and type(model) is not cls:
            raise CannotMerge(
                f"cannot merge {FILE_NAMES[cls]}.toml with {side}, which is a "
                f"{type(model).__name__}, not a {cls.__name__}"
            )
    _same_schema(base, ours, theirs)
    # A file merged with an identical copy of itself is that file: without this, the
    # completions of both (counted as two sides' check-offs) would be added up. Theirs
    # unchanged since the base: nothing to take.
    if ours == theirs or (base is not None and base == theirs):
        return Merged(ours)
    if base is not None and base == ours:
        # Only theirs changed: theirs whole, its order of records included.
        return Merged(theirs, changes(ours, theirs))
    collections = {kind.attr: kind for kind in COLLECTIONS[cls]}
    values: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name in cls.model_fields:
        was = getattr(base, name) if base is not None else None
        mine, other = getattr(ours, name), getattr(theirs, name)
        if name in collections:
            values[name], found = merge_collection(collections[name], was, mine, other)
        elif name == COUNTS:
            values[name], found = merge_counts(was, mine, other)
        elif isinstance(mine, BaseModel):
            # A table (settings): one record without an id.
            why = report.NO_BASE if base is None else report.BOTH_CHANGED
            values[name], found = merge_record(type(mine), was, mine, other, name, why)
        else:
            values[name], found = _merge_value(base, name, was, mine, other)
        conflicts += found
    try:
        merged = cls.model_validate(values)
    except ValidationError as error:  # pragma: no cover - each record was validated already
        raise CannotMerge(
            f"the merged {FILE_NAMES[cls]}.toml would be invalid ({report.problem(error)}); "
            "nothing was merged"
        ) from error
    return Merged(merged, changes(ours, merged), conflicts)


def _same_schema(base: BaseModel | None, ours: BaseModel, theirs: BaseModel) -> None:
    if "schema_version" not in type(ours).model_fields:
        return
    versions = {
        side: model.schema_version  # type: ignore[attr-defined]
        for side, model in (("base", base), ("ours", ours), ("theirs", theirs))
        if model is not None
    }
    if len(set(versions.values())) > 1:
        listed = ", ".join(f"{side} {version}" for side, version in versions.items())
        raise CannotMerge(
            f"cannot merge {FILE_NAMES[type(ours)]}.toml files of different schema versions "
            f"({listed}): open each with the same netplan version first"
        )


def _merge_value(
    base: BaseModel | None, name: str, was: Any, mine: Any, other: Any
) -> tuple[Any, list[Conflict]]:
    """A plain field of the file itself (schema_version, or one a later version adds)."""
    if mine == other or (base is not None and was == other):
        return mine, []
    if base is not None and was == mine:
        return other, []
    why = report.NO_BASE if base is None else report.BOTH_CHANGED
    return mine, [Conflict(f'field "{name}"', show(mine), show(other), why)]


# --- what ours gains ---------------------------------------------------------------------


def changes(ours: BaseModel, merged: BaseModel) -> list[Change]:
    """The difference from ours to the merged file, which is what the merge took from theirs:
    records added and removed, fields changed, completion counts moved, and "the order of
    contacts" when theirs' order was taken."""
    cls = type(ours)
    collections = {kind.attr: kind for kind in COLLECTIONS[cls]}
    out: list[Change] = []
    for name in cls.model_fields:
        mine, now = getattr(ours, name), getattr(merged, name)
        if mine == now:
            continue
        if name in collections:
            out += _record_changes(collections[name], mine, now)
        elif name == COUNTS:
            out += count_changes(mine, now)
        elif isinstance(mine, BaseModel):
            out += _field_changes(type(mine), name, mine, now)
        else:
            out.append(Change("changed", f'field "{name}"'))
    return out


def _record_changes(kind: Collection, ours: list[Any], merged: list[Any]) -> list[Change]:
    before, after = kind.index(ours), kind.index(merged)
    out: list[Change] = []
    for key, record in after.items():
        mine = before.get(key)
        if mine is None:
            out.append(Change("added", kind.where(key)))
        elif mine != record:
            out += _field_changes(kind.cls, kind.where(key), mine, record)
    out += [Change("removed", kind.where(key)) for key in before if key not in after]
    # Only a merge where ours is the base takes theirs' order; say so, or a file that differs
    # from ours only in its order would look unchanged.
    if [k for k in after if k in before] != [k for k in before if k in after]:
        out.append(Change("changed", f"the order of {kind.attr}"))
    return out


def _field_changes(cls: type[BaseModel], where: str, mine: Any, now: Any) -> list[Change]:
    return [
        Change("changed", field_where(where, alias(cls, name)))
        for name in cls.model_fields
        if getattr(mine, name) != getattr(now, name)
    ]
