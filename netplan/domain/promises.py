"""Promises and follow-through (spec 7.2): what you committed to, when it is due, whether
it was kept in time.

A promise is open until its `kept` day; it is due on its interaction's `follow_up`, else
PROMISE_DAYS after the interaction. Follow-through of a month = promises due that month that
were kept by their due day / promises due that month.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netplan.domain.periods import add_months, month_end, month_start
from netplan.models import Contact, Interaction

if TYPE_CHECKING:
    from netplan.domain.people_index import PeopleIndex

PROMISE_DAYS = 7  # a promise without its own follow-up is due a week later
TREND_MONTHS = 6


def promise_due(interaction: Interaction) -> date | None:
    """The day the interaction's promise is due; None when it holds no promise."""
    if not interaction.promise:
        return None
    if interaction.follow_up is not None:
        return interaction.follow_up
    try:
        return interaction.on + timedelta(days=PROMISE_DAYS)
    except OverflowError:  # a promise made on the last days of year 9999
        return date.max


def is_open(interaction: Interaction) -> bool:
    return bool(interaction.promise) and interaction.kept is None


def kept_in_time(interaction: Interaction) -> bool:
    due = promise_due(interaction)
    return due is not None and interaction.kept is not None and interaction.kept <= due


def open_promises(interactions: Iterable[Interaction]) -> list[Interaction]:
    """Open promises, oldest first: by due day, then the day made, then journal order."""
    found = [(promise_due(i), i.on, n, i) for n, i in enumerate(interactions) if is_open(i)]
    found.sort(key=lambda entry: entry[:3])
    return [entry[3] for entry in found]


def oldest_open_promise(interactions: Iterable[Interaction]) -> Interaction | None:
    """The promise `K` and `netplan kept` mark kept: the one due first."""
    found = open_promises(interactions)
    return found[0] if found else None


@dataclass(frozen=True)
class PromiseDue:
    """An open promise; `overdue_days` is negative while it is still ahead."""

    contact: Contact
    interaction: Interaction
    due: date
    overdue_days: int


def promises_due(
    interactions: Iterable[Interaction],
    contacts: Mapping[str, Contact],
    today: date,
    within_days: int | None = None,
) -> list[PromiseDue]:
    """Open promises of the contacts given (archived ones left out by the caller), oldest
    first; with `within_days`, only those due before today or within that many days."""
    limit = None if within_days is None else today.toordinal() + within_days
    found = []
    for interaction in open_promises(interactions):
        contact = contacts.get(interaction.contact)
        due = promise_due(interaction)
        if contact is None or due is None:
            continue
        if limit is not None and due.toordinal() > limit:
            continue
        found.append(PromiseDue(contact, interaction, due, (today - due).days))
    return found


def promises_of(
    people: PeopleIndex, today: date, within_days: int | None = None
) -> list[PromiseDue]:
    """promises_due over the people index: the listed (non-archived) contacts' entries."""
    contacts = {row.id: row.contact for row in people.rows}
    promised = people.promised  # the open ones, kept by the index
    interactions = [i for cid in contacts if cid in promised for i in promised[cid]]
    return promises_due(interactions, contacts, today, within_days)


@dataclass(frozen=True)
class MonthFollowThrough:
    month: date  # the first day of the month
    due: int  # promises due in the month
    kept: int  # of those, kept by their due day

    @property
    def rate(self) -> float | None:
        """kept / due; None for a month with nothing due (no rate, not 0 %)."""
        return self.kept / self.due if self.due else None


def monthly_follow_through(
    interactions: Iterable[Interaction], today: date, months: int = TREND_MONTHS
) -> list[MonthFollowThrough]:
    """The last `months` calendar months, oldest first, ending with this month. One pass.

    This month counts the promises due in it so far and later: one due next week and still
    open is not (yet) a broken promise, so it is counted only once its day has passed.
    """
    this_month = month_start(today)
    window = [add_months(this_month, -back) for back in range(months - 1, -1, -1)]
    counts = {start: [0, 0] for start in window}
    for interaction in interactions:
        day = promise_due(interaction)
        if day is None or day < window[0] or day > month_end(this_month):
            continue
        if day >= today and not kept_in_time(interaction):
            continue  # still ahead and open: not yet due
        entry = counts[month_start(day)]
        entry[0] += 1
        entry[1] += kept_in_time(interaction)
    return [MonthFollowThrough(start, *counts[start]) for start in window]
