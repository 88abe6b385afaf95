"""Imported activity counts for routines (spec 7.3): grids, streaks, `due`, goals, trends."""

from __future__ import annotations

import io
import time
from datetime import date, timedelta
from pathlib import Path

from netplan.cli import main
from netplan.domain.activity import activity_index, describe
from netplan.domain.due import due_json, due_report
from netplan.domain.goals import goal_progress
from netplan.domain.history import RoutineHistory, evidence_between, evidence_days
from netplan.domain.people_index import PeopleIndex
from netplan.domain.routines import (
    count_between,
    done_in_period,
    recent_week_rates,
    routine_statuses,
    streak,
)
from netplan.domain.trends import weekly_follow_through
from netplan.models import Event, Period, Skip
from netplan.store import Store
from tests.factories import activity, activity_log, book, goal, journal, plan, routine

TODAY = date(2026, 11, 25)  # a Wednesday: 2026-W48 runs Mon Nov 23 – Sun Nov 29
MONDAY = date(2026, 11, 23)
ENGAGE = routine("engage-posts", target=2, since=date(2026, 11, 2))


def comments(*days: str, kind: str = "comment"):
    return [activity(kind, day, text=f"note {day}") for day in days]


def status(p, log, period=Period.week, day=TODAY):
    return routine_statuses(p, period, day, TODAY, log)[0]


# --- the index ----------------------------------------------------------------------------


def test_the_index_is_built_once_per_log_and_groups_by_key_and_day() -> None:
    log = activity_log(*comments("2026-11-23", "2026-11-23"), activity("share", "2026-11-20"))
    index = activity_index(log)
    assert index is activity_index(log)  # same object: not walked again
    assert activity_index(activity_log(*log.activity)) is not index  # another log, its own
    assert index.day_counts["linkedin:comment"] == {MONDAY: 2}
    assert index.keys == ("linkedin:comment", "linkedin:share")
    assert activity_index(None) is None


def test_twenty_thousand_items_are_walked_once_not_per_routine() -> None:
    start = date(2024, 1, 1)
    items = [
        activity(("comment", "reaction", "share")[n % 3], start + timedelta(days=n % 1000))
        for n in range(20_000)
    ]
    log = activity_log(*items)
    routines = [ENGAGE, routine("share-resource", target=1, since=start)]
    p = plan(*routines)
    activity_index(log)
    began = time.perf_counter()
    for _ in range(20):  # twenty repaints of two routines
        for r in routines:
            RoutineHistory(p, r, TODAY, activity=log).at(TODAY)
    assert time.perf_counter() - began < 1.0


def test_describe_names_the_kind_and_quotes_the_text() -> None:
    assert describe(activity("reaction", "2026-11-23")) == "reaction"
    long = activity("comment", "2026-11-23", text="Great point about data contracts " * 3)
    assert describe(long).startswith("comment “Great point")
    assert describe(long).endswith("…”")


# --- what counts ----------------------------------------------------------------------------


def test_a_week_met_only_by_activity_is_met_and_due_and_streak_agree() -> None:
    p = plan(ENGAGE)
    log = activity_log(*comments("2026-11-23"), activity("reaction", "2026-11-24"))
    before = status(p, None)
    assert (before.done, before.met) == (0, False)
    after = status(p, log)
    assert (after.done, after.met, after.evidence, after.activity) == (2, True, 2, 2)
    assert after.streak == 1
    assert streak(p, ENGAGE, TODAY, log) == 1
    people = PeopleIndex.of(book(), journal(), p.settings, TODAY)
    assert [s.routine.id for s in due_report(p, people, TODAY).routines] == ["engage-posts"]
    report = due_report(p, people, TODAY, activity=log)
    assert report.routines == []
    assert set(due_json(report)) == {"today", "followups", "milestones", "routines", "promises"}


