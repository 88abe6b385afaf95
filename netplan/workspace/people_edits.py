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
from netplan.models import Contact, Plan
from netplan.workspace.data import Data
from netplan.workspace.edits import (
    CONTACTS,
    INTERACTIONS,
    Edit,
    add,
    changed_fields,
    patch,
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
