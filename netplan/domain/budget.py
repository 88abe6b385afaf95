"""Networking time budget: minutes spent in a week against the configured hour range."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from netplan.domain.periods import period_range, week_days
from netplan.models import Journal, Period, Plan


def minutes_in_week(plan: Plan, journal: Journal, day: date) -> int:
    """Interaction minutes plus completions × routine minutes in the week holding `day`.

    Every routine counts (weekly and monthly, archived too): the time was spent either way.
    """
    return interaction_minutes(plan, journal, day) + routine_minutes(plan, day)


def interaction_minutes(plan: Plan, journal: Journal, day: date) -> int:
    """Minutes of the interactions in the week holding `day` (changes only with the journal)."""
    start, end = period_range(Period.week, day, plan.settings.week_start)
    return sum(i.minutes for i in journal.interactions if start <= i.on <= end)


def routine_minutes(plan: Plan, day: date) -> int:
    """Completions × routine minutes in the week holding `day`."""
    per_routine = {r.id: r.minutes for r in plan.routines}
    total = 0
    for d in week_days(day, plan.settings.week_start):
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
