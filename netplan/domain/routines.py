"""Routines and their completions: counts per period, met or not, streaks, check-offs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netplan.domain.history import RoutineHistory, evidence_days
from netplan.domain.lookup import AmbiguousError, NotFoundError, resolve
from netplan.domain.periods import period_range
from netplan.models import ActivityLog, Period, Plan, Routine

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


def count_between(
    plan: Plan,
    routine_id: str,
    start: date,
    end: date,
    today: date | None = None,
    activity: ActivityLog | None = None,
) -> int:
    """Completions of a routine from `start` to `end`, both included; given `today`, with
    its evidence too (attended events on their last days, and counted `activity`:
    history.evidence_days)."""
    if end < start:
        return 0
    if today is not None:
        routine = next((r for r in plan.routines if r.id == routine_id), None)
        extra = evidence_days(plan, routine, today, activity) if routine is not None else {}
        found = sum(n for day, n in extra.items() if start <= day <= end)
        return found + count_between(plan, routine_id, start, end)
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


def done_in_period(
    plan: Plan,
    routine: Routine,
    day: date,
    today: date | None = None,
    activity: ActivityLog | None = None,
) -> int:
    """Completions of `routine` in its own period (week or month) holding `day` (with its
    evidence, given `today`: events, and `activity` when given)."""
    start, end = period_range(routine.period, day, plan.settings.week_start)
    return count_between(plan, routine.id, start, end, today, activity)


def streak(plan: Plan, routine: Routine, today: date, activity: ActivityLog | None = None) -> int:
    """Consecutive met periods ending with the last complete one, plus the current once met;
    skipped periods do not break it, periods before the routine's `since` end it."""
    return RoutineHistory(plan, routine, today, activity=activity).streak()


def best_streak(
    plan: Plan, routine: Routine, today: date, activity: ActivityLog | None = None
) -> int:
    """Longest run of met periods up to and including the current one (counted when met)."""
    return RoutineHistory(plan, routine, today, activity=activity).best()


@dataclass(frozen=True)
class RoutineStatus:
    """A routine's state in one period; `streak` and `best` are always relative to today."""

    routine: Routine
    done: int
    target: int  # the target in force for that period
    met: bool
    streak: int
    best: int
    skipped: bool = False
    counted: bool = True  # False: the period ends before the routine's `since`
    evidence: int = 0  # of `done`, from events and imported activity
    activity: int = 0  # of `evidence`, from imported activity

    @property
    def pending(self) -> bool:
        """Still to do: counted, not skipped, not met (what `due` lists)."""
        return self.counted and not self.skipped and not self.met


def routine_statuses(
    plan: Plan,
    period: Period,
    day: date,
    today: date,
    activity: ActivityLog | None = None,
    histories: dict[str, RoutineHistory] | None = None,
) -> list[RoutineStatus]:
    """Status of each non-archived routine of `period`, in plan order, for the period of `day`
    (with its evidence: events, and `activity` when given). `histories`, when given, receives
    each routine's history by id, for a caller that asks it more (a grid's cells)."""
    statuses: list[RoutineStatus] = []
    for routine in plan.routines:
        if routine.archived or routine.period != period:
            continue
        history = RoutineHistory(plan, routine, today, activity=activity)
        if histories is not None:
            histories[routine.id] = history
        verdict = history.at(day)
        run, best = history.streaks()
        statuses.append(
            RoutineStatus(
                routine=routine,
                done=verdict.done,
                target=verdict.target,
                met=verdict.met,
                streak=run,
                best=best,
                skipped=verdict.skipped and not verdict.met,
                counted=verdict.counted,
                evidence=verdict.evidence,
                activity=verdict.activity,
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


def weekly_histories(
    plan: Plan, today: date, activity: ActivityLog | None = None
) -> list[RoutineHistory]:
    """The weekly, not archived routines' histories, built once for many weeks."""
    return [
        RoutineHistory(plan, routine, today, activity=activity)
        for routine in plan.routines
        if not routine.archived and routine.period == Period.week
    ]


def week_follow_through(
    plan: Plan,
    day: date,
    today: date | None = None,
    histories: list[RoutineHistory] | None = None,
    activity: ActivityLog | None = None,
) -> WeekFollowThrough:
    """The week holding `day`, over the routines that are weekly and not archived, each as
    its history judges it (`today` decides where a routine without `since` starts)."""
    start, _end = period_range(Period.week, day, plan.settings.week_start)
    done = target = 0
    if histories is None:
        histories = weekly_histories(plan, today or day, activity)
    for history in histories:
        verdict = history.at(day)
        if verdict.judged:  # before `since`, or skipped and not met: left out
            done += min(verdict.done, verdict.target)
            target += verdict.target
    return WeekFollowThrough(start, done, target)


def recent_week_rates(
    plan: Plan, today: date, weeks: int = 12, activity: ActivityLog | None = None
) -> list[float]:
    """Follow-through rates of the last `weeks` weeks, oldest first, ending with the current
    week (the week grid's sparkline; a week with nothing counted shows as zero)."""
    return [week.rate for week in recent_weeks(plan, today, weeks, activity)]


def recent_weeks(
    plan: Plan, today: date, weeks: int = 12, activity: ActivityLog | None = None
) -> list[WeekFollowThrough]:
    histories = weekly_histories(plan, today, activity)
    return [
        week_follow_through(plan, today - timedelta(days=7 * back), today, histories)
        for back in range(weeks - 1, -1, -1)
    ]


def average_rate(weeks: list[WeekFollowThrough]) -> float:
    """The mean rate of the weeks where something counted (the rest are left out)."""
    counted = [week.rate for week in weeks if week.target]
    return sum(counted) / len(counted) if counted else 0.0


# A month of monthly routines has the same shape as a week of weekly ones (`start` is the
# first day of the month); the name says which one a caller means.
PeriodFollowThrough = WeekFollowThrough


def recent_months(
    plan: Plan, today: date, months: int = 12, activity: ActivityLog | None = None
) -> list[PeriodFollowThrough]:
    """The monthly, not archived routines month by month over the last `months` months,
    oldest first, ending with the current month; each routine capped at its target and judged
    as its history judges it (before `since`, or skipped and not met: left out)."""
    histories = [
        RoutineHistory(plan, routine, today, activity=activity)
        for routine in plan.routines
        if not routine.archived and routine.period == Period.month
    ]
    first = today.replace(day=1)
    result = []
    for back in range(months - 1, -1, -1):
        year, month = divmod(first.year * 12 + first.month - 1 - back, 12)
        start = date(year, month + 1, 1)
        done = target = 0
        for history in histories:
            verdict = history.at(start)
            if verdict.judged:
                done += min(verdict.done, verdict.target)
                target += verdict.target
        result.append(PeriodFollowThrough(start, done, target))
    return result
