from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import pytest
from factories import D, plan, routine
from hypothesis import given
from hypothesis import strategies as st

from netplan.domain.lookup import AmbiguousError, NotFoundError
from netplan.domain.routines import (
    RoutineStatus,
    add_completions,
    best_streak,
    count_between,
    done_in_period,
    find_routine,
    recent_week_rates,
    routine_statuses,
    streak,
    week_follow_through,
)
from netplan.models import Period, Plan, Routine


def weekly(target: int = 1, **fields: Any) -> Routine:
    return routine("engage-posts", Period.week, target, **fields)


def monthly(target: int = 1, **fields: Any) -> Routine:
    return routine("write-article", Period.month, target, **fields)


# --- counting ----------------------------------------------------------------------------


def test_count_between_is_inclusive_and_per_routine() -> None:
    p = plan(
        weekly(),
        monthly(),
        completions={
            "2026-11-22": {"engage-posts": 5},
            "2026-11-23": {"engage-posts": 2, "write-article": 1},
            "2026-11-29": {"engage-posts": 1},
            "2026-11-30": {"engage-posts": 7},
        },
    )
    assert count_between(p, "engage-posts", D("2026-11-23"), D("2026-11-29")) == 3
    assert count_between(p, "write-article", D("2026-11-23"), D("2026-11-29")) == 1
    assert count_between(p, "engage-posts", D("2026-11-29"), D("2026-11-23")) == 0
    assert count_between(p, "engage-posts", D("2000-01-01"), D("2100-01-01")) == 15
    assert count_between(p, "nope", D("2000-01-01"), D("2100-01-01")) == 0


def test_done_in_period_uses_week_start() -> None:
    completions = {"2026-11-22": {"engage-posts": 1}, "2026-11-25": {"engage-posts": 1}}
    monday = plan(weekly(), completions=completions)
    sunday = plan(weekly(), completions=completions, week_start="sunday")
    r = monday.routines[0]
    assert done_in_period(monday, r, D("2026-11-25")) == 1  # Sunday 22nd is last week
    assert done_in_period(sunday, r, D("2026-11-25")) == 2


def test_month_routine_counts_by_month_of_the_day_across_a_split_week() -> None:
    # Week 2026-W49 runs Mon Nov 30 to Sun Dec 6: its days count in their own months.
    p = plan(
        monthly(target=2),
        completions={"2026-11-30": {"write-article": 1}, "2026-12-01": {"write-article": 2}},
    )
    r = p.routines[0]
    assert done_in_period(p, r, D("2026-11-03")) == 1
    assert done_in_period(p, r, D("2026-12-31")) == 2
    [nov] = routine_statuses(p, Period.month, D("2026-11-15"), D("2026-12-02"))
    [dec] = routine_statuses(p, Period.month, D("2026-12-15"), D("2026-12-02"))
    assert (nov.done, nov.met) == (1, False)
    assert (dec.done, dec.met) == (2, True)


def test_leap_day_completions() -> None:
    p = plan(
        monthly(),
        weekly(),
        completions={"2028-02-29": {"write-article": 1, "engage-posts": 1}},
    )
    assert done_in_period(p, p.routines[0], D("2028-02-01")) == 1
    assert done_in_period(p, p.routines[0], D("2028-03-01")) == 0
    # Tue Feb 29 2028 sits in the week Feb 28 - Mar 5.
    assert done_in_period(p, p.routines[1], D("2028-03-05")) == 1
    assert streak(p, p.routines[0], D("2028-03-10")) == 1


# --- streaks -----------------------------------------------------------------------------


def _weekly_plan(days: list[str], target: int = 1, week_start: str = "monday") -> Plan:
    return plan(
        weekly(target),
        completions={d: {"engage-posts": 1} for d in days},
        week_start=week_start,
    )


def test_streak_current_week_not_met_counts_previous_weeks() -> None:
    p = _weekly_plan(["2026-11-02", "2026-11-09", "2026-11-16"])
    assert streak(p, p.routines[0], D("2026-11-25")) == 3


def test_streak_current_week_met_adds_one() -> None:
    p = _weekly_plan(["2026-11-02", "2026-11-09", "2026-11-16", "2026-11-24"])
    assert streak(p, p.routines[0], D("2026-11-25")) == 4


