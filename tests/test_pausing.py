"""Long loops that step aside (netplan.runtime.pausing) and the app's side of it (InputQuiet)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from factories import contact

from netplan.domain.followups import follow_ups
from netplan.domain.people_index import RowModel
from netplan.domain.suggestions import suggest
from netplan.models import ContactBook, Journal, Settings
from netplan.runtime import input_quiet
from netplan.runtime import pausing as pausing_module
from netplan.runtime.input_quiet import InputQuiet
from netplan.runtime.pausing import pausing

TODAY = date(2026, 11, 25)


def test_pausing_calls_pause_before_every_stepth_item() -> None:
    calls: list[int] = []
    items = list(range(7))
    seen = []
    for item in pausing(items, lambda: calls.append(len(seen)), step=3):
        seen.append(item)
    assert seen == items
    assert calls == [0, 3, 6]


def test_without_a_pause_the_items_come_back_untouched() -> None:
    items = [1, 2]
    assert pausing(items, None) is items


@pytest.fixture
def many(monkeypatch: pytest.MonkeyPatch) -> ContactBook:
    monkeypatch.setattr(pausing_module, "STEP", 10)
    return ContactBook(
        contacts=[
            contact(f"c{n}", f"Person {n}", cadence_days=7, created=TODAY - timedelta(days=n))
            for n in range(35)
        ]
    )


def test_derivations_pause_and_give_the_same_results(many: ContactBook) -> None:
    journal, settings = Journal(), Settings()
    calls: list[int] = []

    def pause() -> None:
        calls.append(1)

    assert follow_ups(many, journal, settings, TODAY, 7, pause) == follow_ups(
        many, journal, settings, TODAY, 7
    )
    assert len(calls) == 4  # 35 contacts, one pause per 10
    calls.clear()
    assert suggest(many, journal, settings, TODAY, pause=pause) == suggest(
        many, journal, settings, TODAY
    )
    assert len(calls) == 4
    calls.clear()
    paused, plain = RowModel(), RowModel()
    paused.update(many, journal, settings, TODAY, pause)
    plain.update(many, journal, settings, TODAY)
    assert paused.rows == plain.rows
    assert len(calls) == 4


class Clock:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(input_quiet, "monotonic", fake.monotonic)
    monkeypatch.setattr(input_quiet, "sleep", fake.sleep)
    return fake


def test_a_pause_sleeps_only_while_input_is_fresh(clock: Clock) -> None:
    quiet = InputQuiet(quiet=0.1)
    quiet.pause()
    assert clock.slept == []  # no input yet
    quiet.input_arrived()
    clock.now += 0.03
    quiet.pause()
    assert clock.slept == [0.07]  # the rest of the quiet time
    quiet.pause()
    assert clock.slept == [0.07]  # quiet again: no more sleeping


def test_a_held_key_slows_the_work_but_never_stops_it(clock: Clock) -> None:
    quiet = InputQuiet(quiet=0.1)
    for _ in range(5):
        quiet.input_arrived()
        clock.now += 0.01
        quiet.input_arrived()  # input keeps coming
        quiet.pause()
    assert clock.slept == [0.1] * 5  # one quiet time per pause at most


async def test_the_app_marks_each_key_and_restores_the_switch_interval(store, clock: Clock) -> None:
    """A key makes the loading and deriving threads step aside; the app's GIL switch
    interval is its own and goes back when it ends."""
    import sys

    from app_helpers import make_app, settle

    from netplan.tui.week.period_pane import WeekPane

    before = sys.getswitchinterval()
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert sys.getswitchinterval() == pytest.approx(0.001)
        await pilot.hover(WeekPane, offset=(3, 3))
        await pilot.hover(WeekPane, offset=(4, 4))
        app.input_quiet.pause()
        assert clock.slept == []  # the mouse moving needs no answer soon
        await pilot.press("j")
        clock.now += 0.04
        app.input_quiet.pause()
        assert clock.slept == [pytest.approx(0.06)]
    assert sys.getswitchinterval() == before
