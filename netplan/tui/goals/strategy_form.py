"""The modal form that edits the strategy: platforms, time budget, week start, cadences, theme."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import ValidationError
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Select

from netplan.models import Settings, WeekStart
from netplan.text import for_screen
from netplan.tui.common.forms import Field, FormScreen, field_errors
from netplan.tui.common.text import plain

_CADENCE = re.compile(r"^(?P<tag>.+?)\s*[=:]\s*(?P<days>\S+)$")


def hours_text(value: float) -> str:
    return f"{value:g}"


def cadence_text(cadence: dict[str, int]) -> str:
    return ", ".join(f"{tag}={days}" for tag, days in cadence.items())


def parse_platforms(text: str) -> list[str]:
    """Comma-separated names, trimmed, blanks and repeats (any case) left out."""
    seen: set[str] = set()
    platforms = []
    for part in text.split(","):
        name = for_screen(part).strip()
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            platforms.append(name)
    return platforms


def parse_hours(text: str) -> float:
    """A number of hours a week: "5", "7.5"; ValueError with a reason otherwise."""
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        raise ValueError("enter a number of hours, like 5 or 7.5") from None
    if not 0 <= value <= 168:
        raise ValueError("hours a week go from 0 to 168")
    return int(value) if value.is_integer() else value


def parse_cadence(text: str) -> dict[str, int]:
    """ "mentor=30, family=14" -> {"mentor": 30, "family": 14}; ValueError naming the bad part."""
    cadence: dict[str, int] = {}
    for part in text.split(","):
        part = for_screen(part).strip()
        if not part:
            continue
        match = _CADENCE.match(part)
        if match is None:
            raise ValueError(f'"{part}": write tag=days, like mentor=30')
        tag, days = match["tag"].strip(), match["days"]
        if not days.isdigit() or int(days) < 1:
            raise ValueError(f'"{part}": the days must be a whole number, at least 1')
        if any(t.casefold() == tag.casefold() for t in cadence):
            raise ValueError(f'"{tag}" appears twice')
        cadence[tag] = int(days)
    return cadence


WIDGETS = {
    "platforms": ("platforms",),
    "weekly_hours": ("low", "high"),
    "week_start": ("week_start",),
    "cadence_by_tag": ("cadence",),
    "theme": ("theme",),
}


WEEK_START_NOTE = (
    "Changing the week start re-labels history: past completions regroup into the new "
    "weeks, so streaks, averages and trends are recomputed (undo with u)."
)


class StrategyForm(FormScreen[dict[str, object]]):
    """Returns the changed settings by name ({} when nothing changed), or None on cancel."""

    DIALOG_CLASSES = "strategy-dialog"

    def __init__(self, settings: Settings, themes: Iterable[str]) -> None:
        super().__init__()
        self.settings = settings
        self.themes = sorted(set(themes) | {settings.theme})

    def form_title(self) -> str:
        return "Strategy"

    def compose_fields(self) -> ComposeResult:
        s = self.settings
        low, high = s.weekly_hours
        yield Field(
            "Primary platforms (comma-separated)",
            Input(
                for_screen(", ".join(s.platforms)),
                id="platforms",
                placeholder="LinkedIn, Slack",
            ),
            "platforms",
        )
        with Horizontal(classes="row"):
            yield Field(
                "Hours a week: at least",
                Input(hours_text(low), id="low", placeholder="5"),
                "low",
                named="Hours at least",
            )
            yield Field(
                "at most",
                Input(hours_text(high), id="high", placeholder="10"),
                "high",
                named="Hours at most",
            )
            yield Field(
                "Week starts on",
                Select(
                    [(w.value.capitalize(), w.value) for w in WeekStart],
                    value=s.week_start.value,
                    allow_blank=False,
                    id="week_start",
                ),
                "week_start",
            )
        # Shown once the week start differs from the saved one, before any save.
        yield Label(WEEK_START_NOTE, id="week-start-note", classes="form-note", markup=False)
        yield Field(
            "Check-in every N days, by tag (for contacts without their own cadence)",
            Input(
                for_screen(cadence_text(s.cadence_by_tag)),
                id="cadence",
                placeholder="mentor=30, family=14",
            ),
            "cadence",
        )
        yield Field(
            "Theme",
            Select(
                [(plain(t), t) for t in self.themes],
                value=s.theme,
                allow_blank=False,
                id="theme",
            ),
            "theme",
        )

    def on_mount(self) -> None:
        self.remember_shown()
        self.query_one("#week-start-note", Label).display = False
        self.query_one("#platforms", Input).focus()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id == "week_start":
            note = self.query_one("#week-start-note", Label)
            note.display = event.value != self.settings.week_start.value

    def _value(self, widget_id: str) -> str:
        return self.query_one(f"#{widget_id}", Input).value

    def read(self) -> tuple[Settings | None, dict[str, str]]:
        errors: dict[str, str] = {}
        values: dict[str, object] = {
            "platforms": parse_platforms(self._value("platforms")),
            "week_start": self.query_one("#week_start", Select).value,
            "theme": self.query_one("#theme", Select).value,
        }
        hours: list[float] = []
        for name in ("low", "high"):
            try:
                hours.append(parse_hours(self._value(name)))
            except ValueError as error:
                errors[name] = str(error)
        if len(hours) == 2:
            if hours[0] > hours[1]:
                errors["high"] = f"must not be below the minimum ({hours_text(hours[0])})"
            values["weekly_hours"] = tuple(hours)
        try:
            values["cadence_by_tag"] = parse_cadence(self._value("cadence"))
        except ValueError as error:
            errors["cadence"] = str(error)
        if errors:
            return None, errors
        try:
            return Settings.model_validate(values), errors
        except ValidationError as error:
            where = {"weekly_hours": "high", "cadence_by_tag": "cadence"}
            for name, message in field_errors(error).items():
                errors.setdefault(where.get(name, name), message)
            return None, errors

    def check(self) -> tuple[dict[str, object] | None, dict[str, str]]:
        settings, errors = self.read()
        if settings is None:
            return None, errors
        # Only what the user changed: a field left as shown is not written back (a platform
        # list re-read from its text could differ from the file's by its spelling).
        changes = {
            name: getattr(settings, name)
            for name, widgets in WIDGETS.items()
            if not self.untouched(*widgets)
            and getattr(settings, name) != getattr(self.settings, name)
        }
        return changes, errors