def test_streak_broken_by_last_complete_week() -> None:
    # Nothing in the week of Nov 16: the streak ended, only the current week counts.
    p = _weekly_plan(["2026-11-02", "2026-11-09", "2026-11-24"])
    assert streak(p, p.routines[0], D("2026-11-25")) == 1
    p = _weekly_plan(["2026-11-02", "2026-11-09"])
    assert streak(p, p.routines[0], D("2026-11-25")) == 0


def test_streak_needs_the_target() -> None:
    p = plan(
        weekly(target=3),
        completions={
            "2026-11-09": {"engage-posts": 3},
            "2026-11-16": {"engage-posts": 1},
            "2026-11-18": {"engage-posts": 2},
            "2026-11-24": {"engage-posts": 2},
        },
    )
    assert streak(p, p.routines[0], D("2026-11-25")) == 2


def test_streak_across_year_end_weekly() -> None:
    p = _weekly_plan(["2026-12-21", "2026-12-28", "2027-01-05", "2027-01-12"])
    assert streak(p, p.routines[0], D("2027-01-14")) == 4
    assert streak(p, p.routines[0], D("2027-01-20")) == 4  # current week still open


def test_streak_sunday_week_start() -> None:
    # Sundays open the weeks: Nov 15, Nov 22 (current is Nov 29 - Dec 5).
    p = _weekly_plan(["2026-11-15", "2026-11-22"], week_start="sunday")
    assert streak(p, p.routines[0], D("2026-12-01")) == 2
    # With a Monday start both Sundays fall in different weeks: W46 and W47, still 2,
    # but from Wednesday Dec 2 the last complete week (W48) is empty.
    p = _weekly_plan(["2026-11-15", "2026-11-22"])
    assert streak(p, p.routines[0], D("2026-12-02")) == 0
    # Sunday-start weeks over the year end.
    p = _weekly_plan(["2026-12-20", "2026-12-27", "2027-01-03"], week_start="sunday")
    assert streak(p, p.routines[0], D("2027-01-06")) == 3


def test_streak_across_year_end_monthly() -> None:
    p = plan(
        monthly(),
        completions={
            "2026-10-31": {"write-article": 1},
            "2026-11-01": {"write-article": 1},
            "2026-12-31": {"write-article": 1},
        },
    )
    r = p.routines[0]
    assert streak(p, r, D("2027-01-15")) == 3
    assert streak(p, r, D("2027-02-01")) == 0  # January was missed
    p2 = add_completions(p, "write-article", D("2027-01-02"), 1)
    assert streak(p2, r, D("2027-01-15")) == 4


def test_streak_monthly_on_the_31st_then_short_month() -> None:
    p = plan(
        monthly(),
        completions={"2027-01-31": {"write-article": 1}, "2027-02-28": {"write-article": 1}},
    )
    assert streak(p, p.routines[0], D("2027-03-31")) == 2


def test_streak_ignores_future_periods_and_terminates_fast() -> None:
    start = D("1990-01-01")
    days = {
        start + timedelta(days=7 * i): {"engage-posts": 1} for i in range(2000)
    }  # about 38 years of weekly completions
    p = plan(weekly(), completions=days)
    today = start + timedelta(days=7 * 1999)
    began = time.perf_counter()
    assert streak(p, p.routines[0], today) == 2000
    assert best_streak(p, p.routines[0], today) == 2000
    assert time.perf_counter() - began < 2
    # Far in the future with nothing since: zero, and still quick.
    assert streak(p, p.routines[0], D("9999-06-01")) == 0


def test_streak_with_completions_at_the_start_of_the_calendar() -> None:
    p = _weekly_plan(["0001-01-01", "0001-01-08"])
    assert streak(p, p.routines[0], D("0001-01-10")) == 2
    assert best_streak(p, p.routines[0], D("0001-01-10")) == 2


def test_best_streak() -> None:
    p = _weekly_plan(
        ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-12", "2026-10-19"]
    )
    r = p.routines[0]
    assert best_streak(p, r, D("2026-11-25")) == 4
    assert streak(p, r, D("2026-11-25")) == 0
    # Only periods up to today count.
    assert best_streak(p, r, D("2026-09-15")) == 2


