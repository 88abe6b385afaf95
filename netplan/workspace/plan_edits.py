"""Edits of plan.toml: check-offs, routines, goals, events and the strategy's settings."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from netplan.domain import history
from netplan.domain.history import retarget_changes
from netplan.domain.routines import add_completions
from netplan.models import Event, Goal, GoalStatus, Routine, Skip
from netplan.workspace.data import Data
from netplan.workspace.edits import (
    GOALS,
    ROUTINES,
    Edit,
    Step,
    Table,
    add,
    patch,
    revalidated,
)


def check_off(routine: Routine, day: date, delta: int) -> Edit:
    """Add (or, with a negative delta, remove) completions of a routine on a day.

    A step adds to whatever count the day holds, so it still means "one more" when replayed
    on a file changed elsewhere.
    """

    def by(amount: int) -> Step:
        return lambda data: replace(data, plan=add_completions(data.plan, routine.id, day, amount))

    verb = "Check off" if delta > 0 else "Uncheck"
    return Edit(f"{verb} {routine.title} on {day:%b} {day.day}", by(delta), by(-delta))


def add_routine(routine: Routine, today: date | None = None) -> Edit:
    """Add a routine; added `today`, it counts from today (no missed weeks before it)."""
    if today is not None and routine.since is None:
        routine = routine.model_copy(update={"since": today})
    return add(ROUTINES, routine, f"Add routine {routine.title}")


def patch_routine(
    routine_id: str, changes: Mapping[str, Any], title: str, today: date | None = None
) -> Edit:
    """Change these fields of a routine (its id never changes: completions refer to it).

    With `today`, a new target keeps the old one for earlier periods that have completions
    (an `earlier` entry), decided on the record as the step finds it.
    """
    label = f"Edit routine {title}"
    if today is None or "target" not in changes:
        return patch(ROUTINES, routine_id, changes, label)
    changes = dict(changes)
    made: list[Edit] = []

    def forward(data: Data) -> Data:
        record = data.plan.routines[ROUTINES.require(data.plan.routines, routine_id)]
        extra = retarget_changes(data.plan, record, changes["target"], today)
        made[:] = [patch(ROUTINES, routine_id, {**changes, **extra}, label)]
        return made[0].forward(data)

    def backward(data: Data) -> Data:
        return made[0].backward(data)

    return Edit(label, forward, backward)


def toggle_skip(routine: Routine, start: date, end: date, skipped: bool) -> Edit:
    """`z`: skip the routine from start to end, or unskip it there (splitting longer skips).
    `skipped` (whether it is skipped as shown) only words the label; the step decides."""
    found: list[list[Skip]] = []

    def forward(data: Data) -> Data:
        plan = data.plan
        found[:] = [list(plan.skips)]
        ids = [r.id for r in plan.routines]
        skips = history.toggle_skip(plan.skips, ids, routine.id, start, end)
        return replace(data, plan=plan.model_copy(update={"skips": skips}))

    def backward(data: Data) -> Data:
        return replace(data, plan=data.plan.model_copy(update={"skips": found[0]}))

    verb = "Unskip" if skipped else "Skip"
    return Edit(f"{verb} {routine.title} {_span(start, end)}", forward, backward)


def add_skip(skip: Skip) -> Edit:
    """A new skip (`netplan skip`); undo takes it out again."""

    def forward(data: Data) -> Data:
        return replace(data, plan=data.plan.model_copy(update={"skips": [*data.plan.skips, skip]}))

    def backward(data: Data) -> Data:
        skips = list(data.plan.skips)
        if skip in skips:
            skips.remove(skip)
        return replace(data, plan=data.plan.model_copy(update={"skips": skips}))

    return Edit(f"Skip {_span(skip.from_, skip.to)}", forward, backward)


def _span(start: date, end: date) -> str:
    first = f"{start:%b} {start.day}"
    return first if start == end else f"{first}–{end:%b} {end.day}"


def archive_routine(routine: Routine, archived: bool = True) -> Edit:
    verb = "Archive" if archived else "Restore"
    return patch(ROUTINES, routine.id, {"archived": archived}, f"{verb} routine {routine.title}")


def change_settings(label: str, changes: Mapping[str, Any]) -> Edit:
    """Change these settings, as they are when the step runs; undo puts back what it found."""
    changes = dict(changes)
    found: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        settings = data.plan.settings
        found.clear()
        found.update({name: getattr(settings, name) for name in changes})
        return replace(
            data, plan=data.plan.model_copy(update={"settings": revalidated(settings, changes)})
        )

    def backward(data: Data) -> Data:
        settings = revalidated(data.plan.settings, found)
        return replace(data, plan=data.plan.model_copy(update={"settings": settings}))

    return Edit(label, forward, backward)


# --- goals -------------------------------------------------------------------------------


def add_goal(goal: Goal) -> Edit:
    return add(GOALS, goal, f"Add goal {goal.title}")


def patch_goal(goal_id: str, changes: Mapping[str, Any], title: str) -> Edit:
    return patch(GOALS, goal_id, changes, f"Edit goal {title}")


def move_goal_progress(goal: Goal, delta: int) -> Edit:
    """Move a manual goal's progress by delta (never below zero).

    A step adds to whatever the record holds, like a check-off, so it still means "one more"
    when replayed on a file changed elsewhere.
    """

    def by(amount: int) -> Step:
        def step(data: Data) -> Data:
            goals = list(data.plan.goals)
            index = GOALS.require(goals, goal.id)
            current = goals[index]
            goals[index] = current.model_copy(
                update={"progress": max(0, current.progress + amount)}
            )
            return replace(data, plan=data.plan.model_copy(update={"goals": goals}))

        return step

    sign = "+" if delta > 0 else "−"
    return Edit(f"Progress {sign}{abs(delta)} on {goal.title}", by(delta), by(-delta))


def set_goal_status(goal: Goal, status: GoalStatus) -> Edit:
    """Mark a goal done, dropped or active again."""
    verb = {
        GoalStatus.done: "Mark done",
        GoalStatus.dropped: "Drop",
        GoalStatus.active: "Reopen",
    }[status]
    return patch(GOALS, goal.id, {"status": status}, f"{verb}: {goal.title}")


# --- events ------------------------------------------------------------------------------

EVENTS: Table = Table(
    "event",
    lambda data: data.plan.events,
    lambda data, records: replace(data, plan=data.plan.model_copy(update={"events": records})),
)


def add_event(event: Event) -> Edit:
    """A new `[[events]]` record (the Month tab's `E`); undo takes it out again."""
    return add(EVENTS, event, f"Add event {event.title}")


def patch_event(event_id: str, changes: Mapping[str, Any], title: str) -> Edit:
    """Change these fields of an event (a new `until` before `on` is refused: ValueError)."""
    return patch(EVENTS, event_id, changes, f"Edit event {title}")
