"""`E` on the Month tab: the modal form that adds an event to plan.toml."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Select

from netplan.domain.ids import unique_id
from netplan.domain.periods import parse_day
from netplan.models import Contact, Event, EventKind, Plan
from netplan.text import single_line
from netplan.tui.common.forms import Field, FormScreen, field_errors

UNTIL_BEFORE_ON = "the last day cannot come before the first (On)"


class EventForm(FormScreen[Event]):
    """Dismisses with the new Event, or None. `contacts` is None while they load."""

    DIALOG_CLASSES = "event-dialog"

    def __init__(
        self, plan: Plan, contacts: Sequence[Contact] | None, start: date, today: date
    ) -> None:
        super().__init__()
        self.plan = plan
        self.contact_ids = None if contacts is None else {c.id for c in contacts}
        self.start = start
        self.today = today

    def form_title(self) -> str:
        return "New event"

    def compose_fields(self) -> ComposeResult:
        yield Field("Title", Input(id="title", placeholder="PyCon DE"), "title")
        with Horizontal(classes="row"):
            yield Field("On", Input(self.start.isoformat(), id="on"), "on")
            yield Field("Until (last day)", Input(id="until", placeholder="optional"), "until")
        with Horizontal(classes="row"):
            yield Field("Venue", Input(id="venue", placeholder="Darmstadt"), "venue")
            yield Field(
                "Kind",
                Select(
                    [(k.value, k.value) for k in EventKind],
                    value=EventKind.conference.value,
                    allow_blank=False,
                    id="kind",
                ),
                "kind",
            )
        yield Field(
            "Prep",
            Input(id="prep", placeholder="Speaker list; three people to meet"),
            "prep",
        )
        yield Field(
            "Going (contact ids, comma separated)",
            Input(id="going", placeholder="jane-doe, sam-lee"),
            "going",
        )

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def _text(self, widget_id: str) -> str:
        return single_line(self.query_one(f"#{widget_id}", Input).value)

    def _day(self, widget_id: str, errors: dict[str, str]) -> date | None:
        text = self._text(widget_id)
        if not text:
            return None
        try:
            return parse_day(text, self.today)
        except ValueError as error:
            errors[widget_id] = str(error)
            return None

    def _going(self, errors: dict[str, str]) -> list[str]:
        going = list(dict.fromkeys(p.strip() for p in self._text("going").split(",") if p.strip()))
        if not going:
            return []
        if self.contact_ids is None:
            errors["going"] = "the contacts are still loading: try again in a moment"
        elif unknown := [p for p in going if p not in self.contact_ids]:
            errors["going"] = "no contact has the id " + ", ".join(f"“{p}”" for p in unknown)
        return going

    def check(self) -> tuple[Event | None, dict[str, str]]:
        errors: dict[str, str] = {}
        title = self._text("title")
        if not title:
            errors["title"] = "give the event a title"
        on = self._day("on", errors)
        if on is None and "on" not in errors:
            errors["on"] = "the event's (first) day"
        until = self._day("until", errors)
        if on is not None and until is not None and until < on:
            errors["until"] = UNTIL_BEFORE_ON
        values: dict[str, object] = {
            "title": title,
            "on": on,
            "kind": self.query_one("#kind", Select).value,
            "going": self._going(errors),
        }
        if until is not None and until != on:
            values["until"] = until
        for name in ("venue", "prep"):
            if text := self._text(name):
                values[name] = text
        event = None
        if not errors:
            taken = {e.id for e in self.plan.events}
            values["id"] = unique_id(title, taken, "event")  # as `netplan event add` does
            try:
                event = Event.model_validate(values)
            except ValidationError as error:
                errors.update(field_errors(error))
        return event, errors
