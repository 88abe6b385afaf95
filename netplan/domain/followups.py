"""Follow-ups and milestones: when each contact is next due, and what comes up soon."""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from netplan.domain.circles import CIRCLE_CADENCE, circle_cadences
from netplan.models import Contact, Interaction, Journal, Milestone, Settings

EVENT_FOLLOW_UP_DAYS = 2  # people met at an event are due this long after its last day


@dataclass(frozen=True)
class Cadences:
    """The settings' cadences, folded once: by case-folded tag, and by circle (defaults
    for the circles the file does not name)."""

    by_tag: Mapping[str, int] = field(default_factory=dict)
    by_circle: Mapping[int, int] = field(default_factory=lambda: dict(CIRCLE_CADENCE))


def cadences_of(settings: Settings) -> Cadences:
    return Cadences(tag_cadences(settings), circle_cadences(settings))


def tag_cadences(settings: Settings) -> dict[str, int]:
    """settings.cadence_by_tag keyed by case-folded tag (tags match without case)."""
    lowered: dict[str, int] = {}
    for tag, days in settings.cadence_by_tag.items():
        key = tag.casefold()
        lowered[key] = min(days, lowered.get(key, days))
    return lowered


def cadence_with(contact: Contact, cadences: Cadences) -> int | None:
    """cadence_for with the settings already folded (see cadences_of)."""
    if contact.cadence_days is not None:
        return contact.cadence_days
    by_tag = cadences.by_tag
    found = [by_tag[t.casefold()] for t in contact.tags if t.casefold() in by_tag]
    if found:
        return min(found)
    if contact.circle is not None:
        return cadences.by_circle.get(contact.circle)
    return None


def cadence_for(contact: Contact, settings: Settings) -> int | None:
    """Check-in cadence in days (spec 7.2): the contact's own, else the shortest of its
    tags', else its circle's, else None. Tags match settings.cadence_by_tag without case.
    """
    return cadence_with(contact, cadences_of(settings))


def latest_interactions(interactions: Iterable[Interaction]) -> dict[str, Interaction]:
    """Each person's newest interaction, as its `contact` or in its `with` (both count as
    contacted, spec 7.2); on the same day the one later in the journal. One pass."""
    latest: dict[str, Interaction] = {}
    for interaction in interactions:
        day = interaction.on
        for person in (interaction.contact, *interaction.with_):
            seen = latest.get(person)
            if seen is None or day >= seen.on:
                latest[person] = interaction
    return latest


def last_interaction_days(journal: Journal) -> dict[str, date]:
    """Newest interaction day per contact id (as contact or in `with`), in one pass."""
    return {person: i.on for person, i in latest_interactions(journal.interactions).items()}


def event_follow_up(latest: Interaction | None, ends: Mapping[str, date]) -> date | None:
    """The follow-up derived from an event (spec 7.2), never written: when a person's newest
    interaction was at an event (`event`, in `ends`: event id -> last day) and set no
    `follow_up`, two days after the event's last day. Any later interaction ends it."""
    if latest is None or latest.event is None or latest.follow_up is not None:
        return None
    end = ends.get(latest.event)
    if end is None:
        return None
    try:
        return end + timedelta(days=EVENT_FOLLOW_UP_DAYS)
    except OverflowError:
        return None


def event_follow_ups(journal: Journal, ends: Mapping[str, date]) -> dict[str, date]:
    """event_follow_up of everyone, by contact id (for exports: one pass)."""
    if not ends:
        return {}
    found = {}
    for person, latest in latest_interactions(journal.interactions).items():
        due = event_follow_up(latest, ends)
        if due is not None:
            found[person] = due
    return found


def due_with(
    contact: Contact, cadence: int | None, last: date | None, derived: date | None = None
) -> date | None:
    """next_follow_up with the cadence already known (avoids refolding settings per contact)."""
    if contact.follow_up is not None:
        return contact.follow_up
    if derived is not None:
        return derived
    base = last if last is not None else contact.created
    if cadence is None or base is None:
        return None
    try:
        return base + timedelta(days=cadence)
    except OverflowError:  # an absurd cadence: never due
        return None


def next_follow_up(
    contact: Contact, settings: Settings, last: date | None, derived: date | None = None
) -> date | None:
    """The one follow-up rule (spec 3, 7.2): the explicit follow-up if set; else the one
    `derived` from an event (event_follow_up); else (last interaction, or `created`) +
    cadence; else None. `last` counts interactions the contact was in `with` of."""
    return due_with(contact, cadence_for(contact, settings), last, derived)


def follow_up_of(
    contact: Contact,
    interactions: Iterable[Interaction],
    settings: Settings,
    ends: Mapping[str, date],
) -> date | None:
    """One contact's next follow-up (next_follow_up, an event's derived one included; `ends`:
    event id -> last day) from one pass over the journal: what a command about one person
    prints, without deriving everyone (the people index: 2 s at 300,000 interactions)."""
    person = contact.id
    mine = (i for i in interactions if i.contact == person or (i.with_ and person in i.with_))
    latest = latest_interactions(mine).get(person)
    derived = event_follow_up(latest, ends) if ends else None
    return next_follow_up(contact, settings, None if latest is None else latest.on, derived)


def apply_interaction(contact: Contact, interaction: Interaction) -> Contact:
    """The contact after logging `interaction` with them (a new Contact; the input is untouched).

    The interaction's own follow-up becomes the contact's explicit follow-up. Without one, an
    explicit follow-up on or before the interaction's day is done with and cleared; a later one
    was set for something still ahead and is kept. The people in its `with` count as
    contacted: the same holds for them.
    """
    if interaction.contact != contact.id and contact.id not in interaction.with_:
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


def latest_follow_up(interactions: Iterable[Interaction]) -> Interaction | None:
    """The latest interaction that set a follow-up: its promise is the one standing.

    "Latest" is by day; on the same day the one logged later in the journal wins.
    """
    latest: Interaction | None = None
    for interaction in interactions:
        if interaction.follow_up is None:
            continue
        if latest is None or interaction.on >= latest.on:
            latest = interaction
    return latest
