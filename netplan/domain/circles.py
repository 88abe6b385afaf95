"""Dunbar's circles (spec 7.2): their cadences, who each holds, and which is over its size.

Circles are nested as Dunbar's layers are: circle 15 holds the people of circles 5 and 15,
circle 150 everyone with a circle. Pure functions of contacts and settings.
"""

from __future__ import annotations

from collections.abc import Iterable

from netplan.models import CIRCLES, Contact, Settings

# The check-in cadence (days) of each circle when settings.cadence_by_circle does not name it.
CIRCLE_CADENCE = {5: 7, 15: 30, 50: 90, 150: 365}


def circle_cadences(settings: Settings) -> dict[int, int]:
    """Every circle's cadence: the file's (keys are the strings "5", "15"…), else the default."""
    named = {int(key): days for key, days in settings.cadence_by_circle.items()}
    return {circle: named.get(circle, days) for circle, days in CIRCLE_CADENCE.items()}


def in_circle(contact: Contact, circle: int) -> bool:
    """Whether `circle` holds the contact: its own circle, or one nested inside."""
    return contact.circle is not None and contact.circle <= circle


def circle_counts(contacts: Iterable[Contact]) -> dict[int, int]:
    """How many people each circle holds, counting the circles nested inside it."""
    own = dict.fromkeys(CIRCLES, 0)
    for contact in contacts:
        if contact.circle is not None:
            own[contact.circle] += 1
    counts: dict[int, int] = {}
    total = 0
    for circle in CIRCLES:
        total += own[circle]
        counts[circle] = total
    return counts


def over_capacity(counts: dict[int, int]) -> list[tuple[int, int]]:
    """(circle, people) of each circle holding more people than its size, innermost first."""
    return [(circle, counts[circle]) for circle in CIRCLES if counts.get(circle, 0) > circle]


def capacity_note(contacts: Iterable[Contact]) -> str:
    """ "Circle 5 holds 7 people (Dunbar: 5)", one part per circle over its size; "" when
    none is."""
    return " · ".join(
        f"Circle {circle} holds {people} people (Dunbar: {circle})"
        for circle, people in over_capacity(circle_counts(contacts))
    )


def next_circle(circle: int | None) -> int | None:
    """The circle filter's next step: all → 5 → 15 → 50 → 150 → all."""
    if circle is None:
        return CIRCLES[0]
    index = CIRCLES.index(circle) + 1
    return CIRCLES[index] if index < len(CIRCLES) else None


def circle_label(circle: int | None) -> str:
    """What the filter line says of the circle filter."""
    if circle is None:
        return "every circle"
    inner = [str(c) for c in CIRCLES if c <= circle]
    if len(inner) == 1:
        return f"circle {circle}"
    return f"circle {circle} ({', '.join(inner[:-1])} and {inner[-1]})"
