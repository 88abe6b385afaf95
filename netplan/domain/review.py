"""The monthly review: which contacts are due one, in what order, and when it counts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from netplan.models import Contact, ContactBook

REVIEW_ROUTINE = "review-contacts"
REVIEW_AFTER_DAYS = 30  # a contact reviewed this many days ago (or never) is due a review
REVIEW_BATCH = 10  # reviewing this many contacts counts one completion of the routine


def same_month(day: date, today: date) -> bool:
    return (day.year, day.month) == (today.year, today.month)


def needs_review(contact: Contact, today: date, days: int = REVIEW_AFTER_DAYS) -> bool:
    """Not archived, and not reviewed for `days` days; one reviewed this month is never asked
    again (a 31-day month would otherwise ask on its last day for its first day's review)."""
    if contact.archived:
        return False
    reviewed = contact.reviewed
    if reviewed is None:
        return True
    return not same_month(reviewed, today) and (today - reviewed).days >= days


def batch_done(
    book: ContactBook, completions: Mapping[date, Mapping[str, int]], today: date
) -> int:
    """Contacts reviewed toward the batch not yet counted: those reviewed this month after the
    day the review routine was last checked off this month (all of this month's without
    one). This is what lets a paused review go on at "4 of 10" rather than at 0."""
    counted = max(
        (d for d, done in completions.items() if same_month(d, today) and done.get(REVIEW_ROUTINE)),
        default=None,
    )
    return sum(
        1
        for c in book.contacts
        if c.reviewed is not None
        and same_month(c.reviewed, today)
        and (counted is None or c.reviewed > counted)
    )


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
