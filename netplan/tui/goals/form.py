"""The modal form that adds or edits a goal, showing its progress live as the source changes."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.suggester import SuggestFromList
from textual.widgets import Input, Select, Static

from netplan.domain.goals import goal_progress
from netplan.domain.ids import unique_id
from netplan.domain.periods import parse_day
from netplan.models import ContactBook, Exchange, Goal, GoalSource, Journal, Plan
from netplan.text import for_screen
from netplan.tui.common.follow import netplan_app
from netplan.tui.common.forms import Field, FormScreen, field_errors
from netplan.tui.common.text import plain
from netplan.workspace import Data

MANUAL = "manual"
ROUTINE = "routine"
TAG = "tag"
INTERACTIONS = "interactions"
SOURCES = [
    ("manual (+ and −)", MANUAL),
    ("a routine's completions", ROUTINE),
    ("contacts added with a tag", TAG),
    ("interactions with a tag", INTERACTIONS),
]
ANY_EXCHANGE = "any"
# Which of the source fields each choice shows.
SHOWN = {
    MANUAL: {"progress"},
    ROUTINE: {"routine"},
    TAG: {"tag"},
    INTERACTIONS: {"tag", "exchange"},
}
SOURCE_FIELDS = ("routine", "tag", "exchange", "progress")


def source_kind(source: GoalSource | None) -> str:
    if source is None:
        return MANUAL
    if source.routine is not None:
        return ROUTINE
    if source.tag is not None:
        return TAG
    return INTERACTIONS


def needs_people(source: GoalSource | None) -> bool:
    """Whether counting this source needs contacts (and the journal) loaded."""
    return source is not None and source.routine is None


def count_now(goal: Goal, data: Data | None, today: date | None = None) -> int | None:
    """The goal's progress on the app's data; None while the files it counts are loading.
    Given `today`, a routine's goal counts its evidence too (events, loaded activity)."""
    if data is None:
        return None
    if needs_people(goal.source) and (data.contacts is None or data.journal is None):
        return None
    contacts, journal = data.contacts or ContactBook(), data.journal or Journal()
    return goal_progress(goal, data.plan, contacts, journal, today, data.activity)


def all_tags(data: Data | None) -> list[str]:
    """Every tag of the contacts, most used first (for suggestions)."""
    if data is None or data.contacts is None:
        return []
    counts: dict[str, int] = {}
    for contact in data.contacts.contacts:
        for tag in contact.tags:
            counts[tag] = counts.get(tag, 0) + 1
    return sorted(counts, key=lambda t: (-counts[t], t.casefold()))


