"""Networking time budget: minutes spent in a week against the configured hour range."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from netplan.models import Journal, Period, Plan
from netplan.periods import period_range, week_days


def minutes_in_week(plan: Plan, journal: Journal, day: date) -> int:
    """Interaction minutes plus completions × routine minutes in the week holding `day`.

    Every routine counts (weekly and monthly, archived too): the time was spent either way.
    """
    week_start = plan.settings.week_start
    start, end = period_range(Period.week, day, week_start)
    total = sum(i.minutes for i in journal.interactions if start <= i.on <= end)
    per_routine = {r.id: r.minutes for r in plan.routines}
    for d in week_days(day, week_start):
        for routine_id, n in plan.completions.get(d, {}).items():
            total += per_routine.get(routine_id, 0) * n
    return total


class BudgetStatus(StrEnum):
    under = "under"
    within = "within"
    over = "over"


def budget_status(minutes: int, weekly_hours: tuple[float, float]) -> BudgetStatus:
    """Where `minutes` falls against the [low, high] hours range, both ends included."""
    low, high = weekly_hours
    if minutes < low * 60:
        return BudgetStatus.under
    if minutes > high * 60:
        return BudgetStatus.over
    return BudgetStatus.within
