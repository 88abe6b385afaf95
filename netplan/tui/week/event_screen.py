"""`enter` on an event in the Month tab: its prep, who is going, whom you met there, and
how many of them you followed up with within 48 hours. Escape closes it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from netplan.domain.event_views import event_span
from netplan.domain.events import EventPeople, attended, event_people
from netplan.models import Event
from netplan.tui.common.follow import netplan_app
from netplan.tui.common.text import plain, shorten
from netplan.workspace import Data

NAME_WIDTH = 32


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def _names(ids: Sequence[str], names: dict[str, str], mark=None) -> list[Text]:
    """One line per person (an unknown id as itself), the marks lined up in cells."""
    shown = [plain(shorten(names.get(person, person), NAME_WIDTH)) for person in ids]
    width = max((name.cell_len for name in shown), default=0)
    lines = []
    for person, name in zip(ids, shown, strict=True):
        line = Text.assemble("  ", name)
        if mark is not None:
            line.pad_right(width + 2 - name.cell_len)
            line.append_text(mark(person))
        lines.append(line)
    return lines


def rate_line(people: EventPeople, today: date) -> Text:
    """ "Followed up within 48 hours: 2 of 3 (67%)", with whether the window is open."""
    if people.rate is None:
        return Text("Followed up within 48 hours: nobody met here is logged yet.", "dim")
    done, met = len(people.followed_up), len(people.met)
    words = f"Followed up within 48 hours: {done} of {met} ({people.rate:.0%})"
    if people.open(today):
        words += f" · until {people.due.isoformat()}"
    return Text(words, style="bold")


def event_body(event: Event, data: Data, today: date, done: str = "green") -> Group:
    """What the screen shows, from the event, the contacts and the journal (`done`: the
    colour of ✓, the theme's)."""
    facts = [event_span(event, year=True), event.kind.value]
    if event.venue:
        facts.append(event.venue)
    if attended(event, today):
        state = Text("✓ attended", style=done)
    elif event.attended is False:
        state = Text("not attended", style="dim")
    else:
        state = Text("ahead", style="dim")
    parts: list[Text] = [Text.assemble(plain(" · ".join(facts)), "  ", state), Text()]
    parts += [_heading("Prep"), plain(event.prep or "—", multiline=True), Text()]
    if data.contacts is None or data.journal is None:
        parts.append(Text("Loading contacts…", style="dim"))
        return Group(*parts)
    names = {c.id: c.name for c in data.contacts.contacts}
    parts.append(_heading(f"Going · {len(event.going)}"))
    parts += _names(event.going, names) or [Text("  nobody named yet", "dim")]
    people = event_people(event, data.journal.interactions)
    followed = set(people.followed_up)
    parts += [Text(), _heading(f"Met there · {len(people.met)}")]
    parts += _names(
        people.met,
        names,
        lambda p: Text("✓ followed up", done) if p in followed else Text("not yet", "dim"),
    ) or [Text("  nobody logged at this event yet", "dim")]
    parts += [Text(), rate_line(people, today)]
    return Group(*parts)


class EventScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape", "close", "Close")]

    def __init__(self, event: Event, data: Data, today: date) -> None:
        super().__init__()
        self.event = event
        self.data = data
        self.today = today

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog event-screen"):
            yield Label(plain(self.event.title), classes="dialog-title", markup=False)
            done = netplan_app(self).theme_colors().get("text-success", "green")
            body = event_body(self.event, self.data, self.today, done)
            yield Static(body, id="event-body")
            yield Static(Text.assemble(("escape", "bold"), " closes"), classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
