"""Shared pieces of the modal forms: the frame (a scrolling body, Save/Cancel always in reach,
the form's own footer), a labelled field with its error under it, and a discard check."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from pydantic import ValidationError
from rich.console import RenderableType
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Footer, Input, Label, Select, SelectionList, TextArea

from netplan.text import for_screen
from netplan.tui.common.form_discard import FORMS_CSS, DiscardChanges
from netplan.tui.common.text import plain

Result = TypeVar("Result")
T = TypeVar("T")

VALUE_WIDGETS = "Input, TextArea, Select, Checkbox, SelectionList"


def _shown(widget: Widget) -> object:
    if isinstance(widget, SelectionList):
        return tuple(sorted(map(str, widget.selected)))
    value = getattr(widget, "value", None)
    return widget.text if value is None and hasattr(widget, "text") else value


def _key(widget: Widget) -> str:
    """A name for a value widget: its id, else its nearest named ancestor's and its class
    (a milestone row's inputs have none of their own)."""
    if widget.id:
        return widget.id
    for ancestor in widget.ancestors:
        if isinstance(ancestor, Widget) and ancestor.id:
            own = sorted(c for c in widget.classes if not c.startswith("-"))  # not -valid
            return f"{ancestor.id}/{' '.join(own)}"
    return str(id(widget))


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
    """A modal form: its fields scroll, Save and Cancel stay below them, the footer shows
    the form's keys. Enter or ctrl+s saves; escape cancels (None), asking first when a field
    holds something else than it opened with.

    Subclasses give `form_title()`, `compose_fields()` and `check()`, which returns the
    result and the problems by field name without showing them; the frame shows them under
    their fields, and clears each one as soon as its field is right.
    """

    CSS_PATH = FORMS_CSS
    DIALOG_CLASSES = ""  # the dialog's own class, for its width
    VERTICAL_BREAKPOINTS = [(0, "-short"), (30, "-tall")]  # -short: fields closer together
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="form-save", tooltip="Save the form"),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            id="form-cancel",
            tooltip="Close the form (asks first when you changed something)",
        ),
    ]

    _opened: dict[str, Any] | None = None

    # building

    def form_title(self) -> str | Text:
        raise NotImplementedError

    def compose_fields(self) -> ComposeResult:
        raise NotImplementedError

    def save_label(self) -> str:
        return "Save"

    def compose(self) -> ComposeResult:
        title = self.form_title()
        with Vertical(classes=f"dialog form-dialog {self.DIALOG_CLASSES}".strip()):
            yield Label(
                plain(title) if isinstance(title, str) else title,
                classes="dialog-title form-title",
            )
            with VerticalScroll(classes="form-body", id="form-body", can_focus=False):
                yield from self.compose_fields()
            with Horizontal(classes="buttons form-buttons"):
                yield Button(self.save_label(), variant="primary", id="save")
                yield Button("Cancel", id="cancel")
        yield Footer(compact=True)

    @on(events.Mount)
    def _remember_opening(self) -> None:
        # Runs after the subclass's on_mount (Textual walks the MRO from the subclass up).
        if self._shown is None:
            self.remember_shown()
        self._opened = self.form_state()

    # changed or not

    def form_state(self) -> dict[str, Any]:
        """What every field holds now; the form is changed when this differs from opening."""
        return {_key(widget): _shown(widget) for widget in self.query(VALUE_WIDGETS)}

    def changed(self) -> bool:
        return self._opened is not None and self.form_state() != self._opened

    # entering a field: the cursor at the end, nothing selected (typing adds, never replaces)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, Input):
            widget.cursor_position = len(widget.value)
        elif isinstance(widget, TextArea):
            widget.move_cursor(widget.document.end)

    # keys and buttons

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            event.stop()
            self.action_save()
        elif event.button.id == "cancel":
            event.stop()
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(DiscardChanges(), answered)

    def check(self) -> tuple[Result | None, dict[str, str]]:
        raise NotImplementedError

    def action_save(self) -> None:
        result, errors = self.check()
        show_errors(self, errors)
        if errors:
            unplaced = [m for n, m in errors.items() if not self.query(f"#field-{n}")]
            if unplaced:
                self.notify(
                    for_screen("\n".join(unplaced), multiline=True), severity="error", markup=False
                )
            return
        self.dismiss(result)

    @on(Input.Changed)
    @on(Select.Changed)
    @on(TextArea.Changed)
    @on(Checkbox.Changed)
    @on(SelectionList.SelectedChanged)
    def _recheck(self, event: Message) -> None:
        """A field shown wrong loses its message as soon as it is right. Only the field
        typed in is looked at: new problems wait for the next save (no red while the user
        is still typing), and another field's message stays until then."""
        control = getattr(event, "control", None)
        field = next(
            (node for node in getattr(control, "ancestors", ()) if isinstance(node, Field)),
            None,
        )
        if field is None or not field.has_class("-invalid"):
            return
        _result, errors = self.check()
        field.set_error(errors.get(field.field_name))

    def number(self, widget_id: str, errors: dict[str, str]) -> int | str:
        """The whole number typed in an Input, or its text with an error recorded."""
        text = self.query_one(f"#{widget_id}", Input).value.strip()
        try:
            return int(text)
        except ValueError:
            errors[widget_id] = "enter a whole number"
            return text


class FieldError(Label):
    """The message under a field. Its content is the message; it is shown after the field's
    name ("Email: not an email address…"), wrapping at the field's width."""

    def __init__(self, field_label: str) -> None:
        super().__init__("", classes="field-error", markup=False)
        self.field_label = field_label

    def render(self) -> RenderableType:
        message = str(self.content)
        if not message:
            return Text("")
        return Text.assemble(plain(f"{self.field_label}: ", style="bold"), plain(message))


class Field(Vertical):
    """A label, an input widget and the place where its validation error appears."""

    DEFAULT_CSS = """
    Field { height: auto; margin: 0 0 1 0; }
    Field > .field-label { color: $text-muted; width: 100%; }
    Field > .field-error { color: $error; width: 100%; height: auto; display: none; }
    Field.-invalid > .field-label { color: $error; }
    Field.-invalid > .field-error { display: block; }
    Field.-invalid > Input, Field.-invalid > Select, Field.-invalid > TextArea {
        border: tall $error;
    }
    """

    def __init__(self, label: str, widget: Widget, name: str, named: str | None = None) -> None:
        """`named`: what its messages call the field, when the label alone does not say
        ("at most" beside "Hours a week, at least"); else the label before any "(…)"."""
        super().__init__(id=f"field-{name}")
        self.label = label
        self.widget = widget
        self.field_name = name
        self.named = named or label.split(" (", 1)[0].strip() or label
        if isinstance(widget, Input):
            widget.select_on_focus = False  # tabbing in must not let typing wipe the text

    def compose(self) -> ComposeResult:
        yield Label(self.label, classes="field-label", markup=False)
        yield self.widget
        yield FieldError(self.named)

    def set_error(self, message: str | None) -> None:
        self.set_class(bool(message), "-invalid")
        self.query_one(FieldError).update(for_screen(message, multiline=True))


def show_errors(form: Widget, errors: dict[str, str]) -> None:
    """Put each message under its field, clear the others, and focus the first bad one."""
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
