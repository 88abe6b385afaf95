"""Small builders for the domain models, so tests state only what they care about."""

from __future__ import annotations

from datetime import date
from typing import Any

from netplan.models import (
    Activity,
    ActivityKind,
    ActivityLog,
    Contact,
    ContactBook,
    Exchange,
    Goal,
    GoalSource,
    Interaction,
    Journal,
    Milestone,
    Period,
    Plan,
    Routine,
    Settings,
    WeekStart,
)

D = date.fromisoformat


def routine(
    id: str = "engage-posts",
    period: Period | str = Period.week,
    target: int = 1,
    **fields: Any,
) -> Routine:
    fields.setdefault("title", id.replace("-", " ").capitalize())
    return Routine(id=id, period=Period(period), target=target, **fields)


def plan(
    *routines: Routine,
    completions: dict[date | str, dict[str, int]] | None = None,
    week_start: WeekStart | str = WeekStart.monday,
    **settings: Any,
) -> Plan:
    days = {(D(k) if isinstance(k, str) else k): dict(v) for k, v in (completions or {}).items()}
    return Plan(
        settings=Settings(week_start=WeekStart(week_start), **settings),
        routines=list(routines),
        completions=days,
    )


def contact(id: str = "jane-doe", name: str | None = None, **fields: Any) -> Contact:
    if name is None:
        name = " ".join(part.capitalize() for part in id.split("-"))
    milestones = fields.pop("milestones", [])
    fields["milestones"] = [m if isinstance(m, Milestone) else Milestone(**m) for m in milestones]
    return Contact(id=id, name=name, **fields)


def book(*contacts: Contact) -> ContactBook:
    return ContactBook(contacts=list(contacts))


_counter = 0


def interaction(contact: str, on: date | str, **fields: Any) -> Interaction:
    global _counter
    _counter += 1
    if "exchange" in fields:
        fields["exchange"] = Exchange(fields["exchange"])
    return Interaction(
        id=fields.pop("id", f"i-{_counter}"),
        contact=contact,
        on=D(on) if isinstance(on, str) else on,
        **fields,
    )


def journal(*interactions: Interaction) -> Journal:
    return Journal(interactions=list(interactions))


def goal(target: int = 5, source: dict[str, Any] | None = None, **fields: Any) -> Goal:
    for key in ("start", "due"):
        if isinstance(fields.get(key), str):
            fields[key] = D(fields[key])
    return Goal(
        id=fields.pop("id", "g"),
        title=fields.pop("title", "A goal"),
        target=target,
        source=GoalSource(**source) if source is not None else None,
        **fields,
    )


_activity_counter = 0


def activity(kind: str, on: date | str, platform: str = "LinkedIn", **fields: Any) -> Activity:
    """One imported activity item ("comment", "reaction", "endorsement-received"…)."""
    global _activity_counter
    _activity_counter += 1
    return Activity(
        id=fields.pop("id", f"a-{_activity_counter}"),
        on=D(on) if isinstance(on, str) else on,
        platform=platform,
        kind=ActivityKind(kind),
        **fields,
    )


def activity_log(*items: Activity) -> ActivityLog:
    return ActivityLog(activity=list(items))


def sync_main(argv: list[str], environ: dict[str, str], out: Any = None) -> int:
    """netplan.cli.main in this process (a sync's output goes to `out`)."""
    import io

    from netplan.cli import main

    return main(argv, environ=environ, out=io.StringIO() if out is None else out)
