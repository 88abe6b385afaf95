"""Goals: progress (manual or counted from the data) and pace against a straight line."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from netplan.domain.history import evidence_days
from netplan.models import ActivityLog, Contact, ContactBook, Goal, GoalStatus, Journal, Plan


def _has_tag(contact: Contact, tag: str) -> bool:
    wanted = tag.casefold()
    return any(t.casefold() == wanted for t in contact.tags)


def goal_progress(
    goal: Goal,
    plan: Plan,
    contacts: ContactBook,
    journal: Journal,
    today: date | None = None,
    activity: ActivityLog | None = None,
) -> int:
    """How far the goal has come.

    No source: the manual `progress`. Otherwise counted since `start` (all time without one),
    with no upper date bound:
    - `routine`: completions of that routine, plus, given `today`, its evidence as the
      routine's history counts it (attended events, and `activity` when given);
    - `tag`: contacts carrying the tag (any case) created on or after start; a contact without
      `created` counts only when the goal has no start;
    - `interactions_with`: interactions with contacts carrying the tag, on or after start, only
      of `exchange` when set.
    Archived contacts still count: archiving someone does not undo having met them.
    """
    source = goal.source
    start = goal.start
    if source is None:
        return goal.progress
    if source.routine is not None:
        done = sum(
            counts.get(source.routine, 0)
            for day, counts in plan.completions.items()
            if start is None or day >= start
        )
        routine = next((r for r in plan.routines if r.id == source.routine), None)
        if today is not None and routine is not None:
            extra = evidence_days(plan, routine, today, activity)
            done += sum(n for day, n in extra.items() if start is None or day >= start)
        return done
    if source.tag is not None:
        return sum(
            1
            for c in contacts.contacts
            if _has_tag(c, source.tag)
            and (start is None or (c.created is not None and c.created >= start))
        )
    tag = source.interactions_with or ""
    tagged = {c.id for c in contacts.contacts if _has_tag(c, tag)}
    return sum(
        1
        for i in journal.interactions
        if i.contact in tagged
        and (start is None or i.on >= start)
        and (source.exchange is None or i.exchange == source.exchange)
    )


class Pace(StrEnum):
    on_track = "on_track"
    behind = "behind"
    done = "done"
    no_due = "no_due"


@dataclass(frozen=True)
class GoalPace:
    """`expected` is where the straight line stands today; `days_left` is None without a due."""

    pace: Pace
    expected: float
    days_left: int | None


def goal_pace(goal: Goal, done: int, today: date) -> GoalPace:
    """Pace against a straight line from (start, 0) to (due, target).

    - target reached, or the goal marked done: done;
    - no due date: no_due;
    - before start: on_track, expected 0;
    - after due and not reached: behind, expected = target;
    - in between: expected = target × elapsed / span; behind only once at least one whole unit
      is missing (done < floor(expected)), so the first day of a goal is not already "behind".
    - no start date: there is no line to follow, so the goal is on_track (expected 0) until its
      due day and behind after it. On the due day itself the target is expected.
    """
    days_left = (goal.due - today).days if goal.due is not None else None
    if done >= goal.target or goal.status == GoalStatus.done:
        return GoalPace(Pace.done, float(goal.target), days_left)
    if goal.due is None:
        return GoalPace(Pace.no_due, 0.0, None)
    if today > goal.due:
        return GoalPace(Pace.behind, float(goal.target), days_left)
    if goal.start is None:
        expected = float(goal.target) if today == goal.due else 0.0
    elif today < goal.start:
        return GoalPace(Pace.on_track, 0.0, days_left)
    else:
        span = (goal.due - goal.start).days
        elapsed = (today - goal.start).days
        expected = goal.target * elapsed / span if span else float(goal.target)
        expected = min(max(expected, 0.0), float(goal.target))
    pace = Pace.on_track if done >= math.floor(expected) else Pace.behind
    return GoalPace(pace, expected, days_left)
