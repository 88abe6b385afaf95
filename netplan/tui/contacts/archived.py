"""`A` in the Contacts tab: the archived contacts instead of the others, and `r` restores one.

Archived contacts stay in contacts.toml with their journal but leave every list; the people
index keeps their rows apart (PeopleIndex.archived). In this view the filter, the circle
filter, the sort and the keys that edit, log and delete work as in the other; restoring is
an edit of the workspace, so `u` undoes it.
"""

from __future__ import annotations

from textual.binding import Binding
from textual.widget import Widget

from netplan.text import for_screen
from netplan.tui.common.messages import ApplyEdit
from netplan.workspace.people_edits import archive_contact


class ArchivedView(Widget):
    """Mixed into ContactsPane before its container base; uses the pane's `fill`,
    `data_changed`, `_current` and `_neighbour`."""

    BINDINGS = [
        Binding(
            "A",
            "archived",
            "Archived",
            id="contacts-archived",
            tooltip="Show archived contacts (again: the others)",
        ),
        Binding(
            "r",
            "unarchive",
            "Restore",
            id="contacts-unarchive",
            tooltip="Restore the archived contact to the list",
        ),
    ]

    archived_view = False  # the table lists the archived contacts

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "unarchive":
            return self.archived_view  # only there: hidden from the footer and the palette
        return True

    def show_archived(self, archived: bool) -> None:
        """List the archived contacts (True) or the others, the cursor at the top."""
        if archived == self.archived_view:
            return
        self.archived_view = archived
        self.data_changed()  # type: ignore[attr-defined]  # the tab's title
        self.fill()  # type: ignore[attr-defined]
        self.refresh_bindings()

    def action_archived(self) -> None:
        self.show_archived(not self.archived_view)

    def action_unarchive(self) -> None:
        if self._loaded() is None:  # type: ignore[attr-defined]
            return
        row = self.table.current  # type: ignore[attr-defined]
        if row is None or not row.contact.archived:
            self.app.notify("No archived contact selected", severity="warning")
            return
        neighbour = self._neighbour()  # type: ignore[attr-defined]
        self._keep = neighbour.id if neighbour is not None else None
        name = for_screen(row.contact.name)
        self.post_message(
            ApplyEdit(
                archive_contact(row.contact, archived=False), f"Restored {name}. Press u to undo."
            )
        )
