"""The models of contacts.toml, journal.toml and activity.toml.

No `from __future__ import annotations` here: Pydantic would evaluate every annotation from its
string at import, a few milliseconds of every start.
"""

from datetime import date

from pydantic import (
    Field,
    ValidationInfo,
    field_validator,
    model_validator,
)

from netplan.models.base import (
    _EMAIL,
    KEYWORD_FIELDS,
    ActivityKind,
    Circle,
    Day,
    Exchange,
    Flag,
    Ident,
    InteractionKind,
    Kind,
    Minutes,
    Name,
    Positive,
    Record,
    Side,
    Text,
    _require_unique,
)

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
