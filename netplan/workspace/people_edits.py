"""Edits of contacts and the journal, each with its inverse (see netplan.workspace.edits).

Steps that must undo exactly what they did on the data they met (deleting a contact takes the
journal entries it finds; logging takes the next free id of its day) remember it in a small
closure state: a backward step always runs on the result of the latest forward step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from netplan.domain.followups import apply_interaction
from netplan.domain.journal import LogRequest, interaction_for
from netplan.domain.merging import merge_contact, refers_to, repoint, without
from netplan.domain.review import REVIEW_ROUTINE
from netplan.models import Contact, Interaction, Plan
from netplan.workspace.data import Data
from netplan.workspace.edits import (
    ACTIVITY,
    CONTACTS,
    INTERACTIONS,
    Edit,
    add,
    changed_fields,
    patch,
    remove,
    revalidated,
)
from netplan.workspace.plan_edits import EVENTS, check_off


def add_contact(contact: Contact) -> Edit:
    return add(CONTACTS, contact, f"Add contact {contact.name}")


def patch_contact(contact_id: str, changes: Mapping[str, Any], name: str) -> Edit:
    """Change these fields of one contact (its id never changes: the journal refers to it)."""
    return patch(CONTACTS, contact_id, changes, f"Edit contact {name}")


def _restored(records: Sequence[Any], originals: Mapping[str, Any]) -> list[Any]:
    """The records with those a step changed put back as it found them (by id)."""
    return [originals.get(r.id, r) for r in records]


# Records besides the journal's own entries that may name a contact: events (`going`) and
# activity items (`contact`). A delete takes the name out, a merge re-points it.
NAMING = {"events": EVENTS, "activity": ACTIVITY}


def _others_without(data: Data, contact_id: str, state: dict) -> Data:
    """Events and activity no longer naming the contact; state keeps the originals."""
    for key, table in NAMING.items():
        records = table.get(data)
        changed = [without(r, contact_id) for r in records]
        state[key] = {r.id: r for r, new in zip(records, changed, strict=True) if new is not r}
        if state[key]:
            data = table.put(data, changed)
    return data


def _others_repointed(data: Data, old: str, new: str, state: dict) -> Data:
    """Events and activity naming `old` name `new` instead; state keeps the originals."""
    for key, table in NAMING.items():
        records = table.get(data)
        state[key] = {r.id: r for r in records if refers_to(r, old)}
        if state[key]:
            data = table.put(data, [repoint(r, old, new) for r in records])
    return data


def _others_back(data: Data, state: dict) -> Data:
    for key, table in NAMING.items():
        if state.get(key):
            data = table.put(data, _restored(table.get(data), state[key]))
    return data


def delete_contact(contact: Contact) -> Edit:
    """Remove a contact and every journal entry with them, and their name from the `with`
    of other entries, the `going` of events and the `contact` of activity; undo puts all of
    it back in place."""
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        interactions = INTERACTIONS.get(data)
        index = CONTACTS.require(contacts, contact.id)
        removed = [(n, i) for n, i in enumerate(interactions) if i.contact == contact.id]
        kept, named = [], {}
        for interaction in interactions:
            if interaction.contact != contact.id:
                new = without(interaction, contact.id)
                if new is not interaction:
                    named[interaction.id] = interaction
                kept.append(new)
        state.update(position=index, record=contacts[index], removed=removed, named=named)
        del contacts[index]
        data = CONTACTS.put(data, contacts)
        return _others_without(INTERACTIONS.put(data, kept), contact.id, state)

    def backward(data: Data) -> Data:
        data = _others_back(data, state)
        contacts = list(CONTACTS.get(data))
        if CONTACTS.index(contacts, contact.id) is None:
            contacts.insert(min(state["position"], len(contacts)), state["record"])
        interactions = _restored(INTERACTIONS.get(data), state["named"])
        present = {i.id for i in interactions}
        for position, interaction in state["removed"]:  # ascending: original order comes back
            if interaction.id not in present:
                interactions.insert(min(position, len(interactions)), interaction)
        return INTERACTIONS.put(CONTACTS.put(data, contacts), interactions)

    return Edit(f"Delete contact {contact.name}", forward, backward)


def merge_contacts(keep_id: str, other_id: str, label: str) -> Edit:
    """Merge OTHER into KEEP (the rule: netplan.domain.merging), point every reference to
    OTHER at KEEP (`contact`, `with`, `going`, activity's `contact`) and remove OTHER. Undo
    puts back the fields of KEEP the step changed, OTHER where it was, and the records whose
    references it moved."""
    if keep_id == other_id:
        raise ValueError("a contact cannot be merged into itself")
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        keep_at = CONTACTS.require(contacts, keep_id)
        other_at = CONTACTS.require(contacts, other_id)
        keep, other = contacts[keep_at], contacts[other_at]
        merged = merge_contact(keep, other).contact
        found = {name: getattr(keep, name) for name in changed_fields(keep, merged)}
        interactions = INTERACTIONS.get(data)
        moved = {i.id: i for i in interactions if refers_to(i, other_id)}
        state.update(found=found, position=other_at, record=other, moved=moved)
        contacts[keep_at] = merged
        del contacts[other_at]
        data = _others_repointed(CONTACTS.put(data, contacts), other_id, keep_id, state)
        if not moved:  # the journal stays the same object: it is not saved again
            return data
        return INTERACTIONS.put(data, [repoint(i, other_id, keep_id) for i in interactions])

    def backward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        keep_at = CONTACTS.index(contacts, keep_id)
        if keep_at is not None and state["found"]:
            contacts[keep_at] = revalidated(contacts[keep_at], state["found"])
        if CONTACTS.index(contacts, other_id) is None:
            contacts.insert(min(state["position"], len(contacts)), state["record"])
        data = _others_back(CONTACTS.put(data, contacts), state)
        moved = state["moved"]
        if not moved:
            return data
        return INTERACTIONS.put(data, _restored(INTERACTIONS.get(data), moved))

    return Edit(label, forward, backward)


def mark_reviewed(contact: Contact, day: date) -> Edit:
    return patch(CONTACTS, contact.id, {"reviewed": day}, f"Review {contact.name}")


def set_cadence(contact: Contact, days: int | None, reviewed: date | None = None) -> Edit:
    """Check in every `days` days (None: fall back to the tags' cadence); optionally also
    mark the contact reviewed on that day."""
    if days is not None and days < 1:
        raise ValueError("a cadence is at least 1 day")
    changes: dict[str, Any] = {"cadence_days": days}
    if reviewed is not None:
        changes["reviewed"] = reviewed
    every = f"every {days} days" if days else "no own cadence"
    return patch(CONTACTS, contact.id, changes, f"Cadence of {contact.name}: {every}")


def archive_contact(contact: Contact, archived: bool = True, reviewed: date | None = None) -> Edit:
    """Hide (or show again) a contact; it stays in the file with its journal."""
    changes: dict[str, Any] = {"archived": archived}
    if reviewed is not None:
        changes["reviewed"] = reviewed
    verb = "Archive" if archived else "Restore"
    return patch(CONTACTS, contact.id, changes, f"{verb} contact {contact.name}")


def log_interaction(request: LogRequest, label: str) -> Edit:
    """Add the request's interaction to the journal and apply it to the follow-up of its
    contact and of each person in its `with` (all count as contacted).

    The id is the next free one of its day in the journal the step meets; a `with` or an
    `event` naming no record raises KeyError. Undo removes the interaction and puts back the
    follow-ups the contacts had before.
    """
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        interactions = INTERACTIONS.get(data)
        if request.event is not None:
            EVENTS.require(EVENTS.get(data), request.event)
        record = interaction_for(request, data.journal)  # type: ignore[arg-type]
        before: dict[str, date | None] = {}
        for person in (record.contact, *record.with_):
            index = CONTACTS.require(contacts, person)
            before[person] = contacts[index].follow_up
            contacts[index] = apply_interaction(contacts[index], record)
        state.update(id=record.id, follow_ups=before)
        return INTERACTIONS.put(CONTACTS.put(data, contacts), [*interactions, record])

    def backward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        for person, follow_up in state["follow_ups"].items():
            index = CONTACTS.index(contacts, person)
            if index is not None:
                contacts[index] = contacts[index].model_copy(update={"follow_up": follow_up})
        interactions = [i for i in INTERACTIONS.get(data) if i.id != state["id"]]
        return INTERACTIONS.put(CONTACTS.put(data, contacts), interactions)

    return Edit(label, forward, backward)


def count_review(plan: Plan, day: date) -> Edit | None:
    """One completion of the review-contacts routine on `day`; None when there is no such
    (active) routine to count."""
    routine = next((r for r in plan.routines if r.id == REVIEW_ROUTINE), None)
    if routine is None or routine.archived:
        return None
    return check_off(routine, day, 1)


# --- the journal's entries: promises kept, edits and deletes ---------------------------------


def keep_promise(interaction_id: str, day: date, label: str) -> Edit:
    """The interaction's promise was kept on `day` (`K`, `netplan kept`)."""
    return patch(INTERACTIONS, interaction_id, {"kept": day}, label)


def _follow_up_after(
    data: Data, contact_id: str, old: date | None, new: date | None, state: dict
) -> Data:
    """A follow-up the entry set and the contact still has moves with the entry (or goes,
    when the entry no longer sets one); one set by hand or by another entry stays."""
    state.pop("contact_follow_up", None)
    if old is None or old == new:
        return data
    contacts = list(CONTACTS.get(data))
    index = CONTACTS.index(contacts, contact_id)
    if index is None or contacts[index].follow_up != old:
        return data
    if new is None and any(i.follow_up == old for i in INTERACTIONS.get(data)):
        return data  # another entry set the same day
    state["contact_follow_up"] = old
    contacts[index] = contacts[index].model_copy(update={"follow_up": new})
    return CONTACTS.put(data, contacts)


def _follow_up_back(data: Data, contact_id: str, state: dict) -> Data:
    if "contact_follow_up" not in state:
        return data
    contacts = list(CONTACTS.get(data))
    index = CONTACTS.index(contacts, contact_id)
    if index is None:
        return data
    contacts[index] = contacts[index].model_copy(update={"follow_up": state["contact_follow_up"]})
    return CONTACTS.put(data, contacts)


def patch_interaction(interaction: Interaction, changes: Mapping[str, Any], label: str) -> Edit:
    """Change these fields of a journal entry (from the detail pane's `e`); a changed
    follow-up moves the contact's too when the entry had set it."""
    inner = patch(INTERACTIONS, interaction.id, changes, label)
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        records = INTERACTIONS.get(data)
        before = records[INTERACTIONS.require(records, interaction.id)]
        data = inner.forward(data)
        if "follow_up" not in changes:
            return data
        return _follow_up_after(data, before.contact, before.follow_up, changes["follow_up"], state)

    def backward(data: Data) -> Data:
        return inner.backward(_follow_up_back(data, interaction.contact, state))

    return Edit(label, forward, backward)


def delete_interaction(interaction: Interaction, label: str) -> Edit:
    """Take a journal entry out; a follow-up only it had set leaves the contact too."""
    inner = remove(INTERACTIONS, interaction.id, label)
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        records = INTERACTIONS.get(data)
        found = records[INTERACTIONS.require(records, interaction.id)]
        data = inner.forward(data)
        return _follow_up_after(data, found.contact, found.follow_up, None, state)

    def backward(data: Data) -> Data:
        return inner.backward(_follow_up_back(data, interaction.contact, state))

    return Edit(label, forward, backward)
