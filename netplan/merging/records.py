"""Three-way merge of one record (field by field) and of one array of records (by key).

Field values are compared as Python values, each field whole: a list or a table (tags,
milestones, handles, earlier, going, with) is one value, so two sides' edits of one list never
interleave into a list neither side wrote. What cannot be decided keeps ours and is reported.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ValidationError

from netplan.merging import report
from netplan.merging.report import Conflict, field_where, record_where, show


@dataclass(frozen=True)
class Collection:
    """One array of records in a file: `attr` in the model, `noun` in the report."""

    attr: str
    noun: str
    cls: type[BaseModel]
    # The fields that identify a record; a skip has no id, its days and routines are its key.
    key_fields: tuple[str, ...] = ("id",)
    # Other fields no two records of the array may share (an interaction's import `source`).
    unique: tuple[str, ...] = ()
    # Ids the app counts up per day ("i-20261125-3"): two machines logging on one day hand out
    # the same id to two different records. Such a record added on both sides is both kept,
    # theirs under the next free number, instead of one overwriting the other field by field.
    counted_ids: re.Pattern[str] | None = None

    def renumbers(self, ours: BaseModel, theirs: BaseModel) -> bool:
        """Whether `theirs`, added with ours' id, is another record: an id the app counts up,
        and not one import seen twice (that is the same record, so merged field by field)."""
        if self.counted_ids is None or not self.counted_ids.fullmatch(ours.id):  # type: ignore[attr-defined]
            return False
        return all(
            getattr(ours, name) is None or getattr(ours, name) != getattr(theirs, name)
            for name in self.unique
        )

    def raw_key(self, record: BaseModel) -> Hashable:
        if self.key_fields == ("id",):
            return record.id  # type: ignore[attr-defined]
        return tuple(_hashable(getattr(record, name)) for name in self.key_fields)

    def index(self, records: Iterable[BaseModel]) -> dict[Hashable, BaseModel]:
        """The records by key, in file order. Keys without ids (skips) may repeat in a file:
        the nth copy gets n in its key, so a doubled skip is matched copy by copy."""
        out: dict[Hashable, BaseModel] = {}
        seen: dict[Hashable, int] = {}
        counted = self.key_fields != ("id",)
        for record in records:
            raw = self.raw_key(record)
            if counted:
                nth = seen.get(raw, 0)
                seen[raw] = nth + 1
                out[(*raw, nth)] = record  # type: ignore[misc]
            else:
                out[raw] = record
        return out

    def where(self, key: Hashable) -> str:
        return record_where(self.noun, key)


def _hashable(value: Any) -> Hashable:
    return tuple(value) if isinstance(value, list) else value


def alias(cls: type[BaseModel], name: str) -> str:
    """The name a field has in the file ("from", "with"), which is what a report names."""
    return cls.model_fields[name].alias or name


# --- one record --------------------------------------------------------------------------


def merge_record(
    cls: type[BaseModel],
    base: BaseModel | None,
    ours: BaseModel,
    theirs: BaseModel,
    where: str,
    why: str,
    skip: tuple[str, ...] = (),
) -> tuple[BaseModel, list[Conflict]]:
    """`ours` and `theirs` merged field by field against `base` (None: no common base, every
    differing field is a conflict, reported with `why`). `skip` names the key fields, equal on
    both sides by construction. A merge that would be invalid (a goal's start from one side
    and due from the other, due now before start) falls back to ours' whole record."""
    # Whole-record shortcuts first: most records of a big file are untouched on one side.
    if ours == theirs:
        return ours, []
    if base is not None and base == ours:
        return theirs, []
    if base is not None and base == theirs:
        return ours, []
    values: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name in cls.model_fields:
        mine, other = getattr(ours, name), getattr(theirs, name)
        if name in skip or mine == other:
            values[name] = mine
            continue
        was = getattr(base, name) if base is not None else _NOTHING
        if was == mine:
            values[name] = other
        elif was == other:
            values[name] = mine
        else:
            values[name] = mine
            place = field_where(where, alias(cls, name))
            conflicts.append(Conflict(place, show(mine), show(other), why))
    try:
        return cls.model_validate(values), conflicts
    except ValidationError as error:
        # Every field taken from theirs goes back to ours; each one is reported, so the
        # fallback loses nothing silently.
        because = report.invalid(error)
        for name, value in values.items():
            mine = getattr(ours, name)
            if value != mine:
                conflicts.append(
                    Conflict(field_where(where, alias(cls, name)), show(mine), show(value), because)
                )
        return ours, conflicts


_NOTHING = object()  # no base: equal to no side's value


# --- one array ---------------------------------------------------------------------------


