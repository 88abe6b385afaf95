"""The models of plan.toml: settings, routines, completions, goals, skips, events.

No `from __future__ import annotations` here: Pydantic would evaluate every annotation from its
string at import, a few milliseconds of every start.
"""

from datetime import date
from typing import Annotated

from pydantic import (
    AfterValidator,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from netplan.models.base import (
    KEYWORD_FIELDS,
    LARGEST,
    SCHEMA_VERSION,
    CircleKey,
    Count,
    Day,
    DayKey,
    EventKind,
    Exchange,
    Flag,
    GoalStatus,
    Hours,
    Ident,
    Kind,
    Minutes,
    Name,
    Period,
    Positive,
    Record,
    Text,
    WeekStart,
    _require_unique,
)

# --- plan.toml ---------------------------------------------------------------------------


def _key_list(value: str) -> str:
    if not all(key.strip() and " " not in key.strip() for key in value.split(",")):
        raise ValueError('expected keys separated by commas, such as "space,x" or "ctrl+s"')
    return value


# Keys as Textual names them, comma-separated: "space,x", "ctrl+s", "question_mark" or "?".
KeyList = Annotated[str, Field(strict=True, max_length=200), AfterValidator(_key_list)]


class Settings(Record):
    week_start: WeekStart = WeekStart.monday
    weekly_hours: tuple[Hours, Hours] = (5, 10)
    platforms: list[Name] = Field(default_factory=lambda: ["LinkedIn", "Twitter", "Slack"])
    theme: Name = "textual-dark"
    cadence_by_tag: dict[str, Positive] = Field(default_factory=dict)
    # Only the circles the file names: the others keep domain.circles.CIRCLE_CADENCE.
    cadence_by_circle: dict[CircleKey, Positive] = Field(default_factory=dict)
    # The app's keys by binding id (`check = "space,c"`); ids the app does not have are
    # reported when it starts, not refused here: the app's ids are not the file's business.
    keymap: dict[Ident, KeyList] = Field(default_factory=dict)

    @field_validator("weekly_hours")
    @classmethod
    def _range_in_order(cls, value: tuple[float, float]) -> tuple[float, float]:
        if value[0] > value[1]:
            raise ValueError("the first number (minimum hours) must not exceed the second")
        return value


class EarlierTarget(Record):
    until: Day  # the last day this target was in force
    target: Positive


class Routine(Record):
    id: Ident
    title: Name
    period: Period
    target: Positive
    platform: Text | None = None
    kind: Kind = Kind.networking
    minutes: Minutes = 0
    archived: Flag = False
    since: Day | None = None  # first day it counts (spec 7.1)
    earlier: list[EarlierTarget] = Field(default_factory=list)  # targets before a change
    counts: list[Name] | None = None  # what else counts: "event", "linkedin:comment" (7.1, 7.3)


class Skip(Record):
    """Paused days (spec 7.1): neither met nor missed. Identified by from, to, routines."""

    # `from` is a Python keyword: the field is from_, written and read as "from".
    model_config = KEYWORD_FIELDS
    from_: Day = Field(alias="from")
    to: Day
    reason: Text | None = None
    routines: list[Ident] | None = None  # None: every routine

    @field_validator("to")
    @classmethod
    def _not_before_from(cls, value: date, info: ValidationInfo) -> date:
        start = info.data.get("from_")
        if start is not None and value < start:
            raise ValueError(f"must not be before from ({start.isoformat()})")
        return value

    def covers(self, routine_id: str) -> bool:
        return self.routines is None or routine_id in self.routines


class GoalSource(Record):
    """Where a goal's progress comes from. No source at all means manual progress.

    Exactly one of: `routine` (completions of that routine), `tag` (contacts created with the
    tag), `interactions_with` (interactions with contacts carrying the tag, optionally only
    those of one `exchange`).
    """

    routine: Ident | None = None
    tag: Name | None = None
    interactions_with: Name | None = None
    exchange: Exchange | None = None

    @model_validator(mode="after")
    def _exactly_one(self) -> "GoalSource":
        chosen = [
            n for n in ("routine", "tag", "interactions_with") if getattr(self, n) is not None
        ]
        if len(chosen) != 1:
            raise ValueError("give exactly one of routine, tag or interactions_with")
        if self.exchange is not None and self.interactions_with is None:
            raise ValueError("exchange only applies to interactions_with")
        return self


class Goal(Record):
    id: Ident
    title: Name
    target: Positive
    unit: Text = ""
    why: Text | None = None
    start: Day | None = None
    due: Day | None = None
    status: GoalStatus = GoalStatus.active
    source: GoalSource | None = None
    progress: Count = 0  # the manual count; ignored when a source counts for the goal

    @model_validator(mode="after")
    def _due_after_start(self) -> "Goal":
        if self.start is not None and self.due is not None and self.due < self.start:
            raise ValueError("due must not be before start")
        return self


class Event(Record):
    """An event in plan.toml (spec 7.2): attended from its last day on, unless attended=false."""

    id: Ident
    title: Name
    on: Day
    until: Day | None = None  # the last day; None: one day
    venue: Text | None = None
    kind: EventKind = EventKind.other
    prep: Text | None = None
    going: list[Ident] = Field(default_factory=list)  # contacts you mean to meet there
    attended: Flag | None = None

    @field_validator("until")
    @classmethod
    def _not_before_on(cls, value: date | None, info: ValidationInfo) -> date | None:
        start = info.data.get("on")
        if value is not None and start is not None and value < start:
            raise ValueError(f"must not be before on ({start.isoformat()})")
        return value

    @property
    def last_day(self) -> date:
        return self.until or self.on


class Plan(Record):
    schema_version: Annotated[int, Field(strict=True, ge=1, le=LARGEST)] = SCHEMA_VERSION
    settings: Settings = Field(default_factory=Settings)
    routines: list[Routine] = Field(default_factory=list)
    # day -> routine id -> how many; TOML keys are strings, so days are parsed from them.
    completions: dict[DayKey, dict[Ident, Count]] = Field(default_factory=dict)
    goals: list[Goal] = Field(default_factory=list)
    skips: list[Skip] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Plan":
        _require_unique("routines", [r.id for r in self.routines])
        _require_unique("goals", [g.id for g in self.goals])
        _require_unique("events", [e.id for e in self.events])
        return self
