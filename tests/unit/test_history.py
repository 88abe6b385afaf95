"""Honest history (spec 7.1): since, earlier targets, skips, and everything that counts them."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from netplan.domain.due import due_report
from netplan.domain.history import (
    RoutineHistory,
    counting_since,
    retarget_changes,
    target_in_force,
    toggle_skip,
)
from netplan.domain.routines import (
    average_rate,
    best_streak,
    recent_weeks,
    routine_statuses,
    streak,
)
from netplan.domain.trends import follow_through_summary, weekly_follow_through
from netplan.models import EarlierTarget, Period, Plan, Routine, Settings, Skip, WeekStart
from netplan.store import Store, StoreError

TODAY = date(2026, 11, 25)  # a Wednesday, in 2026-W48 (Mon Nov 23 – Sun Nov 29)
WEEK = Routine(id="w", title="Weekly", period=Period.week, target=2)
MONTH = Routine(id="m", title="Monthly", period=Period.month, target=1)


def plan(*routines: Routine, done: dict[date, dict[str, int]] | None = None, **fields) -> Plan:
    return Plan(routines=list(routines or [WEEK]), completions=done or {}, **fields)


def mondays(n: int, before: date = date(2026, 11, 23)) -> list[date]:
    """The n Mondays before `before`, oldest first."""
    return [before - timedelta(weeks=back) for back in range(n, 0, -1)]


def met_weeks(*days: date, routine: str = "w", count: int = 2) -> dict[date, dict[str, int]]:
    return {day: {routine: count} for day in days}


def skip(start: date, end: date, *routines: str, reason: str | None = None) -> Skip:
    return Skip(from_=start, to=end, routines=list(routines) or None, reason=reason)


# --- skips --------------------------------------------------------------------------------


def test_a_skip_across_a_year_end_pauses_the_week_not_the_months() -> None:
    # 2026-W53 runs Mon Dec 28 to Sun Jan 3; met weeks on both sides of it.
    done = met_weeks(date(2026, 12, 21), date(2027, 1, 4)) | {date(2026, 12, 1): {"m": 1}}
    p = plan(WEEK, MONTH, done=done, skips=[skip(date(2026, 12, 28), date(2027, 1, 3))])
    today = date(2027, 1, 6)
    week = RoutineHistory(p, WEEK, today)
    assert week.at(date(2026, 12, 31)).skipped
    assert not week.at(date(2026, 12, 31)).missed
    assert streak(p, WEEK, today) == 2  # through the skipped week
    month = RoutineHistory(p, MONTH, today)
    assert not month.at(date(2026, 12, 31)).skipped  # only 4 of December's days
    assert not month.at(date(2027, 1, 2)).skipped


def test_a_skip_across_a_week_start_change_covers_only_whole_weeks() -> None:
    p = plan(skips=[skip(date(2026, 11, 16), date(2026, 11, 22))])  # Monday to Sunday
    assert RoutineHistory(p, WEEK, TODAY).at(date(2026, 11, 18)).skipped
    sunday = p.model_copy(update={"settings": Settings(week_start=WeekStart.sunday)})
    history = RoutineHistory(sunday, WEEK, TODAY)
    assert not history.at(date(2026, 11, 18)).skipped  # Nov 15–21 starts a day early
    assert not history.at(date(2026, 11, 22)).skipped  # Nov 22–28 has days after it


def test_a_streak_runs_through_a_skip_and_a_skipped_week_is_left_out_of_averages() -> None:
    weeks = mondays(4)  # Oct 26, Nov 2, Nov 9, Nov 16
    done = met_weeks(weeks[0], weeks[1], weeks[3])
    p = plan(done=done, skips=[skip(weeks[2], weeks[2] + timedelta(days=6), "w")])
    assert streak(p, WEEK, TODAY) == 3
    assert best_streak(p, WEEK, TODAY) == 3
    shown = recent_weeks(p, TODAY, 4)
    assert [w.target for w in shown] == [2, 0, 2, 2]  # the skipped week counts nothing
    assert average_rate(shown) == pytest.approx((1 + 1 + 0) / 3)
    trend = weekly_follow_through(p, TODAY)
    assert weeks[2] not in [w.start for w in trend]
    assert follow_through_summary(trend).met_weeks == 3


def test_a_skipped_period_whose_target_was_met_anyway_counts_as_met() -> None:
    weeks = mondays(2)
    p = plan(done=met_weeks(*weeks), skips=[skip(weeks[1], weeks[1] + timedelta(days=6))])
    verdict = RoutineHistory(p, WEEK, TODAY).at(weeks[1])
    assert verdict.skipped and verdict.met and verdict.judged
    assert streak(p, WEEK, TODAY) == 2
    assert recent_weeks(p, TODAY, 2)[0].target == 2


def test_a_skip_for_other_routines_does_not_pause_this_one() -> None:
    weeks = mondays(2)
    p = plan(done=met_weeks(weeks[0]), skips=[skip(weeks[1], weeks[1] + timedelta(days=6), "x")])
    assert not RoutineHistory(p, WEEK, TODAY).at(weeks[1]).skipped
    assert streak(p, WEEK, TODAY) == 0


def test_due_leaves_out_a_skipped_current_period() -> None:
    p = plan(WEEK, MONTH, skips=[skip(date(2026, 11, 23), date(2026, 11, 29), "w")])
    report = due_report(p, _no_people(p), TODAY)
    assert [s.routine.id for s in report.routines] == ["m"]
    (status,) = routine_statuses(p, Period.week, TODAY, TODAY)
    assert status.skipped and not status.pending


def _no_people(p: Plan):
    from netplan.domain.people_index import PeopleIndex
    from netplan.models import ContactBook, Journal

    return PeopleIndex.of(ContactBook(), Journal(), p.settings, TODAY)


def test_z_skips_unskips_and_splits() -> None:
    ids = ["w", "x"]
    week = (date(2026, 11, 23), date(2026, 11, 29))
    skipped = toggle_skip([], ids, "w", *week)
    assert skipped == [skip(*week, "w")]
    assert toggle_skip(skipped, ids, "w", *week) == []
    holiday = skip(date(2026, 11, 16), date(2026, 12, 6), reason="Holiday")  # every routine
    split = toggle_skip([holiday], ids, "w", *week)
    assert [(s.from_, s.to, s.routines, s.reason) for s in split] == [
        (date(2026, 11, 16), date(2026, 11, 22), None, "Holiday"),
        (date(2026, 11, 23), date(2026, 11, 29), ["x"], "Holiday"),  # still paused for x
        (date(2026, 11, 30), date(2026, 12, 6), None, "Holiday"),
    ]


# --- since and earlier targets -----------------------------------------------------------


def test_a_routine_with_since_mid_week_counts_from_that_week() -> None:
    since = date(2026, 11, 18)  # a Wednesday
    late = WEEK.model_copy(update={"since": since})
    p = plan(late, done=met_weeks(date(2026, 11, 16), date(2026, 11, 9), count=1))
    history = RoutineHistory(p, late, TODAY)
    assert history.at(date(2026, 11, 16)).counted  # the week ends after since
    assert not history.at(date(2026, 11, 15)).counted
    assert not history.at(date(2026, 11, 15)).missed
    assert [w.target for w in recent_weeks(p, TODAY, 3)] == [0, 2, 2]
    assert average_rate(recent_weeks(p, TODAY, 3)) == pytest.approx(0.25)


def test_without_since_a_routine_counts_from_its_first_completion_or_now() -> None:
    p = plan(done={date(2026, 11, 4): {"w": 1}})
    assert counting_since(p, WEEK, TODAY) == date(2026, 11, 2)
    assert counting_since(plan(), WEEK, TODAY) == date(2026, 11, 23)
    # a routine added today misses nothing before today
    assert [w.target for w in recent_weeks(plan(), TODAY, 3)] == [0, 0, 2]


def test_a_target_change_mid_month_keeps_the_old_target_for_earlier_months() -> None:
    p = plan(MONTH, done={date(2026, 10, 12): {"m": 1}, date(2026, 11, 3): {"m": 1}})
    changes = retarget_changes(p, MONTH, 2, date(2026, 11, 15))
    assert changes == {"target": 2, "earlier": [EarlierTarget(until=date(2026, 10, 31), target=1)]}
    raised = MONTH.model_copy(update=changes)
    p = plan(raised, done=p.completions)
    history = RoutineHistory(p, raised, date(2026, 11, 15))
    assert history.at(date(2026, 10, 1)).target == 1 and history.at(date(2026, 10, 1)).met
    assert history.at(date(2026, 11, 1)).target == 2 and not history.at(date(2026, 11, 1)).met
    # no older completions: nothing to keep
    assert retarget_changes(plan(MONTH), MONTH, 2, date(2026, 11, 15)) == {"target": 2}


def test_the_first_earlier_entry_on_or_after_the_period_end_is_in_force() -> None:
    earlier = [
        EarlierTarget(until=date(2026, 11, 8), target=3),
        EarlierTarget(until=date(2026, 11, 1), target=1),
    ]
    assert target_in_force(5, earlier, date(2026, 11, 1)) == 1
    assert target_in_force(5, earlier, date(2026, 11, 8)) == 3
    assert target_in_force(5, earlier, date(2026, 11, 15)) == 5


def test_raising_a_target_keeps_the_streak() -> None:
    weeks = mondays(4)
    p = plan(done=met_weeks(*weeks))
    before = streak(p, WEEK, TODAY)
    raised = WEEK.model_copy(update=retarget_changes(p, WEEK, 3, TODAY))
    assert streak(plan(raised, done=p.completions), raised, TODAY) == before == 4


# --- refused on load ---------------------------------------------------------------------

ROUTINE = b'[[routines]]\nid = "a"\ntitle = "A"\nperiod = "week"\ntarget = 1\n'
REFUSED = {
    "skip to before from": (
        ROUTINE + b"[[skips]]\nfrom = 2026-12-21\nto = 2026-12-20\n",
        r'plan\.toml, line 7: skip 1, field "to": must not be before from \(2026-12-21\)',
    ),
    "skip of an unknown routine": (
        ROUTINE + b'[[skips]]\nfrom = 2026-12-21\nto = 2026-12-22\nroutines = ["nope"]\n',
        r'plan\.toml: skip 1 \(from 2026-12-21\), field "routines": no routine has the id "nope"',
    ),
    "earlier without until": (
        ROUTINE + b"earlier = [{ target = 2 }]\n",
        r'plan\.toml, line 2: routine 1 \(id "a"\), field "earlier\.0\.until": required',
    ),
    "earlier target below 1": (
        ROUTINE + b"earlier = [{ until = 2026-11-01, target = 0 }]\n",
        r'routine 1 \(id "a"\), field "earlier\.0\.target": .*greater than or equal to 1',
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_bad_history_is_refused_on_load_naming_file_entry_and_field(
    tmp_path: Path, case: str
) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    content, pattern = REFUSED[case]
    (store.folder / "plan.toml").write_bytes(b"schema_version = 1\n" + content)
    before = {p.name: p.read_bytes() for p in store.folder.iterdir() if p.is_file()}
    with pytest.raises(StoreError) as raised:
        Store(store.folder).load()
    assert any(re.search(pattern, p) for p in raised.value.problems), raised.value.problems
    assert {p.name: p.read_bytes() for p in store.folder.iterdir() if p.is_file()} == before


def test_history_round_trips_through_the_store(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    loaded = store.load()
    routine = WEEK.model_copy(
        update={
            "since": date(2026, 9, 1),
            "earlier": [EarlierTarget(until=date(2026, 11, 1), target=1)],
        }
    )
    new = loaded.plan.model_copy(
        update={
            "routines": [routine],
            "skips": [skip(date(2026, 12, 21), date(2027, 1, 3), "w", reason="Holidays")],
        }
    )
    store.save(plan=new)
    text = (store.folder / "plan.toml").read_text()
    assert "earlier = [{ until = 2026-11-01, target = 1 }]" in text
    assert (
        '[[skips]]\nfrom = 2026-12-21\nto = 2027-01-03\nreason = "Holidays"\nroutines = ["w"]'
        in text
    )
    assert Store(store.folder).load().plan == new


def test_a_save_of_new_skips_and_earlier_targets_is_surgical(tmp_path: Path) -> None:
    store = Store(tmp_path / "s")
    store.ensure()
    path = store.folder / "plan.toml"
    path.write_text("# my plan\n" + path.read_text().replace("target = 3", "target = 3  # posts"))
    plan = Store(store.folder).load().plan
    first = plan.routines[0]
    changes = {"target": 4, "earlier": [EarlierTarget(until=date(2026, 11, 22), target=3)]}
    routines = [first.model_copy(update=changes), *plan.routines[1:]]
    holiday = skip(date(2026, 12, 21), date(2027, 1, 3), reason="Holidays")
    store = Store(store.folder)
    store.load()
    store.save(plan=plan.model_copy(update={"routines": routines, "skips": [holiday]}))
    text = path.read_text()
    assert text.startswith("# my plan\n")
    assert "earlier = [{ until = 2026-11-22, target = 3 }]" in text
    assert text.endswith('[[skips]]\nfrom = 2026-12-21\nto = 2027-01-03\nreason = "Holidays"\n')
