"""The Contacts tab (placeholder until the contacts issue lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class ContactsPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Contacts arrive in a later version.", classes="placeholder")

    def focus_main(self) -> None:
        """Focus the widget the keys of this tab act on."""
