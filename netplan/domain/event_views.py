"""What the app shows of an event's days: "Apr 14", "Apr 14–16", "Apr 30–May 2"."""

from __future__ import annotations

from netplan.models import Event

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def event_span(event: Event, year: bool = False) -> str:
    """The event's days in words (with `year`, ", 2026" after)."""
    start, end = event.on, event.last_day
    text = f"{MONTHS[start.month - 1]} {start.day}"
    if end != start:
        same_month = (end.year, end.month) == (start.year, start.month)
        text += f"–{end.day}" if same_month else f"–{MONTHS[end.month - 1]} {end.day}"
    if year:
        text += f", {start.year}" if end.year == start.year else f", {start.year}–{end.year}"
    return text
