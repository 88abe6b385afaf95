"""The Month tab's events: a focusable list beside the grid, and the pane's keys for it.

The list shows the events whose days touch the month shown (date, title, kind, ✓ once
attended); `enter` opens one (netplan.tui.week.event_screen), `E` adds one
(netplan.tui.week.event_form) as an undoable edit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Label, OptionList, Static
from textual.widgets.option_list import Option

from netplan.domain.event_views import event_span
from netplan.domain.events import attended, events_in
from netplan.models import Event
from netplan.text import for_screen
from netplan.tui.common.follow import netplan_app
from netplan.tui.common.messages import ApplyEdit
from netplan.tui.common.text import plain, shorten
from netplan.workspace.plan_edits import add_event

EMPTY = "No events this month. E adds one."


@dataclass(frozen=True)
class EventLine:
    """One event as the list shows it."""

    id: str
    when: str
    title: str
    kind: str
    attended: bool


def event_lines(shown: Sequence[Event], today: date) -> list[EventLine]:
    return [
        EventLine(e.id, event_span(e), e.title, e.kind.value, attended(e, today)) for e in shown
    ]


def _prompt(line: EventLine, width: int, done: str = "green") -> Text:
    """Two lines: ✓ and the title; the days and the kind, each at most `width` cells.
    `done`: the colour of ✓ (the theme's)."""
    mark = Text("✓ " if line.attended else "  ", style=done)
    title = plain(shorten(line.title, max(width - 2, 1)), style="bold")
    details = shorten(f"{line.when} · {line.kind}", max(width - 2, 1))
    return Text.assemble(mark, title, "\n  ", Text(details, style="dim"))


class EventList(Vertical):
    """Renders the lines it is given; posts Open when one is chosen (enter or a click)."""

    class Open(Message):
        def __init__(self, event_id: str) -> None:
            super().__init__()
            self.event_id = event_id

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._lines: tuple[EventLine, ...] | None = None
        self._width = 0
        self._theme = ""  # the ✓ takes the theme's colour

    def compose(self) -> ComposeResult:
        yield Label("Events", classes="events-title")
        yield OptionList(id="month-events", markup=False, compact=True)
        yield Static(EMPTY, classes="caption events-empty", markup=False)

    @property
    def options(self) -> OptionList:
        return self.query_one(OptionList)

    @property
    def shown_ids(self) -> list[str]:
        return [line.id for line in self._lines or ()]

    def show(self, lines: Sequence[EventLine]) -> None:
        lines = tuple(lines)
        if lines == self._lines and (self._width, self._theme) == (self._room(), self.app.theme):
            return
        self._lines = lines
        self._render_lines()

    def _room(self) -> int:
        """Cells for a line: the list's width less room for a scrollbar (the list itself
        has no width while hidden)."""
        return max(self.scrollable_content_region.width - 2, 4)

    def _render_lines(self) -> None:
        options = self.options
        lines = self._lines or ()
        self._width = self._room()
        self._theme = self.app.theme
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        options.clear_options()
        done = netplan_app(self).theme_colors().get("text-success", "green")
        options.add_options(
            [Option(_prompt(line, self._width, done), id=line.id) for line in lines]
        )
        ids = [line.id for line in lines]
        if ids:
            options.highlighted = ids.index(highlighted) if highlighted in ids else 0
        options.display = bool(ids)
        self.query_one(".events-empty", Static).display = not ids

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._fit)

    def _fit(self) -> None:
        """After a layout: shorten the lines again to the width the list now has."""
        if self._lines is not None and self._width != self._room():
            self._render_lines()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(self.Open(event.option.id))


def month_title(count: int) -> str:
    return f"Events · {count}" if count else "Events"


class EventKeys(Widget):
    """Mixed into MonthPane before its container base: `E` adds an event, and the list's
    Open shows one. Uses the pane's `current`, `netplan` and `anchor`, and its `_month()`
    (the first and last day shown)."""

    BINDINGS = [
        Binding("E", "add_event", "Event", id="add-event", tooltip="Add an event"),
    ]

    def show_events(self) -> None:
        data = self.current  # type: ignore[attr-defined]
        if data is None or self.anchor is None:  # type: ignore[attr-defined]
            return
        first, last = self._month()  # type: ignore[attr-defined]
        shown = events_in(data.plan.events, first, last)
        event_list = self.query_one(EventList)
        title = event_list.query_one(".events-title", Label)
        if str(title.content) != month_title(len(shown)):
            title.update(month_title(len(shown)))
        event_list.show(event_lines(shown, self.netplan.today))  # type: ignore[attr-defined]

    def action_add_event(self) -> None:
        from netplan.tui.week.event_form import EventForm  # loads when first opened

        data = self.current  # type: ignore[attr-defined]
        if data is None:
            return
        people = self.netplan.people  # type: ignore[attr-defined]
        contacts = people.book.contacts if people is not None and people.book else None
        first, last = self._month()  # type: ignore[attr-defined]
        today = self.netplan.today  # type: ignore[attr-defined]
        start = today if first <= today <= last else first

        def done(event: Event | None) -> None:
            if event is None:
                return
            notice = f"Added the event “{event.title}” ({event_span(event, year=True)})."
            if not events_in([event], first, last):
                notice += " It is in another month: [ and ] go there."
            self.post_message(ApplyEdit(add_event(event), for_screen(notice + " u undoes it.")))

        self.app.push_screen(EventForm(data.plan, contacts, start, today), done)

    def on_event_list_open(self, message: EventList.Open) -> None:
        from netplan.tui.week.event_screen import EventScreen  # loads when first opened

        message.stop()
        data = self.current  # type: ignore[attr-defined]
        if data is None:
            return
        event = next((e for e in data.plan.events if e.id == message.event_id), None)
        if event is not None:
            self.app.push_screen(EventScreen(event, data, self.netplan.today))  # type: ignore[attr-defined]
