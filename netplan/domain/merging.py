"""Merging one contact into another: what the kept record gains, and who refers to a contact.

KEEP's values stay. Its empty fields are filled from OTHER (company, role, email, phone,
met_at, cadence_days, and any optional field added later). Where both have a value:

- follow_up: the earlier one, so neither record's pending follow-up is lost;
- created: the earlier (the person was known since then); reviewed: the later;
- notes: KEEP's, a blank line, OTHER's (unless one already holds the other): never dropped;
- tags, topics, handles, milestones: united without duplicates; a handle both have with
  different values keeps KEEP's, and the result says so.

`refers_to`, `repoint` and `without` name every field that holds a contact id (an
interaction's `contact` and `with`, an event's `going`), so a merge, a delete and anything
else that moves a contact's references have one place to follow.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeVar

from netplan.domain.matching import fold, linkedin_key
from netplan.models import Activity, Contact, Event, Interaction, Milestone

R = TypeVar("R", Interaction, Event, Activity)

_OWN = ("id", "name", "kind", "archived")  # who KEEP is: never taken from OTHER
_SPECIAL = ("follow_up", "created", "reviewed", "notes", "tags", "topics", "handles", "milestones")


@dataclass(frozen=True)
class Merged:
    contact: Contact  # KEEP with OTHER folded in
    filled: tuple[str, ...] = ()  # KEEP's empty fields now holding OTHER's values
    united: tuple[str, ...] = ()  # "tags (+mentor)", "milestones (+1)"
    chosen: tuple[str, ...] = ()  # where both had a value: "follow_up 2026-12-01 (the earlier)"
    conflicts: tuple[str, ...] = ()  # 'handles.twitter: kept "@jane", not "@jdoe"'

    @property
    def changed(self) -> bool:
        return bool(self.filled or self.united or self.chosen)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _union(mine: list[str], theirs: list[str]) -> tuple[list[str], list[str]]:
    """`mine`, then those of `theirs` it lacks (compared without case); and those added."""
    known = {fold(v) for v in mine}
    added = []
    for value in theirs:
        if fold(value) not in known:
            known.add(fold(value))
            added.append(value)
    return [*mine, *added], added


def _same_handle(key: str, a: str, b: str) -> bool:
    if key == "linkedin":
        return linkedin_key(a) == linkedin_key(b)
    return fold(a) == fold(b)


def _joined_notes(mine: str, theirs: str) -> str:
    if fold(theirs) in fold(mine):
        return mine
    if fold(mine) in fold(theirs):
        return theirs
    return f"{mine.rstrip()}\n\n{theirs.strip()}"


def merge_contact(keep: Contact, other: Contact) -> Merged:
    """KEEP with OTHER folded in (validated), and what changed, for the user."""
    update: dict[str, Any] = {}
    filled: list[str] = []
    united: list[str] = []
    chosen: list[str] = []
    conflicts: list[str] = []
    for name in type(keep).model_fields:
        if name in _OWN or name in _SPECIAL:
            continue
        mine, theirs = getattr(keep, name), getattr(other, name)
        if _empty(mine) and not _empty(theirs):
            update[name] = theirs
            filled.append(name)

    for name, pick, which in (
        ("follow_up", min, "the earlier"),
        ("created", min, "the earlier"),
        ("reviewed", max, "the later"),
    ):
        mine, theirs = getattr(keep, name), getattr(other, name)
        if theirs is None or theirs == mine:
            continue
        if mine is None:
            update[name] = theirs
            filled.append(name)
        elif pick(mine, theirs) == theirs:
            update[name] = theirs
            chosen.append(f"{name} {theirs.isoformat()} ({which})")

    if keep.notes and other.notes:
        notes = _joined_notes(keep.notes, other.notes)
        if notes != keep.notes:
            update["notes"] = notes
            chosen.append("notes joined")
    elif other.notes and not keep.notes:
        update["notes"] = other.notes
        filled.append("notes")

    for name in ("tags", "topics"):
        values, added = _union(getattr(keep, name), getattr(other, name))
        if added:
            update[name] = values
            united.append(f"{name} (+{', +'.join(added)})")

    handles = dict(keep.handles)
    for key, value in other.handles.items():
        if key not in handles:
            handles[key] = value
        elif not _same_handle(key, handles[key], value):
            conflicts.append(f'handles.{key}: kept "{handles[key]}", not "{value}"')
    if added_keys := [k for k in handles if k not in keep.handles]:
        update["handles"] = handles
        united.append(f"handles (+{', +'.join(added_keys)})")

    milestones = _united_milestones(keep.milestones, other.milestones)
    if len(milestones) > len(keep.milestones):
        update["milestones"] = milestones
        united.append(f"milestones (+{len(milestones) - len(keep.milestones)})")

    contact = keep
    if update:
        contact = Contact.model_validate({**keep.model_dump(), **update})
    return Merged(contact, tuple(filled), tuple(united), tuple(chosen), tuple(conflicts))


def _united_milestones(mine: list[Milestone], theirs: list[Milestone]) -> list[Milestone]:
    """KEEP's, then OTHER's that KEEP lacks (same label without case, date and yearly)."""
    seen = {(fold(m.label), m.date, m.yearly) for m in mine}
    result = list(mine)
    for milestone in theirs:
        key = (fold(milestone.label), milestone.date, milestone.yearly)
        if key not in seen:
            seen.add(key)
            result.append(milestone)
    return result


# --- references to a contact -------------------------------------------------------------
# Every field that holds contact ids: an interaction's `contact` and `with`, an event's
# `going`, an activity item's `contact` (goals count by tag, not by person).


def refers_to(record: Interaction | Event | Activity, contact_id: str) -> bool:
    """Whether an interaction (`contact`, `with`), an event (`going`) or an activity item
    (`contact`) names the contact."""
    if isinstance(record, Event):
        return contact_id in record.going
    if isinstance(record, Activity):
        return record.contact == contact_id
    return record.contact == contact_id or contact_id in record.with_


def _named(ids: list[str], old: str, new: str | None, drop: str | None = None) -> list[str]:
    """`ids` with `old` as `new` (None: removed), without duplicates or `drop`."""
    found: list[str] = []
    for ident in ids:
        ident = (new if ident == old else ident) or ""
        if ident and ident != drop and ident not in found:
            found.append(ident)
    return found


def repoint(record: R, old: str, new: str) -> R:
    """The interaction or event with every reference to `old` naming `new` instead (a
    `with` naming the interaction's own contact is dropped)."""
    if not refers_to(record, old):
        return record
    if isinstance(record, Event):
        return record.model_copy(update={"going": _named(record.going, old, new)})
    if isinstance(record, Activity):
        return record.model_copy(update={"contact": new})
    contact = new if record.contact == old else record.contact
    update = {"contact": contact, "with_": _named(record.with_, old, new, drop=contact)}
    return record.model_copy(update=update)


def without(record: R, contact_id: str) -> R:
    """The event, interaction or activity item no longer naming the contact in `going`,
    `with` or `contact` (an interaction whose `contact` it is goes with the contact: that is
    the caller's; an activity item stays, naming no one: it still counts for routines)."""
    if isinstance(record, Activity):
        if record.contact != contact_id:
            return record
        return record.model_copy(update={"contact": None})
    if isinstance(record, Event):
        if contact_id not in record.going:
            return record
        return record.model_copy(update={"going": _named(record.going, contact_id, None)})
    if contact_id not in record.with_:
        return record
    return record.model_copy(update={"with_": _named(record.with_, contact_id, None)})