def test_best_streak_counts_current_only_when_met() -> None:
    p = plan(
        weekly(target=2),
        completions={
            "2026-11-09": {"engage-posts": 2},
            "2026-11-16": {"engage-posts": 2},
            "2026-11-23": {"engage-posts": 1},
        },
    )
    r = p.routines[0]
    assert best_streak(p, r, D("2026-11-25")) == 2
    p = add_completions(p, "engage-posts", D("2026-11-25"), 1)
    assert best_streak(p, r, D("2026-11-25")) == 3
    assert streak(p, r, D("2026-11-25")) == 3


def test_best_streak_monthly_across_year_end() -> None:
    p = plan(
        monthly(),
        completions={
            "2026-11-30": {"write-article": 1},
            "2026-12-01": {"write-article": 1},
            "2027-01-31": {"write-article": 1},
            "2027-03-01": {"write-article": 1},
        },
    )
    assert best_streak(p, p.routines[0], D("2027-03-02")) == 3


# --- statuses ----------------------------------------------------------------------------


def test_routine_statuses() -> None:
    p = plan(
        routine("a", "week", 2),
        routine("b", "month", 1),
        routine("c", "week", 1, archived=True),
        routine("d", "week", 1),
        completions={"2026-11-16": {"a": 2, "d": 1}, "2026-11-24": {"a": 1, "b": 1, "c": 1}},
    )
    statuses = routine_statuses(p, Period.week, D("2026-11-25"), D("2026-11-25"))
    assert [s.routine.id for s in statuses] == ["a", "d"]
    a, d = statuses
    assert a == RoutineStatus(p.routines[0], done=1, target=2, met=False, streak=1, best=1)
    assert (d.done, d.met, d.streak, d.best) == (0, False, 1, 1)
    # Looking at last week: streak and best stay relative to today.
    [a_last, _] = routine_statuses(p, Period.week, D("2026-11-18"), D("2026-11-25"))
    assert (a_last.done, a_last.met, a_last.streak) == (2, True, 1)
    [b] = routine_statuses(p, Period.month, D("2026-11-25"), D("2026-11-25"))
    assert (b.done, b.met, b.streak, b.best) == (1, True, 1, 1)


# --- check-offs --------------------------------------------------------------------------


def test_add_completions_returns_new_plan_without_mutating() -> None:
    p = plan(weekly(), monthly(), completions={"2026-11-23": {"engage-posts": 2}})
    before = p.model_dump()
    p2 = add_completions(p, "engage-posts", D("2026-11-23"), 1)
    p3 = add_completions(p2, "write-article", D("2026-11-24"), 2)
    assert p.model_dump() == before
    assert p2.completions == {D("2026-11-23"): {"engage-posts": 3}}
    assert p3.completions == {
        D("2026-11-23"): {"engage-posts": 3},
        D("2026-11-24"): {"write-article": 2},
    }
    assert p2.completions == {D("2026-11-23"): {"engage-posts": 3}}
    assert p3 is not p2 and p3.routines == p.routines


def test_add_completions_never_negative_and_drops_empty_keys() -> None:
    p = plan(
        weekly(),
        monthly(),
        completions={"2026-11-23": {"engage-posts": 2, "write-article": 1}},
    )
    p2 = add_completions(p, "engage-posts", D("2026-11-23"), -5)
    assert p2.completions == {D("2026-11-23"): {"write-article": 1}}
    p3 = add_completions(p2, "write-article", D("2026-11-23"), -1)
    assert p3.completions == {}
    # Removing where there is nothing is a no-op, not a negative count or an empty day.
    p4 = add_completions(p3, "write-article", D("2026-11-30"), -1)
    assert p4.completions == {}
    assert p.completions == {D("2026-11-23"): {"engage-posts": 2, "write-article": 1}}


def test_add_completions_keeps_days_sorted_and_validates_routine() -> None:
    p = plan(weekly(), completions={"2026-11-25": {"engage-posts": 1}})
    p = add_completions(p, "engage-posts", D("2026-11-20"), 1)
    assert list(p.completions) == [D("2026-11-20"), D("2026-11-25")]
    with pytest.raises(KeyError):
        add_completions(p, "nope", D("2026-11-20"), 1)


def test_add_completions_on_archived_routine_is_allowed() -> None:
    p = plan(weekly(archived=True))
    assert add_completions(p, "engage-posts", D("2026-11-20"), 1).completions


