"""The Contacts tab's circles: the `c` filter (mixed into the pane) and the note of a circle
holding more people than Dunbar's size for it.

The rules are domain.circles' and contact_list.filter_circle's; this shows their words, as
text, and the note hides when there is nothing to say.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Static

from netplan.domain.circles import capacity_note, next_circle
from netplan.domain.people_index import ContactRow


class CircleFilter(Widget):
    """Mixed into ContactsPane before its container base; `fill` redraws the table."""

    BINDINGS = [
        Binding(
            "c",
            "circle",
            "Circle",
            id="contacts-circle",
            tooltip="Circle filter: all, 5, 15, 50, 150 (each holds the inner ones)",
        ),
    ]

    circle: int | None = None  # the circle filter: nested circles included; None: all

    def fill(self) -> None:
        raise NotImplementedError

    def action_circle(self) -> None:
        self.circle = next_circle(self.circle)
        self.fill()


class CircleNote(Static):
    DEFAULT_CSS = """
    CircleNote {
        height: 1;
        color: $text-warning;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        display: none;
    }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__("", markup=False, **kwargs)
        self.note = ""

    def show_for(self, rows: Iterable[ContactRow]) -> None:
        """The note for these rows (the listed contacts, not archived)."""
        note = capacity_note(row.contact for row in rows)
        if note != self.note:
            self.note = note
            self.update(note)
        self.display = bool(note)