class GoalForm(FormScreen[Goal]):
    DIALOG_CLASSES = "goal-dialog"

    def __init__(self, plan: Plan, goal: Goal | None, today: date) -> None:
        super().__init__()
        self.plan = plan
        self.goal = goal
        self.today = today

    def form_title(self) -> str:
        return "Edit goal" if self.goal else "New goal"

    def compose_fields(self) -> ComposeResult:
        g = self.goal
        source = g.source if g else None
        kind = source_kind(source)
        routines = [
            r for r in self.plan.routines if not r.archived or (source and source.routine == r.id)
        ]
        start = self.today if g is None else g.start
        data = netplan_app(self).data
        with Horizontal(classes="row"):
            yield Field(
                "Title",
                Input(
                    for_screen(g.title) if g else "",
                    id="title",
                    placeholder="Meet five people in fintech",
                ),
                "title",
            )
            yield Field(
                "Target",
                Input(str(g.target) if g else "5", id="target", type="integer"),
                "target",
            )
            yield Field(
                "Unit",
                Input(for_screen(g.unit) if g else "", id="unit", placeholder="people"),
                "unit",
            )
        with Horizontal(classes="row"):
            yield Field(
                "Why",
                Input(
                    for_screen(g.why) if g else "",
                    id="why",
                    placeholder="What it moves you towards",
                ),
                "why",
            )
            yield Field(
                "Start",
                Input(start.isoformat() if start else "", id="start", placeholder="YYYY-MM-DD"),
                "start",
            )
            yield Field(
                "Due",
                Input(
                    g.due.isoformat() if g and g.due else "",
                    id="due",
                    placeholder="YYYY-MM-DD",
                ),
                "due",
            )
        with Horizontal(classes="row"):
            yield Field(
                "Progress from",
                Select(SOURCES, value=kind, allow_blank=False, id="source"),
                "source",
            )
            yield Field(
                "Routine",
                Select(
                    [(plain(f"{r.title} ({r.period.value})"), r.id) for r in routines],
                    value=source.routine if source and source.routine else Select.NULL,
                    prompt="(choose a routine)",
                    id="routine",
                ),
                "routine",
            )
            yield Field(
                "Tag",
                Input(
                    for_screen(source.tag or source.interactions_with) if source else "",
                    id="tag",
                    placeholder="fintech",
                    suggester=SuggestFromList(all_tags(data), case_sensitive=False),
                ),
                "tag",
            )
            yield Field(
                "Only",
                Select(
                    [("any exchange", ANY_EXCHANGE)] + [(e.value, e.value) for e in Exchange],
                    value=source.exchange.value if source and source.exchange else ANY_EXCHANGE,
                    allow_blank=False,
                    id="exchange",
                ),
                "exchange",
            )
            yield Field(
                "Done so far",
                Input(str(g.progress) if g else "0", id="progress", type="integer"),
                "progress",
            )
        yield Static("", id="count", classes="goal-count", markup=False)

    def on_mount(self) -> None:
        self.remember_shown()
        self._show_source_fields()
        self._update_count()
        self.watch(self.app, "data", lambda _data: self._update_count(), init=False)
        self.query_one("#title", Input).focus()

    # live feedback

    def _kind(self) -> str:
        value = self.query_one("#source", Select).value
        return value if isinstance(value, str) else MANUAL

    def _show_source_fields(self) -> None:
        shown = SHOWN[self._kind()]
        for name in SOURCE_FIELDS:
            self.query_one(f"#field-{name}", Field).display = name in shown

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "source":
            self._show_source_fields()
        self._update_count()

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._update_count()

    def _update_count(self) -> None:
        """Say how far the goal stands with what the form holds now."""
        label = self.query_one("#count", Static)
        if self._kind() == MANUAL:
            label.update("Progress is yours to move: + and − on the goals list.")
            return
        goal, errors = self._read()
        if goal is None:
            problem = next(
                (errors[n] for n in ("routine", "tag", "start") if n in errors), "incomplete"
            )
            label.update(f"Counted so far: — ({problem})")
            return
        count = count_now(goal, netplan_app(self).data, netplan_app(self).today)
        if count is None:
            label.update("Counted so far: … (contacts are still loading)")
            return
        since = f" since {goal.start.isoformat()}" if goal.start else " (all time)"
        unit = f" {goal.unit}" if goal.unit else ""
        label.update(f"Counted so far{since}: {count}/{goal.target}{for_screen(unit)}")

    # reading and saving

    def _text(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value.strip()

    def _day(self, widget_id: str, errors: dict[str, str]) -> date | None:
        text = self._text(widget_id)
        if not text or text.lower() == "none":
            return None
        try:
            return parse_day(text, self.today)
        except ValueError as error:
            errors[widget_id] = str(error)
            return None

    def _source(self, errors: dict[str, str]) -> GoalSource | None:
        kind = self._kind()
        if kind == MANUAL:
            return None
        if kind == ROUTINE:
            routine = self.query_one("#routine", Select).value
            if not isinstance(routine, str):
                errors["routine"] = "choose the routine whose completions count"
                return None
            return GoalSource(routine=routine)
        tag = for_screen(self._text("tag"))
        if not tag:
            errors["tag"] = "enter the tag whose contacts count"
            return None
        if kind == TAG:
            return GoalSource(tag=tag)
        exchange = self.query_one("#exchange", Select).value
        return GoalSource(
            interactions_with=tag,
            exchange=Exchange(exchange) if exchange != ANY_EXCHANGE else None,
        )

    def _read(self) -> tuple[Goal | None, dict[str, str]]:
        """The goal the fields describe, or None and the errors by field."""
        errors: dict[str, str] = {}
        old = self.goal  # a field left as shown keeps its value (see KeepsUntouched)
        keep = old is not None and self.untouched
        title = old.title if keep and keep("title") else for_screen(self._text("title"))
        if not title:
            errors["title"] = "give the goal a title"
        values: dict[str, object] = {
            "title": title,
            "target": old.target if keep and keep("target") else self.number("target", errors),
            "unit": old.unit if keep and keep("unit") else for_screen(self._text("unit")),
            "start": old.start if keep and keep("start") else self._day("start", errors),
            "due": old.due if keep and keep("due") else self._day("due", errors),
        }
        why = old.why if keep and keep("why") else for_screen(self._text("why"))
        if why:
            values["why"] = why
        if keep and keep("source", "routine", "tag", "exchange"):
            source = old.source
        else:
            source = self._source(errors)
        if source is not None:
            values["source"] = source
        if keep and keep("progress"):
            values["progress"] = old.progress  # written back as it is now, not as shown
        elif self._kind() == MANUAL:
            values["progress"] = self.number("progress", errors)
        elif self.goal is not None:
            values["progress"] = self.goal.progress  # kept for a switch back to manual
        if isinstance(values["target"], int) and values["target"] < 1:
            errors["target"] = "the target must be at least 1"
        if isinstance(values.get("progress"), int) and values["progress"] < 0:
            errors["progress"] = "progress cannot be negative"
        start, due = values["start"], values["due"]
        if isinstance(start, date) and isinstance(due, date) and due < start:
            errors["due"] = f"the due date must not be before the start ({start.isoformat()})"
        if self.goal is not None:
            values["id"] = self.goal.id
            values["status"] = self.goal.status
        else:
            values["id"] = unique_id(title, {g.id for g in self.plan.goals}, "goal")
        if errors:
            return None, errors
        try:
            return Goal.model_validate(values), errors
        except ValidationError as error:
            for name, message in field_errors(error).items():
                errors.setdefault(name if name != "_form" else "title", message)
            return None, errors

    def check(self) -> tuple[Goal | None, dict[str, str]]:
        return self._read()
