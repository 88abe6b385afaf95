"""Showing a contact the user asked for elsewhere (the agenda's enter and `l`).

The app switches to the Contacts tab and calls `show_contact`: the contact's row is
selected and shown, whatever hid it put aside first (the filter, the circle filter, the
list of archived or of other contacts), and the log form opens for it when asked. Right
after start the people may still be loading: the request waits for them.
"""

from __future__ import annotations

from textual.widget import Widget

from netplan.domain.contact_list import filter_circle, filter_rows
from netplan.text import for_screen


class OpensContact(Widget):
    """Mixed into ContactsPane before its container base; uses the pane's `people`,
    `filter_input`, `circle`, `show_archived`, `fill`, `table`, `_status` and `action_log`."""

    _pending: tuple[str, bool] | None = None  # asked for before the people were loaded

    def show_contact(self, contact_id: str, log: bool = False) -> None:
        """Select the contact in the table and show it; with `log`, open the log form for it."""
        people = self.people  # type: ignore[attr-defined]
        if people is None:
            self._pending = (contact_id, log)  # data_changed asks again once they are loaded
            return
        self._pending = None
        row = people.row(contact_id)
        if row is None:
            self.app.notify("No such contact", severity="warning")
            return
        put_aside: list[str] = []
        if row.contact.archived != self.archived_view:  # type: ignore[attr-defined]
            put_aside.append("archived" if row.contact.archived else "not archived")  # the list
        field = self.filter_input  # type: ignore[attr-defined]
        if field.value.strip() and not filter_rows([row], field.value):
            field.value = ""  # its Changed event finds the table drawn already
            put_aside.append("filter cleared")
        if self.circle is not None and not filter_circle([row], self.circle):  # type: ignore[attr-defined]
            self.circle = None
            put_aside.append("circle filter cleared")
        self._keep = row.id
        if row.contact.archived != self.archived_view:  # type: ignore[attr-defined]
            self.show_archived(row.contact.archived)  # type: ignore[attr-defined]  # fills
        else:
            self.fill()  # type: ignore[attr-defined]
        if put_aside:
            name = for_screen(row.contact.name)
            self._status(f"Showing {name}: {', '.join(put_aside)}")  # type: ignore[attr-defined]
        self.table.focus()  # type: ignore[attr-defined]
        if log and self.screen is self.app.screen:  # not over a dialog opened meanwhile
            self.action_log()  # type: ignore[attr-defined]

    def open_pending(self) -> None:
        """The people are loaded now: show the contact asked for while they were not."""
        if self._pending is not None and self.people is not None:  # type: ignore[attr-defined]
            contact_id, log = self._pending
            self.show_contact(contact_id, log=log)
