"""The app's clock: the wall clock's day, unless NETPLAN_TODAY fixes it for good."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netplan.domain.clock import Clock, today

DAY = date(2026, 11, 25)


class Wall:
    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def test_the_clock_follows_the_wall_clock() -> None:
    wall = Wall(DAY)
    clock = Clock.of({}, now=wall)
    assert clock.today() == DAY
    wall.day = DAY + timedelta(days=1)
    assert clock.today() == DAY + timedelta(days=1)


def test_netplan_today_fixes_the_day_whatever_the_wall_clock_says() -> None:
    wall = Wall(DAY)
    clock = Clock.of({"NETPLAN_TODAY": "2026-03-01"}, now=wall)
    assert clock.today() == date(2026, 3, 1)
    wall.day = DAY + timedelta(days=1)
    assert clock.today() == date(2026, 3, 1)
    assert today({"NETPLAN_TODAY": "2026-03-01"}) == date(2026, 3, 1)


def test_a_bad_netplan_today_is_refused_like_the_commands_refuse_it() -> None:
    for value in ("tomorrow", "2026-02-30"):
        with pytest.raises(ValueError, match="NETPLAN_TODAY"):
            Clock.of({"NETPLAN_TODAY": value})
        with pytest.raises(ValueError, match="NETPLAN_TODAY"):
            today({"NETPLAN_TODAY": value})


def test_a_blank_netplan_today_is_the_wall_clock() -> None:
    assert Clock.of({"NETPLAN_TODAY": "  "}, now=lambda: DAY).today() == DAY
