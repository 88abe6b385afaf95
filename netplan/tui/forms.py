"""Shared pieces of the modal forms: a labelled field with its error shown beside it."""

from __future__ import annotations

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Label


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
        yield Label(self.label, classes="field-label")
        yield self.widget
        yield Label("", classes="field-error", markup=False)

    def set_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(".field-error", Label).update(message or "")


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
