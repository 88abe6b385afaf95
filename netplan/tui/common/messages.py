"""The one request widgets post when the user changes something: apply this edit."""

from __future__ import annotations

from textual.message import Message

from netplan.workspace import Edit


class ApplyEdit(Message):
    """A change a pane or a form built as an Edit: the app applies it, publishes and saves."""

    def __init__(self, edit: Edit, notice: str | None = None, bell: bool = False) -> None:
        super().__init__()
        self.edit = edit
        self.notice = notice  # shown after the edit applies ("Deleted Jane. u to undo")
        self.bell = bell  # ring when it changes nothing (one completion less of none)


class OpenContact(Message):
    """Show this contact in the Contacts tab (from the agenda, say): the app switches tabs
    and the Contacts pane selects it; `log` opens the log form for it there as well."""

    def __init__(self, contact_id: str, log: bool = False) -> None:
        super().__init__()
        self.contact_id = contact_id
        self.log = log
