"""The monthly review: which contacts are due one, in what order, and when it counts."""

from __future__ import annotations

from datetime import date

from netplan.models import Contact, ContactBook

REVIEW_ROUTINE = "review-contacts"
REVIEW_AFTER_DAYS = 30  # a contact reviewed this many days ago (or never) is due a review
REVIEW_BATCH = 10  # reviewing this many contacts counts one completion of the routine


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