def test_check_offs_and_activity_add_up() -> None:
    p = plan(ENGAGE, completions={"2026-11-24": {"engage-posts": 1}})
    log = activity_log(*comments("2026-11-23"))
    assert status(p, log).done == 2
    assert count_between(p, "engage-posts", MONDAY, MONDAY, TODAY, log) == 1
    assert count_between(p, "engage-posts", MONDAY, MONDAY + timedelta(6), TODAY, log) == 2
    assert done_in_period(p, ENGAGE, TODAY, TODAY, log) == 2
    assert done_in_period(p, ENGAGE, TODAY, TODAY) == 1


def test_only_the_routines_counts_count() -> None:
    log = activity_log(*comments("2026-11-23", "2026-11-24"), activity("share", "2026-11-23"))
    own = routine("engage-posts", target=1, since=date(2026, 11, 2), counts=["linkedin:share"])
    assert status(plan(own), log).done == 1
    nothing = routine("engage-posts", target=1, since=date(2026, 11, 2), counts=[])
    assert status(plan(nothing), log).done == 0
    other = routine("call-people", target=1, since=date(2026, 11, 2))  # no default for its id
    assert status(plan(other), log).done == 0
    platform = activity("comment", "2026-11-23", platform="Mastodon")
    custom = routine("x", target=1, since=date(2026, 11, 2), counts=["mastodon:comment"])
    assert status(plan(custom), activity_log(platform)).done == 1


def test_activity_after_today_does_not_count() -> None:
    log = activity_log(*comments("2026-11-23", "2026-11-27"))
    assert status(plan(ENGAGE), log).done == 1
    assert evidence_days(plan(ENGAGE), ENGAGE, TODAY, log) == {MONDAY: 1}


def test_activity_before_since_is_not_counted_and_does_not_set_since() -> None:
    # Two met weeks of activity before `since`: those weeks are not counted at all.
    since = routine("engage-posts", target=2, since=MONDAY)
    log = activity_log(*comments("2026-11-16", "2026-11-17", "2026-11-09", "2026-11-10"))
    p = plan(since)
    history = RoutineHistory(p, since, TODAY, activity=log)
    assert not history.at(date(2026, 11, 16)).counted
    assert streak(p, since, TODAY, log) == 0
    # Without `since` and without check-offs, it counts from the current week: activity
    # in earlier weeks does not move its start back.
    bare = routine("engage-posts", target=2)
    history = RoutineHistory(plan(bare), bare, TODAY, activity=log)
    assert history.since == MONDAY
    assert list(history.back_from(TODAY))[-1].start == MONDAY


def test_streaks_count_weeks_met_by_activity() -> None:
    log = activity_log(*comments("2026-11-09", "2026-11-10", "2026-11-16", "2026-11-17"))
    p = plan(ENGAGE)
    history = RoutineHistory(p, ENGAGE, TODAY, activity=log)
    assert history.streaks() == (2, 2)
    assert RoutineHistory(p, ENGAGE, TODAY).streaks() == (0, 0)


def test_skipped_weeks_behave_as_before_with_activity() -> None:
    skip = Skip(from_=date(2026, 11, 16), to=date(2026, 11, 22), routines=["engage-posts"])
    p = plan(ENGAGE).model_copy(update={"skips": [skip]})
    short = activity_log(*comments("2026-11-16"))  # 1 of 2: the skip holds
    verdict = RoutineHistory(p, ENGAGE, TODAY, activity=short).at(date(2026, 11, 16))
    assert (verdict.skipped, verdict.met, verdict.missed, verdict.judged) == (
        True,
        False,
        False,
        False,
    )
    full = activity_log(*comments("2026-11-16", "2026-11-17"))  # met anyway: counts as met
    verdict = RoutineHistory(p, ENGAGE, TODAY, activity=full).at(date(2026, 11, 16))
    assert verdict.met and verdict.judged


