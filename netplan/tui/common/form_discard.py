"""Asked when escape would close a form that holds changes: discard them, or keep editing."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Static

# The forms' layout, loaded with the first form shown (an absolute path: a relative one would
# be looked up beside each subclass's module).
FORMS_CSS = Path(__file__).with_name("forms.tcss")


class DiscardChanges(ModalScreen[bool]):
    """True to discard (y, enter), False to keep editing (n, escape)."""

    CSS_PATH = FORMS_CSS
    BINDINGS = [
        Binding(
            "y,enter",
            "answer(True)",
            "Discard",
            id="discard-changes",
            tooltip="Close the form and lose what you changed in it",
        ),
        Binding(
            "n,escape",
            "answer(False)",
            "Keep editing",
            id="keep-editing",
            tooltip="Back to the form, as you left it",
        ),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog discard-dialog"):
            yield Label("Discard your changes?", classes="dialog-title")
            yield Static("What you changed in this form is not saved.", classes="hint")
            with Horizontal(classes="buttons"):
                # Not focusable: enter means discard, whichever button a focus would be on.
                for button in (
                    Button("Discard (y)", variant="error", id="discard"),
                    Button("Keep editing (n)", id="keep"),
                ):
                    button.can_focus = False
                    yield button
        yield Footer(compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "discard")

    def action_answer(self, discard: bool) -> None:
        self.dismiss(discard)
