"""Pydantic models of netplan's files: plan.toml, contacts.toml, journal.toml, activity.toml.

The models mirror the file format of the spec exactly. Every model forbids unknown keys, so a
hand-added field or a newer version's data is an error instead of being dropped on the next save.
Dates, numbers, strings and booleans are strict: TOML gives real types, and a string where a
date belongs is a mistake to report, not to guess at.

No `from __future__ import annotations` here: Pydantic would evaluate every annotation from its
string at import, a few milliseconds of every start.
"""

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

SCHEMA_VERSION = 1

Text = Annotated[str, Field(strict=True)]
Name = Annotated[str, Field(strict=True, min_length=1)]
Ident = Annotated[str, Field(strict=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", max_length=120)]
Day = Annotated[date, Field(strict=True)]
# TOML readers and writers hold integers below 2**63; bigger ones are refused on load.
LARGEST = 2**63 - 1
Count = Annotated[int, Field(strict=True, ge=0, le=LARGEST)]
Positive = Annotated[int, Field(strict=True, ge=1, le=LARGEST)]
Minutes = Annotated[int, Field(strict=True, ge=0, le=24 * 60)]
Hours = Annotated[float, Field(strict=True, ge=0, le=168)]
Flag = Annotated[bool, Field(strict=True)]
_DAY_KEY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day_key(value: object) -> object:
    """A day of completions is written YYYY-MM-DD and nothing else: two spellings of one day
    ("2026-11-23", "2026-11-23T00:00:00", a Unix time) would merge, and a save drop one."""
    if isinstance(value, str) and not _DAY_KEY.fullmatch(value):
        raise ValueError(f"a day is written YYYY-MM-DD, like 2026-11-23, not {value!r}")
    return value


DayKey = Annotated[date, BeforeValidator(_day_key)]

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")

CIRCLES = (5, 15, 50, 150)  # Dunbar's layers (spec 7.2)


def _circle(value: int) -> int:
    if value not in CIRCLES:
        raise ValueError(f"a circle is 5, 15, 50 or 150 (Dunbar's layers), not {value}")
    return value


def _circle_key(value: str) -> str:
    # TOML keys are strings: `5 = 7` in [settings.cadence_by_circle] is the key "5".
    if value not in {str(c) for c in CIRCLES}:
        raise ValueError(f"a circle is 5, 15, 50 or 150 (Dunbar's layers), not {value!r}")
    return value


Circle = Annotated[int, Field(strict=True), AfterValidator(_circle)]
CircleKey = Annotated[str, Field(strict=True), AfterValidator(_circle_key)]


class Record(BaseModel):
    # defer_build: a schema is built on first use, so start-up pays only for plan.toml's models.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Kind(StrEnum):
    networking = "networking"
    social = "social"
    both = "both"


class Period(StrEnum):
    week = "week"
    month = "month"


class WeekStart(StrEnum):
    monday = "monday"
    sunday = "sunday"


class Exchange(StrEnum):
    gave = "gave"
    asked = "asked"
    neutral = "neutral"


class InteractionKind(StrEnum):
    message = "message"
    comment = "comment"
    call = "call"
    coffee = "coffee"
    meeting = "meeting"
    event = "event"
    intro = "intro"
    other = "other"


class Side(StrEnum):
    """Who sent a conversation's last message that day (spec 7.3)."""

    them = "them"
    me = "me"


class ActivityKind(StrEnum):
    comment = "comment"
    reaction = "reaction"
    share = "share"
    article = "article"
    connection = "connection"
    invitation = "invitation"
    event = "event"
    endorsement_received = "endorsement-received"
    recommendation_received = "recommendation-received"


class EventKind(StrEnum):
    conference = "conference"
    meetup = "meetup"
    association = "association"
    chamber = "chamber"
    trade_show = "trade-show"
    online = "online"
    other = "other"


class GoalStatus(StrEnum):
    active = "active"
    done = "done"
    dropped = "dropped"


# --- plan.toml ---------------------------------------------------------------------------


class Settings(Record):
    week_start: WeekStart = WeekStart.monday
    weekly_hours: tuple[Hours, Hours] = (5, 10)
    platforms: list[Name] = Field(default_factory=lambda: ["LinkedIn", "Twitter", "Slack"])
    theme: Name = "textual-dark"
    cadence_by_tag: dict[str, Positive] = Field(default_factory=dict)
    # Only the circles the file names: the others keep domain.circles.CIRCLE_CADENCE.
    cadence_by_circle: dict[CircleKey, Positive] = Field(default_factory=dict)

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


# Records with a field named by a Python keyword (`from`, `with`): the field is `from_` or
# `with_` in code, and read and written under the keyword itself.
KEYWORD_FIELDS = ConfigDict(
    extra="forbid",
    defer_build=True,
    validate_by_alias=True,
    validate_by_name=True,
    serialize_by_alias=True,
)


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


# --- contacts.toml -----------------------------------------------------------------------


class Milestone(Record):
    label: Name
    date: Day
    yearly: Flag = False


class Contact(Record):
    id: Ident
    name: Name
    company: Text | None = None
    role: Text | None = None
    email: Text | None = None
    phone: Text | None = None
    handles: dict[str, Text] = Field(default_factory=dict)
    tags: list[Name] = Field(default_factory=list)
    kind: Kind = Kind.networking
    met_at: Text | None = None
    cadence_days: Positive | None = None
    circle: Circle | None = None  # Dunbar layer (spec 7.2)
    follow_up: Day | None = None
    topics: list[Name] = Field(default_factory=list)
    notes: Text | None = None
    created: Day | None = None
    reviewed: Day | None = None
    archived: Flag = False
    milestones: list[Milestone] = Field(default_factory=list)

    @field_validator("email")
    @classmethod
    def _email_shape(cls, value: str | None) -> str | None:
        if value is not None and not _EMAIL.match(value):
            raise ValueError("not an email address (expected name@domain.tld)")
        return value


class ContactBook(Record):
    contacts: list[Contact] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> "ContactBook":
        _require_unique("contacts", [c.id for c in self.contacts])
        return self


# --- journal.toml ------------------------------------------------------------------------


class Interaction(Record):
    # `with` is a Python keyword: the field is with_, written and read as "with".
    model_config = KEYWORD_FIELDS
    id: Ident
    contact: Ident
    on: Day
    kind: InteractionKind = InteractionKind.other
    exchange: Exchange = Exchange.neutral
    minutes: Minutes = 0
    note: Text | None = None
    venue: Text | None = None
    follow_up: Day | None = None
    promise: Text | None = None
    kept: Day | None = None  # the day the promise was kept (spec 7.2)
    with_: list[Ident] = Field(default_factory=list, alias="with")  # others in it (7.2)
    event: Ident | None = None  # the event where it happened (7.2)
    source: Text | None = None  # where an import found it: "linkedin:message:…"; unique
    last_from: Side | None = None  # a message conversation's last sender that day (7.3)

    @field_validator("kept")
    @classmethod
    def _kept_a_promise(cls, value: date | None, info: ValidationInfo) -> date | None:
        # A kept day without a promise, or before the interaction, is a typo to report.
        if value is None:
            return value
        if not info.data.get("promise"):
            raise ValueError("kept needs a promise to have been kept")
        on = info.data.get("on")
        if on is not None and value < on:
            raise ValueError(f"must not be before the interaction's day ({on.isoformat()})")
        return value


class Journal(Record):
    interactions: list[Interaction] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> "Journal":
        _require_unique("interactions", [i.id for i in self.interactions])
        _require_unique("interactions", [i.source for i in self.interactions if i.source], "source")
        return self


# --- activity.toml -----------------------------------------------------------------------


class Activity(Record):
    """One dated item of imported activity (spec 7.3): a comment, a reaction, a share…"""

    id: Ident  # stable: the same item imported again has the same id
    on: Day  # the UTC day LinkedIn recorded
    platform: Name
    kind: ActivityKind
    url: Text | None = None
    text: Text | None = None
    contact: Ident | None = None

    @property
    def counts_as(self) -> str:
        """What a routine's `counts` names it by: "linkedin:comment"."""
        return f"{self.platform.lower()}:{self.kind.value}"


class ActivityLog(Record):
    activity: list[Activity] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_ids(self) -> "ActivityLog":
        _require_unique("activity items", [a.id for a in self.activity])
        return self


def _require_unique(what: str, ids: list[str], field: str = "id") -> None:
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ValueError(f'two {what} share the {field} "{ident}"')
        seen.add(ident)
