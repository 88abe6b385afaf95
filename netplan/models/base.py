"""What every model of netplan's files shares: strict field types, the enums, `Record`.

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


# Records with a field named by a Python keyword (`from`, `with`): the field is `from_` or
# `with_` in code, and read and written under the keyword itself.
KEYWORD_FIELDS = ConfigDict(
    extra="forbid",
    defer_build=True,
    validate_by_alias=True,
    validate_by_name=True,
    serialize_by_alias=True,
)


def _require_unique(what: str, ids: list[str], field: str = "id") -> None:
    if len(set(ids)) == len(ids):
        return  # the usual case, at C speed (300,000 ids: 20 ms instead of 60)
    seen: set[str] = set()
    for ident in ids:
        if ident in seen:
            raise ValueError(f'two {what} share the {field} "{ident}"')
        seen.add(ident)
