"""A check-off on a day still to come (week grid) or a week wholly after today (month grid)
is refused with a warning and a bell; removing a completion there stays allowed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app_helpers import TODAY, make_app, messages, notified, on_disk, settle, wait_for
from factories import plan, routine

from netplan.domain.periods import still_to_come
from netplan.store import Store
from netplan.tui.week.panes import MonthPane, WeekPane


def test_the_rule_refuses_only_days_after_today() -> None:
    assert still_to_come(TODAY, TODAY, TODAY) is None
    assert still_to_come(date(2026, 11, 23), date(2026, 11, 29), TODAY) is None  # holds today
    assert still_to_come(date(2026, 11, 27), date(2026, 11, 27), TODAY) == (
        "Fri 27 is still to come: check off what is done"
    )
    assert still_to_come(date(2026, 12, 7), date(2026, 12, 13), TODAY).startswith("Dec 7–13 ")


def store_of(folder: Path, completions: dict) -> Store:
    store = Store(folder)
    store.ensure()
    store.load()
    store.save(
        plan=plan(
            routine("engage-posts", title="Engage with posts", target=3),
            routine("write-article", period="month", title="Write an industry article"),
            completions=completions,
        )
    )
    return Store(folder)


def ring_counter(app) -> list[int]:
    rings: list[int] = []
    app.bell = lambda: rings.append(1)
    return rings


async def test_a_future_day_is_refused_and_can_still_be_unchecked(tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", {"2026-11-27": {"engage-posts": 1}})
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        rings = ring_counter(app)
        grid = app.query_one(WeekPane).grid
        await pilot.press("right", "right")  # Wed 25 → Fri 27
        assert grid.cursor_coordinate.column == 4
        await pilot.press("space")
        await notified(pilot, app, "Fri 27 is still to come: check off what is done")
        await settle(pilot, app)
        assert rings == [1]
        assert on_disk(store).plan.completions == {date(2026, 11, 27): {"engage-posts": 1}}
        warning = next(n for n in app._notifications if "still to come" in n.message)
        assert warning.severity == "warning"
        await pilot.press("backspace")  # taking one back is allowed
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {}
        await pilot.press("left", "left", "space")  # today is fine
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {TODAY: {"engage-posts": 1}}


async def test_next_week_and_a_later_week_of_the_month_are_refused(tmp_path: Path) -> None:
    store = store_of(tmp_path / "store", {})
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        ring_counter(app)
        await pilot.press("right_square_bracket", "space")
        await notified(pilot, app, "is still to come")
        await pilot.press("2")
        pane = await wait_for_month(pilot, app)
        last = len(pane.columns(app.data)) - 1
        pane.grid.cursor_coordinate = pane.grid.cursor_coordinate._replace(column=last)
        before = len(messages(app))
        await pilot.press("space")  # the week of Nov 30, wholly after today
        await notified(pilot, app, "Mon 30 is still to come")
        assert len(messages(app)) == before + 1
        pane.grid.cursor_coordinate = pane.grid.cursor_coordinate._replace(column=last - 1)
        await pilot.press("space")  # the week holding today: recorded on today
        await settle(pilot, app)
        assert on_disk(store).plan.completions == {TODAY: {"write-article": 1}}


async def wait_for_month(pilot, app) -> MonthPane:
    await wait_for(
        pilot,
        lambda: bool(app.query(MonthPane)) and app.focused is app.query_one(MonthPane).grid,
        what="the month grid",
    )
    return app.query_one(MonthPane)
