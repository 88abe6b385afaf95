"""The Goals tab (placeholder until the goals issue lands)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static


class GoalsPane(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("Goals arrive in a later version.", classes="placeholder")

    def focus_main(self) -> None:
        """Focus the widget the keys of this tab act on."""
