"""Under the month grid: the month in a few lines (routines met, completions against the
targets, days left, events attended), from what the pane already computed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.widgets import Static

from netplan.domain.routines import RoutineStatus
from netplan.tui.week.events import EventLine


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def month_summary(
    statuses: Sequence[RoutineStatus],
    events: Sequence[EventLine],
    first: date,
    last: date,
    today: date,
) -> Text:
    """Three short lines: the routines, the calendar, the events."""
    counted = [s for s in statuses if s.counted and not s.skipped]
    met = sum(1 for s in counted if s.met)
    done = sum(min(s.done, s.target) for s in counted)
    target = sum(s.target for s in counted)
    if counted:
        routines = (
            f"{met} of {_plural(len(counted), 'monthly routine')} met · {done} of {target} done"
        )
    else:
        routines = "No monthly routine counts this month"
    if today < first:
        when = "Still to come"
    elif today > last:
        when = "Closed"
    else:
        left = (last - today).days
        when = "Last day of the month" if not left else f"{_plural(left, 'day')} left after today"
    attended = sum(1 for e in events if e.attended)
    shown = f"{_plural(len(events), 'event')}, {attended} attended" if events else "No events"
    text = Text(routines, style="bold")
    text.append(f"\n{when}")
    text.append(f"\n{shown}", style="dim")
    return text


class MonthSummary(Static):
    """Repainted only when its text changes."""

    def __init__(self, **kwargs) -> None:
        super().__init__(" ", markup=False, **kwargs)
        self._text: Text | None = None

    def show(self, text: Text) -> None:
        if text != self._text:
            self._text = text
            self.update(text)
