"""Routines and their completions: counts per period, met or not, streaks, check-offs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netplan.domain.lookup import AmbiguousError, NotFoundError, resolve
from netplan.domain.periods import period_range, period_start, shift_period
from netplan.models import Period, Plan, Routine

__all__ = [
    "AmbiguousError",
    "NotFoundError",
    "RoutineStatus",
    "add_completions",
    "best_streak",
    "count_between",
    "done_in_period",
    "find_routine",
    "routine_statuses",
    "streak",
]


def count_between(plan: Plan, routine_id: str, start: date, end: date) -> int:
    """Completions of a routine from `start` to `end`, both included."""
    if end < start:
        return 0
    span = (end - start).days + 1
    completions = plan.completions
    if span <= len(completions):
        # A short range (a week, a month) over a long history: look the days up directly.
        total = 0
        for offset in range(span):
            counts = completions.get(start + timedelta(days=offset))
            if counts:
                total += counts.get(routine_id, 0)
        return total
    return sum(
        counts.get(routine_id, 0) for day, counts in completions.items() if start <= day <= end
    )


def done_in_period(plan: Plan, routine: Routine, day: date) -> int:
    """Completions of `routine` in its own period (week or month) holding `day`."""
    start, end = period_range(routine.period, day, plan.settings.week_start)
    return count_between(plan, routine.id, start, end)


def _period_counts(plan: Plan, routine: Routine) -> dict[date, int]:
    """Completions of `routine` per period, keyed by the period's first day (one pass)."""
    week_start = plan.settings.week_start
    counts: dict[date, int] = {}
    for day, by_routine in plan.completions.items():
        n = by_routine.get(routine.id, 0)
        if n:
            key = period_start(routine.period, day, week_start)
            counts[key] = counts.get(key, 0) + n
    return counts


def _previous(routine: Routine, start: date, plan: Plan) -> date | None:
    """The first day of the period before the one starting on `start`; None before year 1."""
    try:
        day = shift_period(routine.period, start, -1, plan.settings.week_start)
    except OverflowError:
        return None
    return period_start(routine.period, day, plan.settings.week_start)


def streak(plan: Plan, routine: Routine, today: date) -> int:
    """Consecutive met periods ending with the last complete one, plus the current once met.

    The walk back stops at the first unmet period, so it never goes past the earliest
    completion: a period without completions cannot be met (targets are at least 1).
    """
    counts = _period_counts(plan, routine)
    current = period_start(routine.period, today, plan.settings.week_start)
    run = 1 if counts.get(current, 0) >= routine.target else 0
    start = _previous(routine, current, plan)
    while start is not None and counts.get(start, 0) >= routine.target:
        run += 1
        start = _previous(routine, start, plan)
    return run


def best_streak(plan: Plan, routine: Routine, today: date) -> int:
    """Longest run of consecutive met periods up to and including the current one.

    Periods after the current one are ignored (completions recorded ahead of time do not count
    yet), and the current period counts only when met.
    """
    counts = _period_counts(plan, routine)
    current = period_start(routine.period, today, plan.settings.week_start)
    met = sorted(k for k, n in counts.items() if n >= routine.target and k <= current)
    best = run = 0
    expected: date | None = None
    for start in met:
        run = run + 1 if start == expected else 1
        best = max(best, run)
        try:
            nxt = shift_period(routine.period, start, 1, plan.settings.week_start)
            expected = period_start(routine.period, nxt, plan.settings.week_start)
        except OverflowError:
            expected = None
    return best


@dataclass(frozen=True)
class RoutineStatus:
    """A routine's state in one period; `streak` and `best` are always relative to today."""

    routine: Routine
    done: int
    target: int
    met: bool
    streak: int
    best: int


def routine_statuses(plan: Plan, period: Period, day: date, today: date) -> list[RoutineStatus]:
    """Status of each non-archived routine of `period`, in plan order, for the period of `day`."""
    statuses: list[RoutineStatus] = []
    for routine in plan.routines:
        if routine.archived or routine.period != period:
            continue
        done = done_in_period(plan, routine, day)
        statuses.append(
            RoutineStatus(
                routine=routine,
                done=done,
                target=routine.target,
                met=done >= routine.target,
                streak=streak(plan, routine, today),
                best=best_streak(plan, routine, today),
            )
        )
    return statuses


def add_completions(plan: Plan, routine_id: str, day: date, delta: int) -> Plan:
    """A new Plan with `delta` completions added (or removed, when negative) on `day`.

    The input is left untouched: the app keeps earlier Plans for undo. Only the completions
    mapping and the changed day's counts are copied; everything else is shared, so callers must
    treat Plans as immutable. Counts never go below zero, a zero count disappears, and so does a
    day left empty. Days stay sorted so the saved file reads in order.
    """
    if not any(r.id == routine_id for r in plan.routines):
        raise KeyError(routine_id)
    completions = dict(plan.completions)
    counts = dict(completions.get(day, {}))
    new = max(0, counts.get(routine_id, 0) + delta)
    if new:
        counts[routine_id] = new
    else:
        counts.pop(routine_id, None)
    if counts:
        completions[day] = counts
    else:
        completions.pop(day, None)
    return plan.model_copy(update={"completions": dict(sorted(completions.items()))})


def find_routine(plan: Plan, query: str) -> Routine:
    """The routine `query` names: an exact id, else a unique case-insensitive title/id prefix.

    Archived routines are reachable by exact id only. Raises AmbiguousError or NotFoundError
    (both LookupError) carrying the candidates to list.
    """
    return resolve(
        query,
        plan.routines,
        ident=lambda r: r.id,
        name=lambda r: r.title,
        hidden=lambda r: r.archived,
    )


# --- follow-through: the one weekly rate --------------------------------------------------


@dataclass(frozen=True)
class WeekFollowThrough:
    """One week of weekly routines: completions that count toward the targets, and the targets.

    `done` caps each routine at its target (three extra posts do not make up for a missed
    connection), so `done <= target` always.
    """

    start: date
    done: int
    target: int

    @property
    def rate(self) -> float:
        return self.done / self.target if self.target else 0.0

    @property
    def met(self) -> bool:
        return self.target > 0 and self.done >= self.target


def week_follow_through(plan: Plan, day: date) -> WeekFollowThrough:
    """The week holding `day`, over the routines that are weekly and not archived."""
    start, end = period_range(Period.week, day, plan.settings.week_start)
    done = target = 0
    for routine in plan.routines:
        if routine.archived or routine.period != Period.week:
            continue
        done += min(count_between(plan, routine.id, start, end), routine.target)
        target += routine.target
    return WeekFollowThrough(start, done, target)


def recent_week_rates(plan: Plan, today: date, weeks: int = 12) -> list[float]:
    """Follow-through rates of the last `weeks` weeks, oldest first, ending with the current
    week (the week grid's sparkline; unlike `weekly_follow_through`, weeks before the first
    completion count as zero)."""
    return [
        week_follow_through(plan, today - timedelta(days=7 * back)).rate
        for back in range(weeks - 1, -1, -1)
    ]
