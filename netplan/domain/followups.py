"""Follow-ups and milestones: when each contact is next due, and what comes up soon."""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from netplan.models import Contact, ContactBook, Interaction, Journal, Milestone, Settings
from netplan.runtime.pausing import Pause, pausing


def tag_cadences(settings: Settings) -> dict[str, int]:
    """settings.cadence_by_tag keyed by case-folded tag (tags match without case)."""
    lowered: dict[str, int] = {}
    for tag, days in settings.cadence_by_tag.items():
        key = tag.casefold()
        lowered[key] = min(days, lowered.get(key, days))
    return lowered


def cadence_with(contact: Contact, by_tag: Mapping[str, int]) -> int | None:
    """cadence_for with the tag cadences already folded (see tag_cadences)."""
    if contact.cadence_days is not None:
        return contact.cadence_days
    found = [by_tag[t.casefold()] for t in contact.tags if t.casefold() in by_tag]
    return min(found) if found else None


def cadence_for(contact: Contact, settings: Settings) -> int | None:
    """Check-in cadence in days: the contact's own, else the shortest of its tags', else None.

    Tags are matched against settings.cadence_by_tag without regard to case.
    """
    return cadence_with(contact, tag_cadences(settings))


def last_interaction_days(journal: Journal, pause: Pause | None = None) -> dict[str, date]:
    """Newest interaction day per contact id, in one pass over the journal."""
    last: dict[str, date] = {}
    for interaction in pausing(journal.interactions, pause):
        seen = last.get(interaction.contact)
        if seen is None or interaction.on > seen:
            last[interaction.contact] = interaction.on
    return last


def due_with(contact: Contact, cadence: int | None, last: date | None) -> date | None:
    """next_follow_up with the cadence already known (avoids refolding settings per contact)."""
    if contact.follow_up is not None:
        return contact.follow_up
    base = last if last is not None else contact.created
    if cadence is None or base is None:
        return None
    try:
        return base + timedelta(days=cadence)
    except OverflowError:  # an absurd cadence: never due
        return None


def next_follow_up(contact: Contact, settings: Settings, last: date | None) -> date | None:
    """Explicit follow-up if set, else (last interaction, or `created`) + cadence, else None."""
    return due_with(contact, cadence_for(contact, settings), last)


def apply_interaction(contact: Contact, interaction: Interaction) -> Contact:
    """The contact after logging `interaction` with them (a new Contact; the input is untouched).

    The interaction's own follow-up becomes the contact's explicit follow-up. Without one, an
    explicit follow-up on or before the interaction's day is done with and cleared; a later one
    was set for something still ahead and is kept.
    """
    if interaction.contact != contact.id:
        raise ValueError(f'interaction "{interaction.id}" is not with contact "{contact.id}"')
    follow_up = contact.follow_up
    if interaction.follow_up is not None:
        follow_up = interaction.follow_up
    elif follow_up is not None and follow_up <= interaction.on:
        follow_up = None
    return contact.model_copy(update={"follow_up": follow_up}, deep=True)


@dataclass(frozen=True)
class FollowUp:
    """A contact's next follow-up; `overdue_days` is negative while it is still ahead."""

    contact: Contact
    due: date
    overdue_days: int


def follow_ups(
    contacts: ContactBook,
    journal: Journal,
    settings: Settings,
    today: date,
    within_days: int | None,
    pause: Pause | None = None,
) -> list[FollowUp]:
    """Non-archived contacts due before today or within `within_days` (None: any due date).

    Most overdue first, then by name. Linear in contacts + interactions. `pause` is called
    now and then (see netplan.runtime.pausing).
    """
    last = last_interaction_days(journal, pause)
    by_tag = tag_cadences(settings)
    # Sort keys made in the (pausing) loop, so the sort runs no Python code; contact ids are
    # unique, so two entries never get as far as comparing their FollowUp.
    found: list[tuple[int, str, str, FollowUp]] = []
    for contact in pausing(contacts.contacts, pause):
        if contact.archived:
            continue
        due = due_with(contact, cadence_with(contact, by_tag), last.get(contact.id))
        if due is None:
            continue
        overdue = (today - due).days
        if within_days is None or -overdue <= within_days:
            item = FollowUp(contact=contact, due=due, overdue_days=overdue)
            found.append((-overdue, contact.name.casefold(), contact.id, item))
    found.sort()
    return [entry[3] for entry in found]


def on_year(day: date, year: int) -> date:
    """`day`'s month and day in `year`; Feb 29 becomes Feb 28 in a common year."""
    if day.month == 2 and day.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return day.replace(year=year)


def next_occurrence(milestone: Milestone, today: date) -> date | None:
    """The milestone's next day on or after today, or None when it will not come again.

    A yearly milestone falls on its day this year, or next year once passed; it never falls
    before its own date (an anniversary recorded ahead of time starts on that date).
    """
    if milestone.date >= today:
        return milestone.date
    if not milestone.yearly:
        return None
    this_year = on_year(milestone.date, today.year)
    if this_year >= today:
        return this_year
    if today.year >= date.max.year:
        return None
    return on_year(milestone.date, today.year + 1)


@dataclass(frozen=True)
class MilestoneDue:
    contact: Contact
    milestone: Milestone
    on: date


def upcoming_milestones(
    contacts: ContactBook, today: date, days: int, pause: Pause | None = None
) -> list[MilestoneDue]:
    """Milestones of non-archived contacts falling from today to today + `days`, soonest first.

    `pause` is called now and then (see netplan.runtime.pausing)."""
    if days < 0:
        return []
    try:
        horizon = today + timedelta(days=days)
    except OverflowError:
        horizon = date.max
    found: list[MilestoneDue] = []
    for contact in pausing(contacts.contacts, pause):
        if contact.archived:
            continue
        for milestone in contact.milestones:
            on = next_occurrence(milestone, today)
            if on is not None and on <= horizon:
                found.append(MilestoneDue(contact=contact, milestone=milestone, on=on))
    found.sort(key=lambda m: (m.on, m.contact.name.casefold(), m.contact.id, m.milestone.label))
    return found


def contact_promise(contact_id: str, journal: Journal) -> str | None:
    """The promise of the contact's latest interaction with a follow-up, if it made one.

    "Latest" is by day; on the same day the one logged later in the journal wins.
    """
    latest: Interaction | None = None
    for interaction in journal.interactions:
        if interaction.contact != contact_id or interaction.follow_up is None:
            continue
        if latest is None or interaction.on >= latest.on:
            latest = interaction
    return latest.promise if latest is not None else None