def merge_collection(
    kind: Collection,
    base: list[BaseModel] | None,
    ours: list[BaseModel],
    theirs: list[BaseModel],
) -> tuple[list[BaseModel], list[Conflict]]:
    """The records of both sides matched by key. Added on one side: kept. Deleted on one
    side: gone, unless the other side changed it (then kept, and reported). Without base
    nothing is ever dropped."""
    b = kind.index(base) if base is not None else None
    o, t = kind.index(ours), kind.index(theirs)
    result: dict[Hashable, BaseModel] = {}
    conflicts: list[Conflict] = []
    twins: dict[Hashable, BaseModel] = {}  # ours' key -> theirs' record, to be renumbered
    for key, mine in o.items():
        was = b.get(key) if b is not None else None
        other = t.get(key)
        added_twice = other is not None and b is not None and was is None and mine != other
        if added_twice and kind.renumbers(mine, other):  # type: ignore[arg-type]
            result[key] = mine
            twins[key] = other
        elif other is not None:
            if b is None:
                why = report.NO_BASE
            else:
                why = report.BOTH_ADDED if was is None else report.BOTH_CHANGED
            merged, found = merge_record(
                kind.cls, was, mine, other, kind.where(key), why, kind.key_fields
            )
            result[key] = merged
            conflicts += found
        elif b is None or was is None:
            result[key] = mine  # added on our side, or no base to say it was deleted
        elif mine != was:
            result[key] = mine
            conflicts.append(Conflict(kind.where(key), show(mine), "absent", report.DELETED_THEIRS))
        # else: deleted on their side, untouched on ours: gone
    for key, other in t.items():
        if key in o:
            continue
        was = b.get(key) if b is not None else None
        if b is None or was is None:
            result[key] = other
        elif other != was:
            result[key] = other
            # Kept and theirs' value alike: theirs' changed record, which ours had deleted.
            shown = show(other)
            conflicts.append(Conflict(kind.where(key), shown, shown, report.DELETED_OURS))
    order = _order(o, t, result)
    if twins:
        order = _renumber(twins, order, result, [*o, *t])
    for name in kind.unique:
        found = _keep_unique(kind, name, result, o)
        # A record kept against a delete, then left out as a copy of ours' record: only the
        # last word about it stands.
        gone = {c.where for c in found if c.kept == "absent"}
        conflicts = [c for c in conflicts if c.where not in gone] + found
    return [result[key] for key in order if key in result], conflicts


def _renumber(
    twins: dict[Hashable, BaseModel],
    order: list[Hashable],
    result: dict[Hashable, BaseModel],
    seen: list[Hashable],
) -> list[Hashable]:
    """Theirs' twin of each counted id under the next number free on both sides (the day's
    highest plus one), right after ours' record of that id."""
    taken = {str(key) for key in seen} | {str(key) for key in result}
    out: list[Hashable] = []
    for key in order:
        out.append(key)
        twin = twins.get(key)
        if twin is None:
            continue
        prefix = str(key).rpartition("-")[0] + "-"
        numbers = [
            int(i[len(prefix) :])
            for i in taken
            if i.startswith(prefix) and i[len(prefix) :].isdigit()
        ]
        fresh = f"{prefix}{max(numbers, default=0) + 1}"
        taken.add(fresh)
        result[fresh] = twin.model_copy(update={"id": fresh})
        out.append(fresh)
    return out


def _order(
    ours: dict[Hashable, Any], theirs: dict[Hashable, Any], result: dict[Hashable, Any]
) -> list[Hashable]:
    """Ours' order; a record only theirs has goes right after the nearest record before it in
    theirs that the result holds (at the start when there is none), so a file kept sorted by
    hand stays sorted and a run of their new records stays together."""
    spine = [key for key in ours if key in result]
    after: dict[Hashable | None, list[Hashable]] = {}
    anchor: Hashable | None = None
    for key in theirs:
        if key not in result:
            continue
        if key not in ours:
            after.setdefault(anchor, []).append(key)
        anchor = key
    if not after:
        return spine
    # Depth first with a stack, not recursion: a long run of their new records nests deeply.
    out: list[Hashable] = []
    pending = list(reversed(spine)) + list(reversed(after.get(None, [])))
    while pending:
        key = pending.pop()
        out.append(key)
        pending.extend(reversed(after.get(key, [])))
    return out


def _keep_unique(
    kind: Collection,
    name: str,
    result: dict[Hashable, BaseModel],
    ours: dict[Hashable, BaseModel],
) -> list[Conflict]:
    """Two records sharing a value that must be unique (an interaction's `source`: the same
    imported message) would make the file invalid. The record holding it in ours keeps it;
    another one gets ours' value of that field back, or, when ours does not have that record
    (theirs' copy of an import ours has too), is left out. Both are reported. A field set back
    to ours' value is never set back again, so this ends."""
    label = alias(kind.cls, name)
    conflicts: list[Conflict] = []
    while True:
        holders: dict[Any, list[Hashable]] = {}
        for key, record in result.items():
            value = getattr(record, name)
            if value is not None:
                holders.setdefault(value, []).append(key)
        clashes = [(value, keys) for value, keys in holders.items() if len(keys) > 1]
        if not clashes:
            return conflicts
        for value, keys in clashes:
            owner = [key for key in keys if key in ours and getattr(ours[key], name) == value]
            # No owner: every copy came from theirs, so theirs was invalid; keep the first.
            keeper = owner[0] if owner else keys[0]
            for key in keys:
                if key == keeper:
                    continue
                record, mine = result[key], ours.get(key)
                why = f"its {label} {show(value)} is that of {kind.where(keeper)}"
                if mine is None:
                    del result[key]
                    conflicts.append(Conflict(kind.where(key), "absent", show(record), why))
                    continue
                back = getattr(mine, name)
                if back == value:  # pragma: no cover - ours itself holds the clash
                    shared = f"two {kind.noun} records share the {label} {show(value)}"
                    raise report.CannotMerge(shared)
                data = {attr: getattr(record, attr) for attr in kind.cls.model_fields}
                data[name] = back
                result[key] = kind.cls.model_validate(data)
                conflicts.append(
                    Conflict(field_where(kind.where(key), label), show(back), show(value), why)
                )
