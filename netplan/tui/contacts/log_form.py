"""Log an interaction with a contact: the personal hooks first, then what happened.

Given an `entry`, the same form edits that journal entry (the detail pane's `e`), prefilled,
with the day its promise was kept. "With" names others in the same conversation; "Event" the
event (plan.toml) where it happened (spec 7.2)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select, Static

from netplan.domain.balance import ask_before_giving
from netplan.domain.contact_list import cadence_source, in_words
from netplan.domain.event_views import event_span
from netplan.domain.followups import Cadences, apply_interaction, cadence_with, due_with
from netplan.domain.journal import LogRequest, interaction_for, log_problems
from netplan.domain.people_index import ContactRow
from netplan.domain.periods import parse_day
from netplan.models import Exchange, Interaction, InteractionKind, Journal
from netplan.text import for_screen
from netplan.tui.common.follow import netplan_app
from netplan.tui.common.forms import Field, FormScreen, field_errors
from netplan.tui.common.text import plain
from netplan.tui.contacts.detail import field_table, hooks

# What one interaction of each kind usually takes, prefilled until the user types minutes.
TYPICAL_MINUTES = {
    "message": 5,
    "comment": 5,
    "call": 30,
    "coffee": 45,
    "meeting": 60,
    "event": 120,
    "intro": 10,
    "other": 15,
}
ASK_HINT = (
    "You have not given {name} more than you asked yet: offer help first? "
    "(You can still log the ask.)"
)


class LogForm(FormScreen[LogRequest]):
    """What happened, as a LogRequest: the same rules and the same record as `netplan log`."""

    DIALOG_CLASSES = "log-dialog"

    def __init__(
        self,
        row: ContactRow,
        interactions: Sequence[Interaction],
        today: date,
        cadences: Cadences,
        now: Callable[[], date] | None = None,
        entry: Interaction | None = None,
    ) -> None:
        """`today` is the day the form opened; `now`, when given, is asked on saving: an "On"
        left at "today" is the day it is saved (a form open across midnight)."""
        super().__init__()
        self.row = row
        self.interactions = interactions
        self.today = today
        self.cadences = cadences
        self.now = now
        self.entry = entry
        self._auto_minutes = str(entry.minutes if entry else TYPICAL_MINUTES["message"])
        self._has_events = False

    def _start(self, name: str, default: str = "") -> str:
        """The text a field opens with: the entry's value when editing one."""
        value = getattr(self.entry, name, None) if self.entry is not None else None
        if value is None:
            return default
        return value.isoformat() if isinstance(value, date) else for_screen(str(value))

    def form_title(self) -> Text:
        verb = "Edit entry with " if self.entry else "Log with "
        return Text.assemble(verb, plain(self.row.contact.name, style="bold"))

    def save_label(self) -> str:
        return "Save" if self.entry else "Log"

    def compose_fields(self) -> ComposeResult:
        found = hooks(self.row, self.interactions, self.today)
        yield Static(
            field_table(found)
            if found
            else Text("No topics, notes or milestones yet: add some with e.", "dim"),
            classes="hooks",
            id="hooks",
        )
        with Horizontal(classes="row"):
            yield Field(
                "Kind",
                Select(
                    [(k.value, k.value) for k in InteractionKind],
                    value=self._start("kind", InteractionKind.message.value),
                    allow_blank=False,
                    id="kind",
                ),
                "kind",
            )
            yield Field(
                "Exchange",
                Select(
                    [(e.value, e.value) for e in Exchange],
                    value=self._start("exchange", Exchange.neutral.value),
                    allow_blank=False,
                    id="exchange",
                ),
                "exchange",
            )
        with Horizontal(classes="row"):
            yield Field("Minutes", Input(self._auto_minutes, id="minutes"), "minutes")
            yield Field("On", Input(self._start("on", "today"), id="on"), "on")
        yield Label("", id="ask-hint", classes="ask-hint")
        yield Field(
            "Note",
            Input(self._start("note"), id="note", placeholder="What you talked about"),
            "note",
        )
        yield Field(
            "Venue",
            Input(self._start("venue"), id="venue", placeholder="Where the event was"),
            "venue",
        )
        with Horizontal(classes="row"):
            yield Field(
                "With (ids, comma-separated)",
                Input(
                    ", ".join(self.entry.with_) if self.entry else "",
                    id="with",
                    placeholder="sam-lee",
                ),
                "with",
            )
            yield Field("Event", self._event_select(), "event")
        with Horizontal(classes="row"):
            yield Field(
                "Follow up on",
                Input(self._start("follow_up"), id="follow_up", placeholder="+14d or 2026-12-09"),
                "follow_up",
            )
            yield Field(
                "Promise by then",
                Input(self._start("promise"), id="promise", placeholder="Send the deck"),
                "promise",
            )
            if self.entry is not None:
                yield Field(
                    "Kept on",
                    Input(self._start("kept"), id="kept", placeholder="today"),
                    "kept",
                )
        yield Label("", id="preview", classes="hint")

    def _event_select(self) -> Select:
        """The plan's events, newest first (the entry's own among them when editing)."""
        data = netplan_app(self).data
        events = sorted(data.plan.events if data else [], key=lambda e: e.on, reverse=True)
        current = self.entry.event if self.entry else None
        options = [(plain(f"{e.title} · {event_span(e, year=True)}"), e.id) for e in events]
        if current is not None and current not in {e.id for e in events}:
            options.insert(0, (plain(current), current))
        self._has_events = bool(options)
        return Select(options, value=current or Select.NULL, prompt="(none)", id="event")

    def _with(self, errors: dict[str, str]) -> tuple[str, ...]:
        original = tuple(self.entry.with_) if self.entry else None
        text = self.query_one("#with", Input).value
        ids = self.kept(
            original,
            ("with",),
            lambda: tuple(dict.fromkeys(p.strip() for p in text.split(",") if p.strip())),
        )
        people = netplan_app(self).people
        known = {c.id for c in people.book.contacts} if people and people.book else None
        if known is not None and (unknown := [p for p in ids if p not in known]):
            errors["with"] = "no contact has the id " + ", ".join(f"“{p}”" for p in unknown)
        return ids

    def on_mount(self) -> None:
        self.query_one("#field-event").display = self._has_events
        editing_event = self.entry is not None and self.entry.kind == InteractionKind.event
        self.query_one("#field-venue").display = editing_event
        self.remember_shown()
        self._refresh_hints()
        self.query_one("#kind", Select).focus()

    # live hints

    def _refresh_hints(self) -> None:
        exchange = self.query_one("#exchange", Select).value
        hint = self.query_one("#ask-hint", Label)
        asking = exchange == Exchange.asked.value and ask_before_giving(self.row.balance)
        hint.update(self._ask_hint() if asking else Text(""))
        hint.display = asking
        self.query_one("#preview", Label).update(self._preview())

    def _ask_hint(self) -> Text:
        before, _, after = ASK_HINT.partition("{name}")
        return Text.assemble(before, plain(self.row.contact.name), after)

    def _preview(self) -> Text:
        """What the contact's next follow-up becomes once this is logged."""
        contact = self.row.contact
        try:
            on = parse_day(self.query_one("#on", Input).value or "today", self.today)
            text = self.query_one("#follow_up", Input).value.strip()
            follow_up = parse_day(text, self.today) if text else None
        except ValueError:
            return Text("")
        probe = Interaction(id="i-preview", contact=contact.id, on=on, follow_up=follow_up)
        after = apply_interaction(contact, probe)
        last = max(on, self.row.last) if self.row.last else on
        due = due_with(after, cadence_with(after, self.cadences), last)
        if due is None:
            return Text("No next follow-up after this (no date, no cadence).", style="dim")
        if follow_up is not None:
            why = "as set here"
        elif after.follow_up is not None:
            why = "set before, still ahead"
        else:
            why = cadence_source(after, self.cadences)
        return Text.assemble(
            f"Next follow-up: {due.isoformat()} · {in_words(due, self.today)} · ", plain(why)
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "kind":
            kind = str(event.value)
            minutes = self.query_one("#minutes", Input)
            if minutes.value.strip() in ("", self._auto_minutes):
                self._auto_minutes = str(TYPICAL_MINUTES.get(kind, 0))
                minutes.value = self._auto_minutes
            self.query_one("#field-venue").display = kind == InteractionKind.event.value
        self._refresh_hints()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id in ("on", "follow_up"):
            self.query_one("#preview", Label).update(self._preview())

    # saving

    def check(self) -> tuple[LogRequest | None, dict[str, str]]:
        errors: dict[str, str] = {}

        def typed(widget_id: str) -> str | None:
            return for_screen(self.query_one(f"#{widget_id}", Input).value).strip() or None

        def text(widget_id: str) -> str | None:
            # An edited entry's untouched text stays as stored (line breaks and all).
            original = getattr(self.entry, widget_id, None) if self.entry else None
            return self.kept(original, (widget_id,), lambda: typed(widget_id))

        def day(widget_id: str, default: str = "") -> date | None:
            value = typed(widget_id) or default
            if not value:
                return None
            try:
                return parse_day(value, self.today)
            except ValueError as error:
                errors[widget_id] = str(error)
                return None

        on = day("on", "today")
        if self.now is not None and (typed("on") or "today").lower() == "today":
            on = self.now()
        follow_up = day("follow_up")
        kept = day("kept") if self.entry is not None else None
        minutes = 0
        try:
            minutes = int(typed("minutes") or "0")
        except ValueError:
            errors["minutes"] = "a whole number of minutes"
        kind = InteractionKind(self.query_one("#kind", Select).value)
        event = self.query_one("#event", Select).value
        request = LogRequest(
            contact=self.row.contact.id,
            on=on or self.today,  # a day that is not a date is reported already
            kind=kind,
            exchange=Exchange(self.query_one("#exchange", Select).value),
            minutes=minutes,
            note=text("note"),
            # The venue field shows for events only: what it still holds is not meant.
            venue=text("venue") if kind == InteractionKind.event else None,
            follow_up=follow_up,
            promise=text("promise"),
            kept=kept,
            with_=self._with(errors),
            event=None if event is Select.NULL else str(event),
        )
        for name, message in log_problems(request).items():
            if on is not None or name != "follow_up":
                errors.setdefault(name, message)
        try:
            interaction_for(request, Journal.model_construct(interactions=[]))
        except ValidationError as error:
            for name, message in field_errors(error).items():
                errors.setdefault(name.removesuffix("_"), message)
        return request, errors
