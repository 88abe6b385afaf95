"""Shared pieces of the modal forms: a labelled field with its error shown beside it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Input, Label

from netplan.text import for_screen

Result = TypeVar("Result")
T = TypeVar("T")


def _shown(widget: Widget) -> object:
    value = getattr(widget, "value", None)
    return widget.text if value is None and hasattr(widget, "text") else value


class KeepsUntouched:
    """A form of an existing record keeps the value of every field the user did not touch.

    Turning a value into text and back can change it (a topic "kids: Anna, Ben" split at
    its comma, a title cleaned of a control character), so a field whose widget still shows
    what it showed when the form opened gives the record's own value, and a save changes
    only what the user changed. Call `remember_shown()` once the fields are composed.
    """

    _shown: dict[str, object] | None = None

    def remember_shown(self) -> None:
        self._shown = {
            widget.id: _shown(widget)
            for widget in self.query("Input, TextArea, Select, Checkbox")  # type: ignore[attr-defined]
            if widget.id
        }

    def untouched(self, *widget_ids: str) -> bool:
        if self._shown is None:
            return False
        return all(
            _shown(self.query_one(f"#{name}")) == self._shown.get(name)  # type: ignore[attr-defined]
            for name in widget_ids
        )

    def kept(self, original: T | None, widget_ids: tuple[str, ...], read: Callable[[], T]) -> T:
        """`original` while these widgets are untouched (and there is one), else `read()`."""
        if original is not None and self.untouched(*widget_ids):
            return original
        return read()


class FormScreen(KeepsUntouched, ModalScreen[Result | None], Generic[Result]):
    """A modal form: Save/Cancel buttons, enter or ctrl+s saves, escape cancels (None).

    Subclasses compose their fields, end with `yield from self.buttons()`, and implement
    `action_save`, which calls `show_errors` or `dismiss(result)`.
    """

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def buttons(self, save: str = "Save") -> ComposeResult:
        with Horizontal(classes="buttons"):
            yield Button(save, variant="primary", id="save")
            yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        raise NotImplementedError

    def number(self, widget_id: str, errors: dict[str, str]) -> int | str:
        """The whole number typed in an Input, or its text with an error recorded."""
        text = self.query_one(f"#{widget_id}", Input).value.strip()
        try:
            return int(text)
        except ValueError:
            errors[widget_id] = "enter a whole number"
            return text


class Field(Vertical):
    """A label, an input widget and the place where its validation error appears."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > .field-label { color: $text-muted; }
    Field > .field-error { color: $error; height: auto; display: none; }
    Field.-invalid > .field-error { display: block; }
    Field.-invalid > Input, Field.-invalid > Select { border: tall $error; }
    """

    def __init__(self, label: str, widget: Widget, name: str) -> None:
        super().__init__(id=f"field-{name}")
        self.label = label
        self.widget = widget
        self.field_name = name

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label", markup=False)
        yield self.widget
        yield Label("", classes="field-error", markup=False)

    def set_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Label).update(for_screen(message, multiline=True))


def show_errors(form: Widget, errors: dict[str, str]) -> None:
    """Put each message beside its field, clear the others, and focus the first bad one."""
    first = None
    for field in form.query(Field):
        message = errors.get(field.field_name)
        field.set_error(message)
        if message and first is None:
            first = field
    if first is not None:
        first.widget.focus()


def field_errors(error: ValidationError) -> dict[str, str]:
    """Pydantic's errors by top-level field, in words for a person."""
    found: dict[str, str] = {}
    for item in error.errors():
        name = str(item["loc"][0]) if item["loc"] else "_form"
        message = str(item["msg"])
        if message.startswith("Value error, "):
            message = message.removeprefix("Value error, ")
        found.setdefault(name, message)
    return found
