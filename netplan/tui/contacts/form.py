"""The modal form that adds or edits a contact, milestones included."""

from __future__ import annotations

from datetime import date
from itertools import count
from typing import Any

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, TextArea

from netplan.domain.ids import unique_id
from netplan.domain.periods import parse_day
from netplan.models import CIRCLES, Contact, Kind, Milestone
from netplan.text import for_screen
from netplan.tui.common.follow import netplan_app
from netplan.tui.common.forms import Field, FormScreen, field_errors
from netplan.tui.common.text import plain
from netplan.tui.contacts.form_parts import (
    MilestoneRow,
    handles_text,
    optional,
    parse_handles,
    split_list,
)


class ContactForm(FormScreen[Contact]):
    """Every field of a contact. New contacts get an id made from the name, unique in the
    file; an existing contact keeps its id (the journal refers to it)."""

    DIALOG_CLASSES = "contact-dialog"

    def __init__(
        self,
        contact: Contact | None,
        taken: set[str],
        today: date,
        title: str | None = None,
    ) -> None:
        super().__init__()
        self.contact = contact
        self.taken = taken
        self.today = today
        self.title_text = title
        self._numbers = count(1)

    # building

    def form_title(self) -> str:
        return self.title_text or ("Edit contact" if self.contact else "New contact")

    def compose_fields(self) -> ComposeResult:
        c = self.contact
        with Horizontal(classes="row"):
            yield Field(
                "Name",
                Input(for_screen(c.name if c else ""), id="name", placeholder="Jane Doe"),
                "name",
            )
            yield Field(
                "Kind",
                Select(
                    [(k.value, k.value) for k in Kind],
                    value=(c.kind if c else Kind.networking).value,
                    allow_blank=False,
                    id="kind",
                ),
                "kind",
            )
        yield Label(self._id_hint(c.name if c else ""), id="id-hint", classes="hint")
        with Horizontal(classes="row"):
            yield Field(
                "Company", Input(for_screen(c.company if c else ""), id="company"), "company"
            )
            yield Field("Role", Input(for_screen(c.role if c else ""), id="role"), "role")
        with Horizontal(classes="row"):
            yield Field(
                "Email",
                Input(for_screen(c.email if c else ""), id="email", placeholder="jane@example.com"),
                "email",
            )
            yield Field("Phone", Input(for_screen(c.phone if c else ""), id="phone"), "phone")
        with Horizontal(classes="row"):
            yield Field(
                "Tags (comma-separated)",
                Input(
                    for_screen(", ".join(c.tags) if c else ""),
                    id="tags",
                    placeholder="fintech, mentor",
                ),
                "tags",
            )
            yield Field(
                "Where you met",
                Input(for_screen(c.met_at if c else ""), id="met_at", placeholder="PyCon 2026"),
                "met_at",
            )
        # Two pairs, not one row of four: at 80 columns four fields are too narrow for a
        # date and its message.
        with Horizontal(classes="row"):
            yield Field(
                "Check in every (days)",
                Input(
                    str(c.cadence_days) if c and c.cadence_days else "",
                    id="cadence_days",
                    placeholder="30",
                ),
                "cadence_days",
            )
            yield Field(
                "Circle",
                Select(
                    [(str(n), n) for n in CIRCLES],
                    value=c.circle if c and c.circle else Select.NULL,
                    prompt="none",
                    id="circle",
                ),
                "circle",
            )
        with Horizontal(classes="row"):
            yield Field(
                "Next follow-up",
                Input(
                    c.follow_up.isoformat() if c and c.follow_up else "",
                    id="follow_up",
                    placeholder="+14d or 2026-12-09",
                ),
                "follow_up",
            )
            created = c.created if c else self.today
            yield Field(
                "Added on",
                Input(created.isoformat() if created else "", id="created"),
                "created",
            )
        yield Field(
            "Handles",
            Input(
                for_screen(handles_text(c.handles) if c else ""),
                id="handles",
                placeholder="linkedin=https://www.linkedin.com/in/jane, twitter=@jane",
            ),
            "handles",
        )
        yield Field(
            "Topics to bring up (comma-separated)",
            Input(
                for_screen(", ".join(c.topics) if c else ""),
                id="topics",
                placeholder="hiking, career",
            ),
            "topics",
        )
        yield Field(
            "Notes",
            TextArea(for_screen(c.notes if c else "", multiline=True), id="notes", soft_wrap=True),
            "notes",
        )
        yield Label("Milestones", classes="section-title")
        with Vertical(id="milestones"):
            for milestone in c.milestones if c else []:
                yield MilestoneRow(next(self._numbers), milestone)
        yield Button("Add milestone", id="add-milestone")

    def on_mount(self) -> None:
        self.remember_shown()
        self._rows_shown = self._milestone_rows()
        self.query_one("#name", Input).focus()

    def _milestone_rows(self) -> list[tuple[str, str, bool]]:
        return [
            (
                row.query_one(".ms-label", Input).value,
                row.query_one(".ms-date", Input).value,
                row.query_one(".ms-yearly", Checkbox).value,
            )
            for row in self.query(MilestoneRow)
        ]

    def _id_hint(self, name: str) -> Text:
        if self.contact is not None:
            return Text.assemble(
                Text("id ", style="dim"),
                plain(self.contact.id),
                Text(" (stays: the journal refers to it)", style="dim"),
            )
        if not name.strip():
            return Text("The id is made from the name.", style="dim")
        ident = unique_id(name, self.taken, "contact")
        hint = Text.assemble(Text("Saved with the id ", style="dim"), plain(ident))
        base = unique_id(name, (), "contact")
        if ident != base:
            warning = netplan_app(self).theme_colors().get("warning", "")
            hint.append(f" ({base} is taken: is this someone you already have?)", style=warning)
        return hint

    # events

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "name":
            self.query_one("#id-hint", Label).update(self._id_hint(event.value))

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-milestone":
            await self.add_milestone()

    async def add_milestone(self) -> MilestoneRow:
        row = MilestoneRow(next(self._numbers))
        await self.query_one("#milestones", Vertical).mount(row)
        label = row.query(".ms-label")
        if label:
            label.first().focus()
        return row

    def form_state(self) -> dict[str, Any]:
        """The fields, with the milestones as rows: an added row left empty is no change."""
        state = {
            key: value
            for key, value in super().form_state().items()
            if not key.startswith(("field-ms", "milestone-"))
        }
        state["milestones"] = [row for row in self._milestone_rows() if row[0] or row[1]]
        return state

    # saving

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def _day(self, widget_id: str, errors: dict[str, str]) -> date | None:
        text = self._text(widget_id).strip()
        if not text:
            return None
        try:
            return parse_day(text, self.today)
        except ValueError as error:
            errors[widget_id] = str(error)
            return None

    def _milestones(self, errors: dict[str, str]) -> list[Milestone]:
        found: list[Milestone] = []
        for row in self.query(MilestoneRow):
            label = for_screen(row.query_one(".ms-label", Input).value).strip()
            date_text = row.query_one(".ms-date", Input).value.strip()
            yearly = row.query_one(".ms-yearly", Checkbox).value
            if not label and not date_text:
                continue  # an empty row is no milestone
            if not label:
                errors[f"ms{row.number}-label"] = "name the milestone"
            day = None
            if not date_text:
                errors[f"ms{row.number}-date"] = "give its date"
            else:
                try:
                    day = parse_day(date_text, self.today)
                except ValueError as error:
                    errors[f"ms{row.number}-date"] = str(error)
            if label and day is not None:
                found.append(Milestone(label=label, date=day, yearly=yearly))
        return found

    def values(self, errors: dict[str, str]) -> dict[str, Any]:
        """The contact's fields as typed, with the problems found put in `errors`; a field
        left as it was shown keeps the contact's own value (see KeepsUntouched)."""
        old = self.contact

        def keep(field: str) -> bool:
            return old is not None and self.untouched(field)

        name = (
            old.name if old is not None and keep("name") else for_screen(self._text("name")).strip()
        )
        if not name:
            errors["name"] = "give the contact a name"
        values: dict[str, Any] = {
            "name": name,
            "kind": self.query_one("#kind", Select).value,
        }
        for field in ("tags", "topics"):
            values[field] = (
                list(getattr(old, field)) if keep(field) else split_list(self._text(field))
            )
        for field in ("company", "role", "email", "phone", "met_at"):
            value = getattr(old, field) if keep(field) else optional(self._text(field))
            if value is not None:
                values[field] = value
        if keep("notes"):
            notes = old.notes  # type: ignore[union-attr]
        else:
            notes = for_screen(self.query_one("#notes", TextArea).text, multiline=True).strip()
        if notes:
            values["notes"] = notes
        if keep("cadence_days"):
            if old.cadence_days is not None:  # type: ignore[union-attr]
                values["cadence_days"] = old.cadence_days  # type: ignore[union-attr]
        elif cadence := self._text("cadence_days").strip():
            try:
                values["cadence_days"] = int(cadence)
            except ValueError:
                errors["cadence_days"] = "a whole number of days, or leave it empty"
            else:
                if values["cadence_days"] < 1:
                    errors["cadence_days"] = "at least 1 day, or leave it empty"
        shown = self.query_one("#circle", Select).value
        circle = old.circle if keep("circle") else shown  # type: ignore[union-attr]
        if circle is not None and circle is not Select.NULL:
            values["circle"] = circle  # the model refuses what is not a circle, at the field
        for field in ("follow_up", "created"):
            day = getattr(old, field) if keep(field) else self._day(field, errors)
            if day is not None:
                values[field] = day
        if keep("handles"):
            values["handles"] = dict(old.handles)  # type: ignore[union-attr]
        else:
            try:
                values["handles"] = parse_handles(self._text("handles"))
            except ValueError as error:
                errors["handles"] = str(error)
        if old is not None and self._milestone_rows() == self._rows_shown:
            values["milestones"] = list(old.milestones)
        else:
            values["milestones"] = self._milestones(errors)
        if old is not None:
            values["id"] = old.id
            if old.reviewed is not None:
                values["reviewed"] = old.reviewed
            values["archived"] = old.archived
        else:
            values["id"] = unique_id(name or "contact", self.taken, "contact")
        return values

    def check(self) -> tuple[Contact | None, dict[str, str]]:
        errors: dict[str, str] = {}
        values = self.values(errors)
        contact = None
        try:
            contact = Contact.model_validate(values)
        except ValidationError as error:
            for name, message in field_errors(error).items():
                errors.setdefault(name, message)
        return contact, errors
