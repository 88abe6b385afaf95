"""Long loops that step aside (netplan.runtime.pausing) and the app's side of it (InputQuiet)."""

from __future__ import annotations

import gc
from datetime import date, timedelta

import pytest
from factories import contact, interaction

from netplan.domain import people_index
from netplan.domain.people_index import PeopleIndex
from netplan.models import ContactBook, Journal, Settings
from netplan.runtime import input_quiet
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
def many(monkeypatch: pytest.MonkeyPatch) -> tuple[ContactBook, Journal]:
    monkeypatch.setattr(people_index, "STEP", 10)
    contacts = ContactBook(
        contacts=[
            contact(
                f"c{n}",
                f"Person {n}",
                cadence_days=7,
                created=TODAY - timedelta(days=n),
                milestones=[{"label": "Birthday", "date": date(1990, 11, 25 + n % 5)}],
            )
            for n in range(35)
        ]
    )
    journal = Journal(
        interactions=[
            interaction(f"c{n % 35}", TODAY - timedelta(days=n), id=f"i-{n}", exchange="asked")
            for n in range(25)
        ]
    )
    return contacts, journal


def test_the_derivation_yields_every_step_and_gives_the_same_results(many) -> None:
    contacts, journal = many
    settings = Settings()
    stepped = PeopleIndex()
    pieces = 0
    for _ in stepped.build(contacts, journal, settings, TODAY):
        pieces += 1  # where a caller pauses
    # One yield per 10 of the 25 interactions, one between the journal and the contacts,
    # one per 10 of the 35 contacts.
    assert pieces == 3 + 1 + 4
    plain = PeopleIndex.of(contacts, journal, settings, TODAY)
    assert stepped.rows == plain.rows
    assert stepped.by_contact == plain.by_contact
    assert stepped.overdue == plain.overdue
    assert stepped.follow_ups(7) == plain.follow_ups(7)
    assert stepped.follow_ups(7)  # not trivially equal
    assert stepped.suggestions() == plain.suggestions()
    assert stepped.suggestions()
    assert stepped.milestones(30) == plain.milestones(30)


def test_a_step_is_a_bounded_piece_of_work(many, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between two yields the derivation makes at most STEP contacts' rows."""
    contacts, journal = many
    handled = 0
    pieces: list[int] = []
    real_add = PeopleIndex._add

    def counting_add(self, contact) -> None:
        nonlocal handled
        handled += 1
        real_add(self, contact)

    monkeypatch.setattr(PeopleIndex, "_add", counting_add)
    for _ in PeopleIndex().build(contacts, journal, Settings(), TODAY):
        pieces.append(handled)
        handled = 0
    pieces.append(handled)
    assert sum(pieces) == 35
    assert max(pieces) <= 10


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


async def test_the_app_marks_each_key_but_not_a_moving_mouse(store, clock: Clock) -> None:
    """A key makes the loading and deriving threads step aside; a mouse moving does not."""
    from app_helpers import make_app, settle

    from netplan.tui.week.panes import WeekPane

    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.hover(WeekPane, offset=(3, 3))
        await pilot.hover(WeekPane, offset=(4, 4))
        app.input_quiet.pause()
        assert clock.slept == []  # the mouse moving needs no answer soon
        await pilot.press("j")
        clock.now += 0.04
        app.input_quiet.pause()
        assert clock.slept == [pytest.approx(0.06)]


def test_the_netplan_command_sets_a_short_switch_interval(monkeypatch) -> None:
    """The process entry point owns the GIL switch interval (the app no longer sets it)."""
    import sys

    import netplan.__main__ as entry

    monkeypatch.setattr(sys, "argv", ["netplan", "path"])
    monkeypatch.setenv("NETPLAN_DATA", "/nonexistent/netplan-test")
    before = sys.getswitchinterval()
    try:
        assert entry.run() == 0
        assert sys.getswitchinterval() == pytest.approx(0.001)
    finally:
        sys.setswitchinterval(before)
        gc.enable()  # the command paused and froze the collector for its start-up
        gc.unfreeze()
