"""Edits of contacts and the journal, each with its inverse (see netplan.workspace.plan_edits).

Record-level like the plan's edits: a step finds its contact by id in whatever Data it is given,
so the app can undo it, redo it, and replay it on top of a file someone changed on disk. A step
that no longer applies (its contact is gone) raises KeyError; the app then keeps its version in a
recovery file instead of guessing.

Steps that must undo exactly what they did on the data they met (deleting a contact takes the
journal entries it finds; logging may have to renumber its id) remember it in a small closure
state: a backward step always runs on the result of the latest forward step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from netplan.domain.followups import apply_interaction
from netplan.models import Contact, ContactBook, Interaction, Journal, Plan
from netplan.workspace.plan_edits import Data, Edit, Step, check_off

REVIEW_ROUTINE = "review-contacts"
REVIEW_AFTER_DAYS = 30  # a contact reviewed this many days ago (or never) is due a review
REVIEW_BATCH = 10  # reviewing this many contacts counts one completion of the routine


# --- helpers -----------------------------------------------------------------------------


def _people(data: Data) -> tuple[ContactBook, Journal]:
    if data.contacts is None or data.journal is None:
        raise ValueError("contacts and journal are not loaded yet")
    return data.contacts, data.journal


def _index(contacts: Sequence[Contact], contact_id: str) -> int | None:
    for index, contact in enumerate(contacts):
        if contact.id == contact_id:
            return index
    return None


def _require(contacts: Sequence[Contact], contact_id: str) -> int:
    index = _index(contacts, contact_id)
    if index is None:
        raise KeyError(f'no contact has the id "{contact_id}"')
    return index


def _with(data: Data, contacts: list[Contact] | None = None, interactions=None) -> Data:
    book, journal = _people(data)
    changes: dict[str, Any] = {}
    if contacts is not None:
        changes["contacts"] = book.model_copy(update={"contacts": contacts})
    if interactions is not None:
        changes["journal"] = journal.model_copy(update={"interactions": interactions})
    return replace(data, **changes)


def next_interaction_id(journal: Journal, day: date) -> str:
    """ "i-YYYYMMDD-N" with N one more than the highest already used on that day."""
    prefix = f"i-{day:%Y%m%d}-"
    taken = [
        int(i.id[len(prefix) :])
        for i in journal.interactions
        if i.id.startswith(prefix) and i.id[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(taken, default=0) + 1}"


def journal_of(journal: Journal, contact_id: str) -> list[Interaction]:
    return [i for i in journal.interactions if i.contact == contact_id]


# --- adding, editing, deleting -----------------------------------------------------------


def _put_contact(contact_id: str, record: Contact | None, position: int) -> Step:
    """Replace (or insert at `position`, or with None remove) the contact with this id."""

    def step(data: Data) -> Data:
        book, _journal = _people(data)
        index = _index(book.contacts, contact_id)
        contacts = list(book.contacts)
        if index is not None:
            del contacts[index]
        if record is not None:
            contacts.insert(min(position if index is None else index, len(contacts)), record)
        return _with(data, contacts=contacts)

    return step


def put_contact(book: ContactBook, new: Contact) -> Edit:
    """Add a contact, or replace the one with the same id (ids never change: the journal
    refers to them)."""
    index = _index(book.contacts, new.id)
    if index is None:
        position = len(book.contacts)
        return Edit(
            f"Add contact {new.name}",
            _put_contact(new.id, new, position),
            _put_contact(new.id, None, position),
        )
    old = book.contacts[index]
    return Edit(
        f"Edit contact {new.name}",
        _put_contact(new.id, new, index),
        _put_contact(old.id, old, index),
    )


def delete_contact(contact: Contact) -> Edit:
    """Remove a contact and every journal entry with them; undo puts both back in place."""
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        book, journal = _people(data)
        index = _require(book.contacts, contact.id)
        removed = [(n, i) for n, i in enumerate(journal.interactions) if i.contact == contact.id]
        state.update(position=index, record=book.contacts[index], removed=removed)
        return _with(
            data,
            contacts=[c for c in book.contacts if c.id != contact.id],
            interactions=[i for i in journal.interactions if i.contact != contact.id],
        )

    def backward(data: Data) -> Data:
        book, journal = _people(data)
        contacts = list(book.contacts)
        if _index(contacts, contact.id) is None:
            contacts.insert(min(state["position"], len(contacts)), state["record"])
        interactions = list(journal.interactions)
        present = {i.id for i in interactions}
        for position, interaction in state["removed"]:  # ascending: original order comes back
            if interaction.id not in present:
                interactions.insert(min(position, len(interactions)), interaction)
        return _with(data, contacts=contacts, interactions=interactions)

    return Edit(f"Delete contact {contact.name}", forward, backward)


# --- changing a few fields ---------------------------------------------------------------


def _set_fields(contact_id: str, changes: dict[str, Any]) -> Step:
    def step(data: Data) -> Data:
        book, _journal = _people(data)
        index = _require(book.contacts, contact_id)
        contacts = list(book.contacts)
        contacts[index] = contacts[index].model_copy(update=changes)
        return _with(data, contacts=contacts)

    return step


def set_fields(contact: Contact, label: str, **changes: Any) -> Edit:
    """Change some fields of one contact; undo restores just those fields."""
    before = {name: getattr(contact, name) for name in changes}
    return Edit(label, _set_fields(contact.id, dict(changes)), _set_fields(contact.id, before))


def mark_reviewed(contact: Contact, day: date) -> Edit:
    return set_fields(contact, f"Review {contact.name}", reviewed=day)


def set_cadence(contact: Contact, days: int | None, reviewed: date | None = None) -> Edit:
    """Check in every `days` days (None: fall back to the tags' cadence); optionally also
    mark the contact reviewed on that day."""
    if days is not None and days < 1:
        raise ValueError("a cadence is at least 1 day")
    changes: dict[str, Any] = {"cadence_days": days}
    if reviewed is not None:
        changes["reviewed"] = reviewed
    every = f"every {days} days" if days else "no own cadence"
    return set_fields(contact, f"Cadence of {contact.name}: {every}", **changes)


def archive_contact(contact: Contact, archived: bool = True, reviewed: date | None = None) -> Edit:
    """Hide (or show again) a contact; it stays in the file with its journal."""
    changes: dict[str, Any] = {"archived": archived}
    if reviewed is not None:
        changes["reviewed"] = reviewed
    verb = "Archive" if archived else "Restore"
    return set_fields(contact, f"{verb} contact {contact.name}", **changes)


# --- the journal -------------------------------------------------------------------------


def log_interaction(interaction: Interaction, label: str | None = None) -> Edit:
    """Add an interaction to the journal and apply it to its contact's follow-up.

    If another writer took the interaction's id meanwhile, the next free id of that day is used.
    Undo removes the interaction and puts back the follow-up the contact had before.
    """
    state: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        book, journal = _people(data)
        index = _require(book.contacts, interaction.contact)
        record = interaction
        if any(i.id == record.id for i in journal.interactions):
            record = record.model_copy(update={"id": next_interaction_id(journal, record.on)})
        contact = book.contacts[index]
        state.update(id=record.id, follow_up=contact.follow_up)
        contacts = list(book.contacts)
        contacts[index] = apply_interaction(contact, record)
        return _with(data, contacts=contacts, interactions=[*journal.interactions, record])

    def backward(data: Data) -> Data:
        book, journal = _people(data)
        contacts = list(book.contacts)
        index = _index(contacts, interaction.contact)
        if index is not None:
            contacts[index] = contacts[index].model_copy(update={"follow_up": state["follow_up"]})
        interactions = [i for i in journal.interactions if i.id != state["id"]]
        return _with(data, contacts=contacts, interactions=interactions)

    return Edit(label or f"Log {interaction.kind} with {interaction.contact}", forward, backward)


# --- combining, and the monthly review ---------------------------------------------------


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


def count_review(plan: Plan, day: date) -> Edit | None:
    """One completion of the review-contacts routine on `day`; None when there is no such
    (active) routine to count."""
    routine = next((r for r in plan.routines if r.id == REVIEW_ROUTINE), None)
    if routine is None or routine.archived:
        return None
    return check_off(routine, day, 1)


def needs_review(contact: Contact, today: date, days: int = REVIEW_AFTER_DAYS) -> bool:
    if contact.archived:
        return False
    return contact.reviewed is None or (today - contact.reviewed).days >= days


def review_queue(book: ContactBook, today: date, days: int = REVIEW_AFTER_DAYS) -> list[Contact]:
    """Non-archived contacts not reviewed for `days` days: never reviewed first, then the
    longest ago, then by name."""
    due = [c for c in book.contacts if needs_review(c, today, days)]
    due.sort(
        key=lambda c: (
            c.reviewed is not None,
            c.reviewed or date.min,
            c.name.casefold(),
            c.id,
        )
    )
    return due
