"""Small dialogs of the Contacts tab: confirm a delete, set a check-in cadence."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from netplan.tui.common.forms import Field, show_errors
from netplan.tui.common.text import plain


class AskToDelete(ModalScreen[bool]):
    """A delete to confirm: y or the Delete button deletes, n, escape or Keep keeps (the
    focus starts on Keep, so a stray enter deletes nothing)."""

    BINDINGS = [
        Binding("y", "answer(True)", "Delete"),
        Binding("n,escape", "answer(False)", "Keep"),
    ]

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class ConfirmDelete(AskToDelete):
    """ "Delete Jane Doe and 4 journal entries?" — y deletes, n or escape keeps."""

    def __init__(self, name: str, entries: int) -> None:
        super().__init__()
        self.contact_name = name
        self.entries = entries

    def compose(self) -> ComposeResult:
        if self.entries:
            what = f" and {self.entries} journal entr{'y' if self.entries == 1 else 'ies'}"
        else:
            what = " (no journal entries)"
        question = Text.assemble("Delete ", plain(self.contact_name, style="bold"), what, "?")
        with Vertical(classes="dialog confirm-dialog"):
            yield Label("Delete contact", classes="dialog-title")
            yield Static(question, id="question")
            yield Static(
                "u undoes it. To hide someone from lists but keep them and their journal in "
                "the file, archive them in the monthly review (R) instead.",
                classes="hint",
            )
            with Horizontal(classes="buttons"):
                yield Button("Delete (y)", variant="error", id="yes")
                yield Button("Keep (n)", id="no")


class CadenceForm(ModalScreen[int | bool | None]):
    """How often to check in, in days; empty means no own cadence (the tags' applies).

    Dismisses with the number, None for "no own cadence", or False when cancelled.
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel"), Binding("ctrl+s", "save", "Save")]

    def __init__(self, name: str, days: int | None) -> None:
        super().__init__()
        self.contact_name = name
        self.days = days

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog cadence-dialog"):
            yield Label(
                Text.assemble("Check in with ", plain(self.contact_name, style="bold")),
                classes="dialog-title",
            )
            yield Field(
                "Every how many days (empty: use the tags' cadence)",
                Input(str(self.days or ""), id="days", placeholder="30"),
                "days",
            )
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#days", Input).focus()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(False)

    def action_save(self) -> None:
        text = self.query_one("#days", Input).value.strip()
        if not text:
            self.dismiss(None)
            return
        try:
            days = int(text)
        except ValueError:
            show_errors(self, {"days": "a whole number of days, or leave it empty"})
            return
        if days < 1:
            show_errors(self, {"days": "at least 1 day"})
            return
        self.dismiss(days)


class ConfirmDeleteEntry(AskToDelete):
    """ "Delete the coffee on 2026-11-20 with Jane Doe?" — y deletes, n or escape keeps."""

    def __init__(self, name: str, what: str, promise: str | None) -> None:
        super().__init__()
        self.contact_name = name
        self.what = what
        self.promise = promise

    def compose(self) -> ComposeResult:
        question = Text.assemble(
            f"Delete the {self.what} with ", plain(self.contact_name, style="bold"), "?"
        )
        with Vertical(classes="dialog confirm-dialog"):
            yield Label("Delete journal entry", classes="dialog-title")
            yield Static(question, id="question")
            if self.promise:
                yield Static(
                    Text.assemble("Its promise goes too: ", plain(self.promise)), classes="hint"
                )
            yield Static("u undoes it.", classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Delete (y)", variant="error", id="yes")
                yield Button("Keep (n)", id="no")
