"""The footer, with the keys that work everywhere first.

Textual's Footer lists the focused widget's keys first and the app's last, so at 80 columns
the grid's nine keys pushed `?` and `q` off the screen: the keys that say what the others
are, and how to leave, come first here.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

FIRST = ("help", "quit")


class KeysFirstFooter(Footer):
    def compose(self) -> ComposeResult:
        widgets = list(super().compose())
        first = [w for w in widgets if isinstance(w, FooterKey) and w.action in FIRST]
        first.sort(key=lambda w: FIRST.index(w.action))
        yield from first
        yield from (w for w in widgets if w not in first)
