"""Edits of contacts and the journal, each with its inverse (see netplan.workspace.edits).

Steps that must undo exactly what they did on the data they met (deleting a contact takes the
journal entries it finds; logging takes the next free id of its day) remember it in a small
closure state: a backward step always runs on the result of the latest forward step.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from netplan.domain.followups import apply_interaction
from netplan.domain.journal import LogRequest, interaction_for
from netplan.domain.merging import merge_contact, refers_to, repoint
from netplan.domain.review import REVIEW_ROUTINE
from netplan.models import Contact, Interaction, Plan
from netplan.workspace.data import Data
from netplan.workspace.edits import (
    CONTACTS,
    INTERACTIONS,
    Edit,
    add,
    changed_fields,
    patch,
    remove,
    revalidated,
)
from netplan.workspace.plan_edits import check_off


def add_contact(contact: Contact) -> Edit:
    return add(CONTACTS, contact, f"Add contact {contact.name}")


def patch_contact(contact_id: str, changes: Mapping[str, Any], name: str) -> Edit:
    """Change these fields of one contact (its id never changes: the journal refers to it)."""
    return patch(CONTACTS, contact_id, changes, f"Edit contact {name}")


def delete_contact(contact: Contact) -> Edit:
    """Remove a contact and every journal entry with them; undo puts both back in place."""
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        interactions = INTERACTIONS.get(data)
        index = CONTACTS.require(contacts, contact.id)
        removed = [(n, i) for n, i in enumerate(interactions) if i.contact == contact.id]
        state.update(position=index, record=contacts[index], removed=removed)
        del contacts[index]
        data = CONTACTS.put(data, contacts)
        return INTERACTIONS.put(data, [i for i in interactions if i.contact != contact.id])

    def backward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        if CONTACTS.index(contacts, contact.id) is None:
            contacts.insert(min(state["position"], len(contacts)), state["record"])
        interactions = list(INTERACTIONS.get(data))
        present = {i.id for i in interactions}
        for position, interaction in state["removed"]:  # ascending: original order comes back
            if interaction.id not in present:
                interactions.insert(min(position, len(interactions)), interaction)
        return INTERACTIONS.put(CONTACTS.put(data, contacts), interactions)

    return Edit(f"Delete contact {contact.name}", forward, backward)


def merge_contacts(keep_id: str, other_id: str, label: str) -> Edit:
    """Merge OTHER into KEEP (the rule: netplan.domain.merging), point every reference to
    OTHER at KEEP and remove OTHER. Undo puts back the fields of KEEP the step changed,
    OTHER where it was, and the references it moved."""
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
        moved = {i.id for i in interactions if refers_to(i, other_id)}
        state.update(found=found, position=other_at, record=other, moved=moved)
        contacts[keep_at] = merged
        del contacts[other_at]
        data = CONTACTS.put(data, contacts)
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
        data = CONTACTS.put(data, contacts)
        moved = state["moved"]
        if not moved:
            return data
        interactions = [
            repoint(i, keep_id, other_id) if i.id in moved else i for i in INTERACTIONS.get(data)
        ]
        return INTERACTIONS.put(data, interactions)

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
    """Add the request's interaction to the journal and apply it to its contact's follow-up.

    The id is the next free one of its day in the journal the step meets. Undo removes the
    interaction and puts back the follow-up the contact had before.
    """
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        interactions = INTERACTIONS.get(data)
        index = CONTACTS.require(contacts, request.contact)
        record = interaction_for(request, data.journal)  # type: ignore[arg-type]
        contact = contacts[index]
        state.update(id=record.id, follow_up=contact.follow_up)
        contacts[index] = apply_interaction(contact, record)
        return INTERACTIONS.put(CONTACTS.put(data, contacts), [*interactions, record])

    def backward(data: Data) -> Data:
        contacts = list(CONTACTS.get(data))
        index = CONTACTS.index(contacts, request.contact)
        if index is not None:
            contacts[index] = contacts[index].model_copy(update={"follow_up": state["follow_up"]})
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
