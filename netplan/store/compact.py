"""Loaded records made smaller in memory, with exactly the same values (see `Compactor`).

Why: at 300,000 interactions the journal's models were most of the app's memory, 1,660 B a
record. The largest part was each record's own `__pydantic_fields_set__`, a set of seven
names that takes 728 B (more than the record's __dict__); then its own copy of every day and
contact id, although a journal holds a few thousand distinct days and one id per contact.
Records with the same fields set now share one set, and equal days and repeated short strings
(ids, companies, tags) share one object: 825 B a record, 481 → 238 MiB for that journal.

Why that is safe:
- days and strings are immutable; lists, dicts and models are never shared, only their items;
- pydantic's model_copy, __copy__ and __deepcopy__ copy the fields set before changing it
  (tests/unit/test_decode_at_scale.py checks that a changed copy leaves the others alone);
- only assigning an attribute on a loaded record (`record.venue = ...`) would add to a set
  that other records share, and so change their `model_fields_set`. netplan never does that
  (edits make new records with model_copy or model_validate) and never reads
  `model_fields_set` (files are written with exclude_none).
Free text (notes, promises, sources) is left alone: it is mostly distinct, so a table of it
would only cost time.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from netplan.models import Activity, Contact, Interaction, Milestone

# Per record type: fields of days or short repeated strings, list fields whose items repeat,
# and lists of sub-records. Only str and date fields: an enum member equal to a string (a
# StrEnum) must never stand in for it, and those members are one object each already.
SHARED_VALUES: dict[type[BaseModel], tuple[str, ...]] = {
    Interaction: ("on", "contact", "follow_up", "kept", "event", "venue"),
    Contact: ("company", "role", "met_at", "follow_up", "created", "reviewed"),
    Activity: ("on", "platform", "contact"),
    Milestone: ("label", "date"),
}
SHARED_ITEMS: dict[type[BaseModel], tuple[str, ...]] = {
    Interaction: ("with_",),
    Contact: ("tags", "topics"),
}
SUB_RECORDS: dict[type[BaseModel], tuple[str, ...]] = {Contact: ("milestones",)}

# The slot pydantic keeps the set in; setting it directly skips BaseModel.__setattr__.
_set_fields_set = BaseModel.__dict__["__pydantic_fields_set__"].__set__


class Compactor:
    """The shared objects of one decode: one per file, dropped with it (the records keep only
    the objects they use)."""

    __slots__ = ("_fields_sets", "_values")

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}
        self._fields_sets: dict[frozenset[str], set[str]] = {}

    def records(self, records: list[Any]) -> None:
        """Share what equal values and fields sets the records hold, in place."""
        if not records:
            return
        kind = type(records[0])
        values = SHARED_VALUES.get(kind, ())
        items = SHARED_ITEMS.get(kind, ())
        subs = SUB_RECORDS.get(kind, ())
        shared = self._values.setdefault
        fields_set = self._fields_sets.setdefault
        last: set[str] | None = None
        for record in records:
            fields = record.__dict__
            for name in values:
                value = fields[name]
                if value is not None:
                    fields[name] = shared(value, value)
            for name in items:
                listed = fields[name]
                if listed:
                    listed[:] = [shared(item, item) for item in listed]
            for name in subs:
                if fields[name]:
                    self.records(fields[name])
            own = record.__pydantic_fields_set__
            if own != last:  # records of one shape tend to come in runs: one lookup a run
                last = fields_set(frozenset(own), own)
            _set_fields_set(record, last)