@given(st.lists(st.tuples(st.integers(0, 6), st.integers(-3, 3)), max_size=30))
def test_add_completions_matches_a_clamped_running_total(steps: list[tuple[int, int]]) -> None:
    p = plan(weekly())
    expected: dict[date, int] = {}
    for offset, delta in steps:
        day = D("2026-11-23") + timedelta(days=offset)
        previous = p
        snapshot = previous.model_dump()
        p = add_completions(p, "engage-posts", day, delta)
        assert previous.model_dump() == snapshot
        expected[day] = max(0, expected.get(day, 0) + delta)
    assert p.completions == {d: {"engage-posts": n} for d, n in sorted(expected.items()) if n}
    assert all(n > 0 for counts in p.completions.values() for n in counts.values())


# --- rates -------------------------------------------------------------------------------


def test_week_completion_rate() -> None:
    p = plan(
        routine("a", "week", 3),
        routine("b", "week", 1),
        routine("m", "month", 5),
        routine("z", "week", 10, archived=True),
        completions={"2026-11-24": {"a": 1, "b": 4, "m": 5, "z": 10}},
    )
    # min(1,3) + min(4,1) over 3 + 1: extra completions and other routines do not count.
    assert week_follow_through(p, D("2026-11-25")).rate == pytest.approx(2 / 4)
    assert week_follow_through(p, D("2026-11-18")).rate == 0.0
    assert week_follow_through(plan(routine("m", "month", 1)), D("2026-11-25")).rate == 0.0


def test_recent_week_rates() -> None:
    p = plan(
        routine("a", "week", 2),
        completions={"2026-11-24": {"a": 2}, "2026-11-10": {"a": 1}, "2026-09-01": {"a": 2}},
    )
    rates = recent_week_rates(p, D("2026-11-25"), weeks=4)
    assert rates == [0.0, 0.5, 0.0, 1.0]
    assert len(recent_week_rates(p, D("2026-11-25"))) == 12
    assert recent_week_rates(p, D("2026-11-25"), weeks=0) == []


# --- lookup ------------------------------------------------------------------------------


def _lookup_plan() -> Plan:
    return plan(
        routine("engage-posts", title="Engage with posts"),
        routine("connect-people", title="Connect with new people"),
        routine("share-resource", title="Share a useful resource"),
        routine("write-article", "month", title="Write an industry article"),
        routine("attend-event", "month", title="Attend an industry event"),
        routine("old", title="Connect old friends", archived=True),
    )


def test_find_routine_by_id_and_prefix() -> None:
    p = _lookup_plan()
    assert find_routine(p, "engage-posts").id == "engage-posts"
    assert find_routine(p, "engage").id == "engage-posts"
    assert find_routine(p, "CONNECT").id == "connect-people"  # archived "Connect old…" hidden
    assert find_routine(p, "share-").id == "share-resource"
    assert find_routine(p, "att").id == "attend-event"
    assert find_routine(p, "old").id == "old"  # exact id reaches an archived routine


def test_find_routine_ambiguous_and_not_found() -> None:
    p = _lookup_plan()
    p = p.model_copy(
        update={"routines": [*p.routines, routine("event-recap", title="Write an event recap")]}
    )
    with pytest.raises(AmbiguousError) as ambiguous:
        find_routine(p, "write")  # two titles
    assert [r.id for r in ambiguous.value.candidates] == ["write-article", "event-recap"]
    assert isinstance(ambiguous.value, LookupError)
    with pytest.raises(AmbiguousError) as ambiguous:
        find_routine(p, "E")  # an id prefix and a title prefix
    assert [r.id for r in ambiguous.value.candidates] == ["engage-posts", "event-recap"]
    with pytest.raises(NotFoundError) as missing:
        find_routine(p, "zzz")
    assert [r.id for r in missing.value.candidates] == [
        "engage-posts",
        "connect-people",
        "share-resource",
        "write-article",
        "attend-event",
        "event-recap",
    ]
    assert missing.value.query == "zzz"
    assert "zzz" in str(missing.value)
    with pytest.raises(NotFoundError):
        find_routine(p, "   ")


def test_find_routine_exact_title_beats_longer_titles() -> None:
    p = plan(routine("call", title="Call"), routine("call-mom", title="Call mom"))
    assert find_routine(p, "CALL").id == "call"
    assert find_routine(p, "call m").id == "call-mom"
    with pytest.raises(AmbiguousError):
        find_routine(p, "ca")
