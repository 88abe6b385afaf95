"""Follow-through over time: weekly routines against their targets, and gave vs asked per month.

Pure functions of the models and today (no Textual), feeding the Goals tab's trend charts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from netplan.domain.periods import add_months, month_end, month_start
from netplan.domain.routines import WeekFollowThrough, week_follow_through, weekly_histories
from netplan.models import ActivityLog, Exchange, Journal, Plan

TREND_WEEKS = 26
TREND_MONTHS = 6  # about 26 weeks of calendar months, the current one included


def weekly_follow_through(
    plan: Plan, today: date, weeks: int = TREND_WEEKS, activity: ActivityLog | None = None
) -> list[WeekFollowThrough]:
    """The last `weeks` weeks, oldest first, ending with the current (unfinished) week.

    Weeks before the week of the first completion ever recorded are left out, so someone who
    started last month sees their own weeks, not months of zeros from before they began. The
    current week is always there. Evidence (events, `activity`) counts as the history
    judges it.
    """
    first = min(plan.completions, default=None)
    histories = weekly_histories(plan, today, activity)
    result = []
    for back in range(weeks - 1, -1, -1):
        week = week_follow_through(plan, today - timedelta(days=7 * back), today, histories)
        if back and (first is None or week.start + timedelta(days=6) < first or not week.target):
            continue  # before anything counted, or nothing counted (since, skips)
        result.append(week)
    return result


@dataclass(frozen=True)
class FollowThroughSummary:
    this_week: float  # rate of the current week
    average: float  # completions counted / targets over the weeks shown
    weeks: int  # how many weeks that covers
    met_weeks: int  # weeks where every weekly target was reached


def follow_through_summary(weeks: list[WeekFollowThrough]) -> FollowThroughSummary:
    target = sum(w.target for w in weeks)
    return FollowThroughSummary(
        this_week=weeks[-1].rate if weeks else 0.0,
        average=sum(w.done for w in weeks) / target if target else 0.0,
        weeks=len(weeks),
        met_weeks=sum(1 for w in weeks if w.met),
    )


@dataclass(frozen=True)
class MonthExchange:
    month: date  # the first day of the month
    gave: int
    asked: int


def monthly_exchange(
    journal: Journal, today: date, months: int = TREND_MONTHS
) -> list[MonthExchange]:
    """Gave and asked interactions per calendar month, oldest first, ending with this month.

    Months before the month of the first interaction are left out (this month always stays);
    interactions logged ahead of today count in their own month. One pass over the journal.
    """
    this_month = month_start(today)
    window = [add_months(this_month, -back) for back in range(months - 1, -1, -1)]
    first_day, last_day = window[0], month_end(this_month)
    counts = {start: [0, 0] for start in window}
    first: date | None = None
    for interaction in journal.interactions:
        day = interaction.on
        if first is None or day < first:
            first = day
        if first_day <= day <= last_day:
            if interaction.exchange == Exchange.gave:
                counts[month_start(day)][0] += 1
            elif interaction.exchange == Exchange.asked:
                counts[month_start(day)][1] += 1
    return [
        MonthExchange(start, *counts[start])
        for start in window
        if start == this_month or (first is not None and month_end(start) >= first)
    ]