def test_a_plan_event_and_the_same_event_from_linkedin_count_once() -> None:
    attend = routine("attend-event", period="month", target=2, since=date(2026, 11, 1))
    event = Event(id="meetup", title="PyData Berlin", on=date(2026, 11, 20))
    p = plan(attend).model_copy(update={"events": [event]})
    same = activity("event", "2026-11-20", text="pydata  berlin")
    other = activity("event", "2026-11-21", text="Data Council")
    assert status(p, activity_log(same), Period.month).done == 1
    assert status(p, activity_log(same, other), Period.month).done == 2
    items = evidence_between(p, attend, date(2026, 11, 1), date(2026, 11, 30), TODAY,
                             activity_log(same, other))  # fmt: skip
    assert [(i.source, i.words) for i in items] == [
        ("event", "PyData Berlin"),
        ("LinkedIn", "event “Data Council”"),
    ]
    # A routine counting only LinkedIn's events counts LinkedIn's record of it.
    linkedin = attend.model_copy(update={"counts": ["linkedin:event"]})
    assert status(plan(linkedin), activity_log(same), Period.month).done == 1


def test_evidence_between_names_the_cells_items() -> None:
    log = activity_log(
        activity("comment", "2026-11-24", text="Great point"),
        activity("reaction", "2026-11-24"),
        activity("comment", "2026-11-23"),
    )
    tuesday = date(2026, 11, 24)
    items = evidence_between(plan(ENGAGE), ENGAGE, tuesday, tuesday, TODAY, log)
    assert sorted(i.words for i in items) == ["comment “Great point”", "reaction"]
    assert all(i.from_activity and i.source == "LinkedIn" for i in items)
    history = RoutineHistory(plan(ENGAGE), ENGAGE, TODAY, activity=log)
    assert history.between(tuesday, tuesday) == (0, 2, 2)


# --- goals and trends ------------------------------------------------------------------------


def test_a_routine_goal_counts_check_offs_events_and_activity() -> None:
    attend = routine("attend-event", period="month", target=1)
    event = Event(id="meetup", title="Meetup", on=date(2026, 11, 10))
    p = plan(attend, completions={"2026-11-03": {"attend-event": 1}}).model_copy(
        update={"events": [event]}
    )
    log = activity_log(
        activity("event", "2026-11-12", text="Other"), activity("event", "2026-10-01")
    )
    g = goal(10, {"routine": "attend-event"}, start="2026-11-01")
    assert goal_progress(g, p, book(), journal()) == 1  # no today: check-offs only, as before
    assert goal_progress(g, p, book(), journal(), TODAY) == 2
    assert goal_progress(g, p, book(), journal(), TODAY, log) == 3


def test_week_rates_and_trends_use_the_totals() -> None:
    p = plan(ENGAGE, completions={"2026-11-09": {"engage-posts": 1}})
    log = activity_log(*comments("2026-11-10", "2026-11-23", "2026-11-24"))
    assert recent_week_rates(p, TODAY, 3) == [0.5, 0.0, 0.0]
    assert recent_week_rates(p, TODAY, 3, log) == [1.0, 0.0, 1.0]
    weeks = weekly_follow_through(p, TODAY, 3, log)
    assert [w.done for w in weeks] == [2, 0, 2]


# --- the CLI agrees ----------------------------------------------------------------------------


ACTIVITY_TOML = """
[[activity]]
id = "li-comment-1"
on = 2026-11-23
platform = "LinkedIn"
kind = "comment"

[[activity]]
id = "li-reaction-1"
on = 2026-11-24
platform = "LinkedIn"
kind = "reaction"
"""


def _cli(folder: Path, *args: str) -> str:
    out = io.StringIO()
    environ = {"NETPLAN_TODAY": TODAY.isoformat(), "NETPLAN_DATA": str(folder)}
    assert main(list(args), environ, out) == 0
    return out.getvalue()


def test_check_and_due_count_the_activity_file(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.ensure()
    store.load()
    store.save(plan=plan(routine("engage-posts", target=3, since=date(2026, 11, 2))))
    (tmp_path / "activity.toml").write_text(ACTIVITY_TOML, encoding="utf-8")
    assert '"done": 2' in _cli(tmp_path, "due", "--json")
    assert "3/3" in _cli(tmp_path, "check", "engage-posts")
    assert "engage" not in _cli(tmp_path, "due", "--json")  # met: no longer due
