"""The Contacts tab's filter field: typing narrows the table (the pane listens)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

from netplan.tui.contacts.table import ContactTable


class FilterInput(Input):
    """Typing narrows the table; enter or down goes back to it, escape clears the filter."""

    BINDINGS = [
        Binding(
            "escape",
            "clear",
            "Clear filter",
            show=False,
            id="contacts-filter-clear",
            tooltip="Clear the filter and go back to the table",
        ),
        Binding(
            "down",
            "done",
            "To the table",
            show=False,
            id="contacts-filter-done",
            tooltip="Back to the table, the filter kept",
        ),
    ]

    def action_clear(self) -> None:
        self.value = ""
        self.action_done()

    def action_done(self) -> None:
        self.screen.query_one(ContactTable).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_done()
