from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

from factories import D, interaction, journal, plan, routine

from netplan.domain.routines import WeekFollowThrough, week_follow_through
from netplan.domain.trends import (
    FollowThroughSummary,
    MonthExchange,
    follow_through_summary,
    monthly_exchange,
    weekly_follow_through,
)

TODAY = D("2026-11-25")  # a Wednesday; its Monday-week is Nov 23–29


def _routines():
    return (
        routine("engage-posts", "week", 3),
        routine("connect-people", "week", 2),
        routine("write-article", "month", 1),  # monthly: not part of the weekly follow-through
        routine("old", "week", 5, archived=True),  # archived: not counted
    )


# --- one week ----------------------------------------------------------------------------


def test_week_caps_each_routine_at_its_target() -> None:
    p = plan(
        *_routines(),
        completions={
            "2026-11-23": {"engage-posts": 5, "write-article": 1, "old": 5},
            "2026-11-29": {"connect-people": 1},
            "2026-11-30": {"connect-people": 1},  # next week
        },
    )
    week = week_follow_through(p, TODAY)
    assert week == WeekFollowThrough(D("2026-11-23"), done=4, target=5)
    assert week.rate == 0.8
    assert not week.met


def test_week_follows_the_week_start() -> None:
    completions = {"2026-11-22": {"engage-posts": 3}, "2026-11-28": {"connect-people": 2}}
    sunday = week_follow_through(
        plan(*_routines(), completions=completions, week_start="sunday"), TODAY
    )
    assert sunday == WeekFollowThrough(D("2026-11-22"), done=5, target=5)
    assert sunday.met
    monday = week_follow_through(plan(*_routines(), completions=completions), TODAY)
    assert monday.done == 2


def test_week_without_weekly_routines() -> None:
    week = week_follow_through(plan(routine("write-article", "month", 1)), TODAY)
    assert (week.done, week.target, week.rate, week.met) == (0, 0, 0.0, False)


# --- 26 weeks ----------------------------------------------------------------------------


def test_last_26_weeks_oldest_first_ending_with_this_week() -> None:
    first = D("2026-05-01")  # well before the window
    p = plan(*_routines(), completions={first: {"engage-posts": 1}, TODAY: {"engage-posts": 3}})
    weeks = weekly_follow_through(p, TODAY)
    assert len(weeks) == 26
    assert weeks[-1].start == D("2026-11-23")
    assert weeks[0].start == D("2026-11-23") - timedelta(weeks=25)
    assert all(b.start - a.start == timedelta(days=7) for a, b in pairwise(weeks))
    assert weeks[-1].done == 3
    assert sum(w.done for w in weeks[:-1]) == 0


def test_weeks_before_the_first_completion_are_left_out() -> None:
    p = plan(*_routines(), completions={"2026-11-12": {"connect-people": 2}})
    weeks = weekly_follow_through(p, TODAY)
    assert [w.start for w in weeks] == [D("2026-11-09"), D("2026-11-16"), D("2026-11-23")]
    assert [w.done for w in weeks] == [2, 0, 0]


def test_no_completions_at_all_keeps_the_current_week() -> None:
    weeks = weekly_follow_through(plan(*_routines()), TODAY)
    assert weeks == [WeekFollowThrough(D("2026-11-23"), 0, 5)]


def test_summary_of_the_weeks() -> None:
    weeks = [
        WeekFollowThrough(D("2026-11-09"), 5, 5),
        WeekFollowThrough(D("2026-11-16"), 3, 5),
        WeekFollowThrough(D("2026-11-23"), 1, 5),
    ]
    summary = follow_through_summary(weeks)
    assert summary == FollowThroughSummary(this_week=0.2, average=0.6, weeks=3, met_weeks=1)
    assert follow_through_summary([]) == FollowThroughSummary(0.0, 0.0, 0, 0)


# --- gave vs asked per month -------------------------------------------------------------


def test_gave_and_asked_per_month_for_six_months() -> None:
    log = journal(
        interaction("a", "2026-05-31", exchange="gave"),  # before the window
        interaction("a", "2026-06-01", exchange="gave"),
        interaction("a", "2026-06-30", exchange="asked"),
        interaction("b", "2026-09-10", exchange="neutral"),
        interaction("b", "2026-11-01", exchange="gave"),
        interaction("b", "2026-11-30", exchange="gave"),  # ahead of today, still this month
    )
    months = monthly_exchange(log, TODAY)
    assert [m.month for m in months] == [date(2026, m, 1) for m in range(6, 12)]
    assert months[0] == MonthExchange(D("2026-06-01"), gave=1, asked=1)
    assert months[3] == MonthExchange(D("2026-09-01"), gave=0, asked=0)  # neutral only
    assert months[-1] == MonthExchange(D("2026-11-01"), gave=2, asked=0)


def test_months_cross_the_new_year_and_start_at_the_first_interaction() -> None:
    log = journal(interaction("a", "2026-12-05", exchange="asked"))
    months = monthly_exchange(log, D("2027-02-10"))
    assert [m.month for m in months] == [D("2026-12-01"), D("2027-01-01"), D("2027-02-01")]
    assert [(m.gave, m.asked) for m in months] == [(0, 1), (0, 0), (0, 0)]


def test_an_empty_journal_keeps_this_month() -> None:
    assert monthly_exchange(journal(), TODAY) == [MonthExchange(D("2026-11-01"), 0, 0)]
