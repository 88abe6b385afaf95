"""The demo's check-offs: twelve weeks of routines, mostly met, a few misses, this week begun."""

from __future__ import annotations

import random
from datetime import date, timedelta

from netplan.domain.periods import add_months, month_end, month_start, week_start_of
from netplan.models import Period, Routine, WeekStart

WEEKS = 12  # how far back the demo journal and check-offs go, counting the current week
HOLIDAY_BACK = 6  # the week, counted back from the current one, skipped as a holiday


def holiday_week(today: date) -> tuple[date, date]:
    """The demo's skipped holiday week (Monday to Sunday): nothing checked off, no streak lost."""
    monday = week_start_of(today, WeekStart.monday) - timedelta(weeks=HOLIDAY_BACK)
    return monday, monday + timedelta(days=6)


def _days_between(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def completions_for(
    rng: random.Random, today: date, routines: list[Routine]
) -> dict[date, dict[str, int]]:
    """Check-offs for the last 12 weeks: mostly met, a few misses, the current week begun."""
    counts: dict[date, dict[str, int]] = {}

    def add(day: date, routine: str, n: int = 1) -> None:
        per_day = counts.setdefault(day, {})
        per_day[routine] = per_day.get(routine, 0) + n

    this_week = week_start_of(today, WeekStart.monday)
    start = this_week - timedelta(weeks=WEEKS - 1)
    # weeks back (1 = last week) -> how many done, where it differs from the target
    weekly_misses = {
        "engage-posts": {5: 2, 9: 1},  # a 4-week streak now
        "connect-people": {8: 1},  # a 6-week streak now, through the holiday week
        "share-resource": {3: 0, 10: 0},  # a 2-week streak, and 6 weeks before
        "thank-publicly": {2: 0, 6: 0, 7: 0, 11: 0},
    }
    weekly = [r for r in routines if r.period == Period.week]
    for back in range(WEEKS - 1, 0, -1):
        days = _days_between(this_week - timedelta(weeks=back), this_week - timedelta(days=1))[:7]
        for routine in weekly:
            done = weekly_misses.get(routine.id, {}).get(back, routine.target)
            if done == routine.target and rng.random() < 0.2:
                done += 1  # a good week
            chosen = sorted(rng.choices(days, k=done))  # drawn anyway: the rest stays the same
            if back == HOLIDAY_BACK or (routine.since is not None and days[0] < routine.since):
                continue  # on holiday (see holiday_week), or not started yet
            for day in chosen:
                add(day, routine.id)
    # the current week: begun, not finished
    so_far = _days_between(this_week, today)
    add(so_far[0], "engage-posts")
    if len(so_far) >= 3:
        add(so_far[1], "connect-people")
    if len(so_far) >= 5:
        add(so_far[3], "share-resource")

    # months back (1 = last month) that were missed
    monthly_misses = {"write-article": {2}}
    month = today.replace(day=1)
    back = 1
    while month_end(add_months(month_start(month), -back)) >= start:
        first = max(add_months(month_start(month), -back), start)
        days = _days_between(first, month_end(first))
        for routine in routines:
            if routine.period != Period.month or back in monthly_misses.get(routine.id, set()):
                continue
            add(rng.choice(days), routine.id, routine.target)
        back += 1
    if today.day >= 3:
        add(today.replace(day=2), "review-contacts")
    if today.day >= 8:
        add(today.replace(day=7), "write-article")
    return {day: counts[day] for day in sorted(counts)}
