"""Pydantic models of netplan's files: plan.toml, contacts.toml, journal.toml, activity.toml.

`base` holds the field types and enums they share, `plan` plan.toml's models, `people` those of
contacts.toml, journal.toml and activity.toml; everything is imported from here.

The models mirror the file format of the spec exactly. Every model forbids unknown keys, so a
hand-added field or a newer version's data is an error instead of being dropped on the next save.
Dates, numbers, strings and booleans are strict: TOML gives real types, and a string where a
date belongs is a mistake to report, not to guess at.

No `from __future__ import annotations` here: Pydantic would evaluate every annotation from its
string at import, a few milliseconds of every start.
"""

from netplan.models.base import (
    _EMAIL,
    CIRCLES,
    KEYWORD_FIELDS,
    LARGEST,
    SCHEMA_VERSION,
    ActivityKind,
    Circle,
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
    InteractionKind,
    Kind,
    Minutes,
    Name,
    Period,
    Positive,
    Record,
    Side,
    Text,
    WeekStart,
)
from netplan.models.people import (
    Activity,
    ActivityLog,
    Contact,
    ContactBook,
    Interaction,
    Journal,
    Milestone,
)
from netplan.models.plan import (
    EarlierTarget,
    Event,
    Goal,
    GoalSource,
    Plan,
    Routine,
    Settings,
    Skip,
)

__all__ = [
    "CIRCLES",
    "KEYWORD_FIELDS",
    "LARGEST",
    "SCHEMA_VERSION",
    "_EMAIL",
    "Activity",
    "ActivityKind",
    "ActivityLog",
    "Circle",
    "CircleKey",
    "Contact",
    "ContactBook",
    "Count",
    "Day",
    "DayKey",
    "EarlierTarget",
    "Event",
    "EventKind",
    "Exchange",
    "Flag",
    "Goal",
    "GoalSource",
    "GoalStatus",
    "Hours",
    "Ident",
    "Interaction",
    "InteractionKind",
    "Journal",
    "Kind",
    "Milestone",
    "Minutes",
    "Name",
    "Period",
    "Plan",
    "Positive",
    "Record",
    "Routine",
    "Settings",
    "Side",
    "Skip",
    "Text",
    "WeekStart",
]
