"""The words of a merge: what it took from the other side, what it could not decide, and the
TOML-ish text that names places and shows values in those reports."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Any

from pydantic import BaseModel, ValidationError


class CannotMerge(ValueError):
    """The three files cannot be merged at all (other model types, other schema versions):
    nothing is merged, so the caller leaves both copies where they are."""


@dataclass(frozen=True)
class Conflict:
    """One place the merge had to choose. `kept` is the value the merged file holds (ours',
    unless ours deleted a record theirs changed or a count comes from theirs), `other` always
    theirs' value ('absent' where theirs has none): "kept KEPT, theirs has OTHER (WHY)"."""

    where: str
    kept: str
    other: str
    why: str = ""


@dataclass(frozen=True)
class Change:
    """One change of theirs that ours gains: the merged file differs from ours here."""

    what: str  # "added", "changed", "removed", "completions"
    where: str


@dataclass
class Merged:
    model: BaseModel
    taken: list[Change] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


# --- why ---------------------------------------------------------------------------------

BOTH_CHANGED = "changed on both sides"
BOTH_ADDED = "added on both sides with different values"
NO_BASE = "no common base: the sides differ"
NO_BASE_COUNT = "no common base: kept the larger count"
DELETED_THEIRS = "deleted on their side, changed on ours"
DELETED_OURS = "deleted on our side, changed on theirs"
TOO_LARGE = "the sum of both sides' counts is beyond the largest count a file holds"


def invalid(error: ValidationError) -> str:
    return "the merged record would be invalid: " + problem(error)


def problem(error: ValidationError) -> str:
    """The first problem of a validation error in a few words: "due must not be before start"."""
    first = error.errors()[0]
    message = first["msg"].removeprefix("Value error, ")
    place = ".".join(str(part) for part in first.get("loc", ()))
    return f"{place}: {message}" if place else message


# --- where -------------------------------------------------------------------------------


def record_where(noun: str, key: Any) -> str:
    """'contact "jane-doe"'; a skip, which has no id, by its days and routines."""
    if noun == "skip":
        start, end, routines, nth = key
        which = "every routine" if routines is None else ", ".join(map(json.dumps, routines))
        again = f", #{nth + 1}" if nth else ""  # the same skip written twice in one file
        return f"skip {start.isoformat()} to {end.isoformat()} ({which}{again})"
    return f"{noun} {json.dumps(key, ensure_ascii=False)}"


def field_where(place: str, name: str) -> str:
    return f'{place}, field "{name}"'


def count_where(day: date, routine: str) -> str:
    return f'completions {day.isoformat()} "{routine}"'


# --- values ------------------------------------------------------------------------------

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def show(value: Any) -> str:
    """A value as TOML-ish text: '"Acme"', '3', '2026-11-23', '["a", "b"]', 'absent' for None
    (a None field is not written in the file at all)."""
    if value is None:
        return "absent"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return show(value.value)
    if isinstance(value, str):
        # JSON's escapes are TOML's basic-string escapes for everything a netplan text holds.
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, BaseModel):
        # Defaults left out, as the file leaves them out: a record reads as it is written.
        return show(value.model_dump(mode="python", exclude_defaults=True, by_alias=True))
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = (f"{_key(k)} = {show(v)}" for k, v in value.items() if v is not None)
        return "{ " + ", ".join(items) + " }"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(show(v) for v in value) + "]"
    return str(value)


def _key(key: Any) -> str:
    text = key.value if isinstance(key, Enum) else str(key)
    return text if _BARE_KEY.match(text) else json.dumps(text, ensure_ascii=False)
