"""The modal form that adds or edits a routine."""

from __future__ import annotations

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from netplan.ids import unique_id
from netplan.models import Kind, Period, Plan, Routine
from netplan.tui.forms import Field, field_errors, show_errors
from netplan.tui.text import clean


class RoutineForm(ModalScreen[Routine | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(self, plan: Plan, routine: Routine | None, period: Period) -> None:
        super().__init__()
        self.plan = plan
        self.routine = routine
        self.period = routine.period if routine else period

    def compose(self) -> ComposeResult:
        r = self.routine
        platforms = list(
            dict.fromkeys(self.plan.settings.platforms + ([r.platform] if r and r.platform else []))
        )
        with Vertical(classes="dialog"):
            yield Label("Edit routine" if r else "New routine", classes="dialog-title")
            yield Field(
                "Title",
                Input(r.title if r else "", id="title", placeholder="Engage with posts"),
                "title",
            )
            with Horizontal(classes="row"):
                yield Field(
                    "Every",
                    Select(
                        [("week", "week"), ("month", "month")],
                        value=self.period.value,
                        allow_blank=False,
                        id="period",
                    ),
                    "period",
                )
                yield Field(
                    "Target",
                    Input(str(r.target) if r else "1", id="target", type="integer"),
                    "target",
                )
                yield Field(
                    "Minutes each",
                    Input(str(r.minutes) if r else "15", id="minutes", type="integer"),
                    "minutes",
                )
            with Horizontal(classes="row"):
                yield Field(
                    "Platform",
                    Select(
                        [(clean(p), p) for p in platforms],
                        value=r.platform if r and r.platform else Select.NULL,
                        prompt="(none)",
                        id="platform",
                    ),
                    "platform",
                )
                yield Field(
                    "Kind",
                    Select(
                        [(k.value, k.value) for k in Kind],
                        value=(r.kind if r else Kind.networking).value,
                        allow_blank=False,
                        id="kind",
                    ),
                    "kind",
                )
            with Horizontal(classes="buttons"):
                yield Button("Save", variant="primary", id="save")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, _event: Input.Submitted) -> None:
        self.action_save()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _number(self, widget_id: str, errors: dict[str, str]) -> int | str:
        text = self.query_one(f"#{widget_id}", Input).value.strip()
        try:
            return int(text)
        except ValueError:
            errors[widget_id] = "enter a whole number"
            return text

    def action_save(self) -> None:
        errors: dict[str, str] = {}
        title = self.query_one("#title", Input).value.strip()
        values = {
            "title": title,
            "period": self.query_one("#period", Select).value,
            "target": self._number("target", errors),
            "minutes": self._number("minutes", errors),
            "kind": self.query_one("#kind", Select).value,
        }
        platform = self.query_one("#platform", Select).value
        if platform is not Select.NULL:
            values["platform"] = platform
        if not title:
            errors["title"] = "give the routine a title"
        if self.routine is not None:
            values["id"] = self.routine.id
            values["archived"] = self.routine.archived
        else:
            values["id"] = unique_id(title, {r.id for r in self.plan.routines}, "routine")
        try:
            routine = Routine.model_validate(values)
        except ValidationError as error:
            for name, message in field_errors(error).items():
                errors.setdefault(name, message)
            routine = None
        if errors:
            show_errors(self, errors)
            return
        self.dismiss(routine)
