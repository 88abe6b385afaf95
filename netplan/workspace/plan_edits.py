"""Changes to the store as record-level edits, each with its inverse.

An Edit changes one consistent view of the store (`Data`) into another. Because edits work on
records (this routine, this day's count) rather than whole files, the app can undo them, redo
them, and replay its unsaved ones on top of a file that someone else changed on disk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from netplan.domain.routines import add_completions
from netplan.models import ContactBook, Goal, GoalStatus, Journal, Plan, Routine, Settings


@dataclass(frozen=True)
class Data:
    """The store as the app holds it; contacts and journal arrive after the first frame."""

    plan: Plan
    contacts: ContactBook | None = None
    journal: Journal | None = None


Step = Callable[[Data], Data]


@dataclass(frozen=True)
class Edit:
    label: str  # what the user did, for "Undid: …" messages
    forward: Step
    backward: Step


def check_off(routine: Routine, day: date, delta: int) -> Edit:
    """Add (or, with a negative delta, remove) completions of a routine on a day."""

    def by(amount: int) -> Step:
        return lambda data: replace(data, plan=add_completions(data.plan, routine.id, day, amount))

    verb = "Check off" if delta > 0 else "Uncheck"
    return Edit(f"{verb} {routine.title} on {day:%b} {day.day}", by(delta), by(-delta))


def _put_routine(routine_id: str, record: Routine | None, position: int) -> Step:
    """Replace (or insert, or with None remove) the routine with this id."""

    def step(data: Data) -> Data:
        routines = [r for r in data.plan.routines if r.id != routine_id]
        if record is not None:
            index = next(
                (i for i, r in enumerate(data.plan.routines) if r.id == routine_id), position
            )
            routines.insert(min(index, len(routines)), record)
        return replace(data, plan=data.plan.model_copy(update={"routines": routines}))

    return step


def put_routine(plan: Plan, new: Routine) -> Edit:
    """Add a routine, or replace the one with the same id (ids never change: completions and
    goals refer to them)."""
    old = next((r for r in plan.routines if r.id == new.id), None)
    position = len(plan.routines) if old is None else plan.routines.index(old)
    if old is None:
        return Edit(
            f"Add routine {new.title}",
            _put_routine(new.id, new, position),
            _put_routine(new.id, None, position),
        )
    return Edit(
        f"Edit routine {new.title}",
        _put_routine(new.id, new, position),
        _put_routine(old.id, old, position),
    )


def archive_routine(routine: Routine, archived: bool = True) -> Edit:
    verb = "Archive" if archived else "Restore"
    changed = routine.model_copy(update={"archived": archived})
    return Edit(
        f"{verb} routine {routine.title}",
        _put_routine(routine.id, changed, 0),
        _put_routine(routine.id, routine, 0),
    )


def _set_settings(update: dict[str, object]) -> Step:
    def step(data: Data) -> Data:
        settings: Settings = data.plan.settings.model_copy(update=update)
        return replace(data, plan=data.plan.model_copy(update={"settings": settings}))

    return step


def change_settings(settings: Settings, label: str, **changes: object) -> Edit:
    before = {name: getattr(settings, name) for name in changes}
    return Edit(label, _set_settings(dict(changes)), _set_settings(before))


# --- goals -------------------------------------------------------------------------------


def _put_goal(goal_id: str, record: Goal | None, position: int) -> Step:
    """Replace (or insert at position, or with None remove) the goal with this id."""

    def step(data: Data) -> Data:
        goals = [g for g in data.plan.goals if g.id != goal_id]
        if record is not None:
            index = next((i for i, g in enumerate(data.plan.goals) if g.id == goal_id), position)
            goals.insert(min(index, len(goals)), record)
        return replace(data, plan=data.plan.model_copy(update={"goals": goals}))

    return step


def _change_goal(goal_id: str, change: Callable[[Goal], Goal]) -> Step:
    """Change the goal with this id; KeyError when it is gone (deleted on disk meanwhile)."""

    def step(data: Data) -> Data:
        goals = list(data.plan.goals)
        for index, goal in enumerate(goals):
            if goal.id == goal_id:
                goals[index] = change(goal)
                return replace(data, plan=data.plan.model_copy(update={"goals": goals}))
        raise KeyError(f"no goal {goal_id}")

    return step


def put_goal(plan: Plan, new: Goal) -> Edit:
    """Add a goal, or replace the one with the same id (ids never change)."""
    old = next((g for g in plan.goals if g.id == new.id), None)
    position = len(plan.goals) if old is None else plan.goals.index(old)
    if old is None:
        return Edit(
            f"Add goal {new.title}",
            _put_goal(new.id, new, position),
            _put_goal(new.id, None, position),
        )
    return Edit(
        f"Edit goal {new.title}",
        _put_goal(new.id, new, position),
        _put_goal(old.id, old, position),
    )


def move_goal_progress(goal: Goal, delta: int) -> Edit:
    """Move a manual goal's progress by delta (never below zero).

    A step adds to whatever the record holds, like a check-off, so it still means "one more"
    when replayed on a file changed elsewhere.
    """

    def by(amount: int) -> Step:
        return _change_goal(
            goal.id,
            lambda g: g.model_copy(update={"progress": max(0, g.progress + amount)}),
        )

    sign = "+" if delta > 0 else "−"
    return Edit(f"Progress {sign}{abs(delta)} on {goal.title}", by(delta), by(-delta))


def set_goal_status(goal: Goal, status: GoalStatus) -> Edit:
    """Mark a goal done, dropped or active again."""
    verb = {
        GoalStatus.done: "Mark done",
        GoalStatus.dropped: "Drop",
        GoalStatus.active: "Reopen",
    }[status]

    def to(value: GoalStatus) -> Step:
        return _change_goal(goal.id, lambda g: g.model_copy(update={"status": value}))

    return Edit(f"{verb}: {goal.title}", to(status), to(goal.status))
