"""iCalendar (RFC 5545) export of follow-ups and milestones, written with `icalendar`.

- Each non-archived contact's pending follow-up (its next follow-up, overdue ones included)
  is an all-day event on its day: "Follow up with Jane Doe", with the promise made for it and
  the contact's topics in the description.
- Each milestone of a non-archived contact is an all-day event ("Jane Doe: Birthday"); a
  yearly one recurs with `RRULE:FREQ=YEARLY` (Feb 29 falls on the last day of February in
  other years, as in netplan's agenda).
- Every component has a UID made of the contact id and what it is, so it stays the same
  from one export to the next and a calendar that imports the file again updates its events
  instead of duplicating them. DTSTAMP is today at 00:00 UTC, so exports are reproducible.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from netplan import __version__
from netplan.domain.events import event_ends
from netplan.domain.followups import (
    event_follow_ups,
    last_interaction_days,
    latest_follow_up,
    next_follow_up,
)
from netplan.models import Contact, ContactBook, Interaction, Journal, Milestone, Plan
from netplan.text import for_file, slugify

PRODID = f"-//netplan//netplan {__version__}//EN"


def followup_uid(contact: Contact) -> str:
    return f"followup-{contact.id}@netplan"


def milestone_uid(contact: Contact, milestone: Milestone) -> str:
    label = slugify(milestone.label) or "milestone"
    return f"milestone-{contact.id}-{label}-{milestone.date.isoformat()}@netplan"


def _next_day(day: date) -> date | None:
    try:
        return day + timedelta(days=1)
    except OverflowError:
        return None


def _event(uid: str, stamp: datetime, day: date, summary: str, description: str | None) -> object:
    from icalendar import Event

    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    end = _next_day(day)
    if end is not None:
        event.add("dtend", end)
    event.add("summary", for_file(summary))
    if description:
        event.add("description", for_file(description))
    event.add("transp", "TRANSPARENT")  # a reminder, not busy time
    return event


def export_ics(plan: Plan, book: ContactBook, journal: Journal, today: date) -> bytes:
    """The calendar as bytes: follow-ups first (by day), then milestones (by day)."""
    from icalendar import Calendar

    stamp = datetime(today.year, today.month, today.day, tzinfo=UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "netplan")

    last = last_interaction_days(journal)
    derived = event_follow_ups(journal, event_ends(plan.events))
    by_contact: dict[str, list[Interaction]] = {}
    for interaction in journal.interactions:
        by_contact.setdefault(interaction.contact, []).append(interaction)
    followups: list[tuple[date, str, object]] = []
    milestones: list[tuple[date, str, object]] = []
    uids: set[str] = set()

    def unique(uid: str) -> str:
        base, n = uid, 1
        while uid in uids:
            n += 1
            name, _, domain = base.partition("@")
            uid = f"{name}-{n}@{domain}"
        uids.add(uid)
        return uid

    for contact in book.contacts:
        if contact.archived:
            continue
        due = next_follow_up(contact, plan.settings, last.get(contact.id), derived.get(contact.id))
        if due is not None:
            lines = []
            promised = latest_follow_up(by_contact.get(contact.id, ()))
            if (
                contact.follow_up is not None
                and promised is not None
                and promised.follow_up == contact.follow_up
                and promised.promise
                and promised.kept is None  # a kept promise is done with
            ):
                lines.append(f"Promised: {promised.promise}")
            if contact.topics:
                lines.append("Topics: " + ", ".join(contact.topics))
            event = _event(
                unique(followup_uid(contact)),
                stamp,
                due,
                f"Follow up with {contact.name}",
                "\n".join(lines) or None,
            )
            followups.append((due, contact.id, event))
        for milestone in contact.milestones:
            event = _event(
                unique(milestone_uid(contact, milestone)),
                stamp,
                milestone.date,
                f"{contact.name}: {milestone.label}",
                None,
            )
            if milestone.yearly:
                rule: dict[str, object] = {"freq": "yearly"}
                if (milestone.date.month, milestone.date.day) == (2, 29):
                    rule.update(bymonth=2, bymonthday=-1)
                event.add("rrule", rule)  # type: ignore[attr-defined]
            milestones.append((milestone.date, contact.id, event))

    for _day, _ident, event in sorted(followups, key=lambda x: x[:2]) + sorted(
        milestones, key=lambda x: x[:2]
    ):
        calendar.add_component(event)
    return calendar.to_ical()
