"""The line under a routine grid naming what the cursor's cell counts besides check-offs.

"Tue 24 · Engage with posts: 1 checked off · 2 from LinkedIn: comment “Great point…”,
reaction". Titles, event names and activity text are user or import text: they reach the
screen through `plain()` (a rich Text, never markup), and the line is cut with an ellipsis
in terminal cells, not characters.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from netplan.domain.history import EVENT, EvidenceItem, RoutineHistory, evidence_between
from netplan.tui.common.text import plain, shorten
from netplan.workspace import Data

LISTED = 4  # items named per source; the rest are counted ("… 3 more")
TITLE_WIDTH = 30
_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _span(first: date, last: date) -> str:
    if first == last:
        return f"{_WEEKDAYS[first.weekday()]} {first.day}"
    return f"{first:%b} {first.day}–{last.day}"


def _group(label: str, items: list[EvidenceItem]) -> Text:
    text = Text(label, style="bold")
    for index, item in enumerate(items[:LISTED]):
        if index:
            text.append(", ")
        text.append_text(plain(item.words, style="italic"))
    if len(items) > LISTED:
        text.append(f", … {len(items) - LISTED} more", style="dim")
    return text


def evidence_line(
    title: str, first: date, last: date, done: int, items: list[EvidenceItem]
) -> Text:
    """What the cell from `first` to `last` counts: `done` check-offs and the evidence."""
    line = Text.assemble(
        Text(_span(first, last), style="bold"),
        Text(" · ", style="dim"),
        plain(shorten(title, TITLE_WIDTH)),
        Text(": "),
    )
    parts: list[Text] = []
    if done:
        parts.append(Text(f"{done} checked off"))
    events = [item for item in items if item.source == EVENT]
    if events:
        label = "1 event: " if len(events) == 1 else f"{len(events)} events: "
        parts.append(_group(label, events))
    platforms: dict[str, list[EvidenceItem]] = {}
    for item in items:
        if item.from_activity:
            platforms.setdefault(item.source, []).append(item)
    for platform, found in platforms.items():
        parts.append(_group(f"{len(found)} from {shorten(platform, 20)}: ", found))
    if not parts:
        parts.append(Text("nothing yet", style="dim"))
    for index, part in enumerate(parts):
        if index:
            line.append(" · ", style="dim")
        line.append_text(part)
    line.no_wrap = True
    line.overflow = "ellipsis"
    return line


class EvidenceLine(Static):
    """One line under a grid; repainted only when its text changes (no layout pass)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(" ", markup=False, **kwargs)
        self._line: Text | None = None

    def show(
        self,
        data: Data,
        history: RoutineHistory | None,
        spans: list[tuple[date, date]],
        column: int,
    ) -> None:
        """The cell of `history`'s routine in column `column` (its days: `spans`)."""
        if history is None or not 0 <= column < len(spans):
            self.clear()
            return
        first, last = spans[column]
        routine = history.routine
        done, _evidence, _activity = history.between(first, last)
        items = evidence_between(data.plan, routine, first, last, history.today, data.activity)
        self._put(evidence_line(routine.title, first, last, done, items))

    def clear(self) -> None:
        self._put(Text(" "))

    def _put(self, line: Text) -> None:
        if line != self._line:
            self._line = line
            self.update(line, layout=False)
