"""The demo's events (spec 7.2): one past, with the people met there, and one ahead.

The past event is the latest attended one: its check-off of attend-event gives way to the
event itself (which counts the same), so the demo's other numbers stay as they were.
"""

from __future__ import annotations

from datetime import date, timedelta

from netplan.domain.ids import next_interaction_id
from netplan.models import (
    Contact,
    Event,
    EventKind,
    Exchange,
    Interaction,
    InteractionKind,
    Journal,
)

PAST_ID = "data-products-meetup"
AHEAD_ID = "fintech-forum"


def demo_events(
    today: date,
    completions: dict[date, dict[str, int]],
    interactions: list[Interaction],
    contacts: list[Contact],
) -> tuple[list[Event], dict[date, dict[str, int]], list[Interaction]]:
    """The events, and the completions and interactions that go with them."""
    events: list[Event] = []
    days = [d for d, done in completions.items() if done.get("attend-event") and d < today]
    met = [i for i in interactions if days and i.on == max(days) and i.kind.value == "event"]
    if met:
        day = max(days)
        events.append(
            Event(
                id=PAST_ID,
                title="Data Products Meetup",
                on=day,
                venue=met[0].venue,
                kind=EventKind.meetup,
                prep="Ask about data contracts in practice",
            )
        )
        completions = dict(completions)
        left = {k: v for k, v in completions[day].items() if k != "attend-event"}
        if left:
            completions[day] = left
        else:
            del completions[day]
        others = [i.contact for i in met[1:2]]
        tagged = {
            i.id: i.model_copy(update={"event": PAST_ID, "with_": others if i is met[0] else []})
            for i in met
        }
        interactions = [tagged.get(i.id, i) for i in interactions]
        interactions = _followed_up(interactions, met[0].contact, day + timedelta(days=1))
    fintech = [c.id for c in contacts if "fintech" in c.tags and not c.archived]
    events.append(
        Event(
            id=AHEAD_ID,
            title="Fintech Forum Amsterdam",
            # Soon, so the Month tab shows one ahead as well as the agenda's prep.
            on=today + timedelta(days=3),
            until=today + timedelta(days=4),
            venue="RAI Amsterdam",
            kind=EventKind.conference,
            prep="Speaker list; two people to meet; bring cards",
            going=fintech[:2],
        )
    )
    return events, completions, interactions


def _followed_up(interactions: list[Interaction], contact: str, day: date) -> list[Interaction]:
    """The journal with a thank-you the day after the meetup (within its 48 hours)."""
    note = Interaction(
        id=next_interaction_id(Journal.model_construct(interactions=interactions), day),
        contact=contact,
        on=day,
        kind=InteractionKind.message,
        exchange=Exchange.gave,
        minutes=10,
        note="Sent the data contracts article we talked about at the meetup.",
    )
    at = next((n for n, i in enumerate(interactions) if i.on > day), len(interactions))
    return [*interactions[:at], note, *interactions[at:]]
