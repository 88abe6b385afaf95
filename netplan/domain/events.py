"""Events (spec 7.2): when one counts as attended, what it counts for, whom you met there.

Pure functions of the models and today. The completions events add to routines are handed to
`history.judge` by `history.RoutineHistory` (the one place a period is judged); the
follow-up derived from an event lives with the follow-up rule in `followups`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netplan.domain.followups import EVENT_FOLLOW_UP_DAYS as FOLLOW_UP_DAYS
from netplan.domain.lookup import resolve
from netplan.models import Event, Interaction, Journal, Plan

LONGEST_SPAN = 62  # days of an event matched against other sources' (day, title)

EventKey = tuple[date, str]  # (a day, the title case-folded): one event, whatever its source


def attended(event: Event, today: date) -> bool:
    """From its last day on (today included), unless `attended = false`."""
    return event.attended is not False and event.last_day <= today


def title_key(title: str) -> str:
    return " ".join(title.split()).casefold()


def event_keys(event: Event) -> list[EventKey]:
    """(day, title) for each day of the event: another source's record of it (LinkedIn's
    "events you attended", spec 7.3) on any of those days is the same event."""
    span = min((event.last_day - event.on).days, LONGEST_SPAN)
    title = title_key(event.title)
    return [(event.on + timedelta(days=n), title) for n in range(span + 1)]


def event_credits(
    events: Iterable[Event], today: date, elsewhere: Iterable[EventKey] = ()
) -> dict[date, int]:
    """Attended events per day they count on (an event's last day), each counted once.

    `elsewhere` holds (day, title) of events other sources recorded as attended (imported
    LinkedIn activity): one matching a plan event's day and title is that event, not another.
    """
    seen: set[EventKey] = set()
    credits: dict[date, int] = {}
    for event in events:
        if not attended(event, today):
            continue
        keys = event_keys(event)
        if any(key in seen for key in keys):
            continue  # the same event written twice
        seen.update(keys)
        credits[event.last_day] = credits.get(event.last_day, 0) + 1
    for day, title in elsewhere:
        key = (day, title_key(title))
        if day <= today and key not in seen:
            seen.add(key)
            credits[day] = credits.get(day, 0) + 1
    return credits


def event_ends(events: Iterable[Event]) -> dict[str, date]:
    """Each event's last day by id (what the derived follow-ups need)."""
    return {event.id: event.last_day for event in events}


def find_event(plan: Plan, query: str) -> Event:
    """The event `query` names: its id, else a unique case-insensitive prefix of a title (or
    id). Raises AmbiguousError or NotFoundError (LookupError) carrying the candidates."""
    return resolve(query, plan.events, ident=lambda e: e.id, name=lambda e: e.title)


def events_in(events: Iterable[Event], first: date, last: date) -> list[Event]:
    """Events overlapping the days from `first` to `last`, by first day then title."""
    found = [e for e in events if e.on <= last and e.last_day >= first]
    return sorted(found, key=lambda e: (e.on, e.title.casefold(), e.id))


def people_of(interaction: Interaction) -> list[str]:
    """Everyone an interaction was with: its contact, then those in `with`."""
    return [interaction.contact, *(p for p in interaction.with_ if p != interaction.contact)]


@dataclass(frozen=True)
class EventPeople:
    """Whom you met at an event, and who of them you followed up with in time."""

    event: Event
    met: tuple[str, ...]  # contact ids, in the order the journal first names them
    followed_up: tuple[str, ...]  # those of `met` contacted again within the window
    due: date  # the window's last day: the event's last day + 2

    @property
    def rate(self) -> float | None:
        """Share of the people met who were followed up; None when nobody was met."""
        return len(self.followed_up) / len(self.met) if self.met else None

    def open(self, today: date) -> bool:
        """Whether the window is still running (the rate may still go up)."""
        return today <= self.due


def event_people(event: Event, interactions: Iterable[Interaction]) -> EventPeople:
    """The people met at `event` and its 48-hour follow-up rate.

    Met: the `contact` and the `with` of every interaction whose `event` is the event.
    Followed up: a person met who is the contact of, or in the `with` of, an interaction
    not at this event dated the day after the event's last day or the day after that (days
    have no times, so "within 48 hours of its last day" is those two days, the last of
    which is the derived follow-up's due day). An interaction on the last day itself that
    is not marked as at the event is not counted: it may have been at the event.
    """
    entries: Sequence[Interaction] = (
        interactions if isinstance(interactions, Sequence) else list(interactions)
    )
    met: dict[str, None] = {}
    for interaction in entries:
        if interaction.event == event.id:
            for person in people_of(interaction):
                met.setdefault(person, None)
    first = event.last_day + timedelta(days=1)
    due = event.last_day + timedelta(days=FOLLOW_UP_DAYS)
    reached: set[str] = set()
    for interaction in entries:
        if interaction.event != event.id and first <= interaction.on <= due:
            reached.update(p for p in people_of(interaction) if p in met)
    followed = tuple(p for p in met if p in reached)
    return EventPeople(event, tuple(met), followed, due)


def people_at_events(plan: Plan, journal: Journal) -> dict[str, EventPeople]:
    """event_people of every event, by id."""
    return {e.id: event_people(e, journal.interactions) for e in plan.events}
