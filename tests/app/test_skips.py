"""Honest history in the app: `z` in the grids, the routine form's `earlier`, `since` on add,
and the strategy form's week-start note (spec 7.1)."""

from __future__ import annotations

from datetime import date

from app_helpers import TODAY, make_app, on_disk, settle
from textual.widgets import Input, Label, Select

from netplan.models import EarlierTarget, Skip
from netplan.store import Store
from netplan.tui.goals.strategy_form import StrategyForm
from netplan.tui.week.grid import RoutineGrid
from netplan.tui.week.panes import MonthPane, WeekPane
from netplan.tui.week.routine_form import RoutineForm

THIS_WEEK = (date(2026, 11, 23), date(2026, 11, 29))


def grid_of(app, pane=WeekPane) -> RoutineGrid:
    return app.query_one(pane).grid


def cell(grid: RoutineGrid, row: int, column: str) -> str:
    return grid.get_cell(grid.row_keys[row], column).plain


def with_skips(store: Store, *skips: Skip) -> Store:
    plan = store.load().plan
    store.save(plan=plan.model_copy(update={"skips": list(skips)}))
    return Store(store.folder)


async def test_z_skips_the_week_and_again_unskips_it(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("z")
        await settle(pilot, app)
        assert on_disk(store).plan.skips == [
            Skip(from_=THIS_WEEK[0], to=THIS_WEEK[1], routines=["engage-posts"])
        ]
        grid = grid_of(app)
        assert cell(grid, 0, "progress").strip() == "skip"
        assert cell(grid, 1, "progress").strip() != "skip"
        assert "[[skips]]" in (store.folder / "plan.toml").read_text()
        await pilot.press("z")
        await settle(pilot, app)
        assert on_disk(store).plan.skips == []
        assert cell(grid_of(app), 0, "progress").strip() != "skip"
        await pilot.press("u")  # undo the unskip
        await settle(pilot, app)
        assert len(on_disk(store).plan.skips) == 1


async def test_z_inside_a_longer_skip_splits_it(store: Store) -> None:
    holiday = Skip(from_=date(2026, 11, 16), to=date(2026, 12, 6), reason="Holiday")
    store = with_skips(store, holiday)
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        assert cell(grid_of(app), 0, "progress").strip() == "skip"
        await pilot.press("z")
        await settle(pilot, app)
        skips = on_disk(store).plan.skips
        assert [(s.from_, s.to, s.routines, s.reason) for s in skips] == [
            (date(2026, 11, 16), date(2026, 11, 22), None, "Holiday"),
            (
                *THIS_WEEK,
                [
                    "connect-people",
                    "share-resource",
                    "write-article",
                    "attend-event",
                    "review-contacts",
                ],
                "Holiday",
            ),
            (date(2026, 11, 30), date(2026, 12, 6), None, "Holiday"),
        ]
        grid = grid_of(app)
        assert cell(grid, 0, "progress").strip() != "skip"
        assert cell(grid, 1, "progress").strip() == "skip"


async def test_z_in_the_month_grid_skips_the_month(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("2", "z")
        await settle(pilot, app)
        assert on_disk(store).plan.skips == [
            Skip(from_=date(2026, 11, 1), to=date(2026, 11, 30), routines=["write-article"])
        ]
        assert cell(grid_of(app, MonthPane), 0, "progress").strip() == "skip"


async def test_the_routine_form_keeps_the_old_target_for_earlier_weeks(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        streak = cell(grid_of(app), 0, "streak")
        await pilot.press("e")
        assert isinstance(app.screen, RoutineForm)
        app.screen.query_one("#target", Input).value = "4"
        await pilot.press("ctrl+s")
        await settle(pilot, app)
        engage = on_disk(demo_store).plan.routines[0]
        assert engage.target == 4
        assert engage.earlier == [EarlierTarget(until=date(2026, 11, 22), target=3)]
        assert cell(grid_of(app), 0, "streak") == streak  # last weeks stay met
        text = (demo_store.folder / "plan.toml").read_text()
        assert "earlier = [{ until = 2026-11-22, target = 3 }]" in text
        await pilot.press("u")
        await settle(pilot, app)
        engage = on_disk(demo_store).plan.routines[0]
        assert (engage.target, engage.earlier) == (3, [])


async def test_a_routine_added_in_the_app_counts_from_today(store: Store) -> None:
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("a", *"Post weekly", "ctrl+s")
        await settle(pilot, app)
        assert on_disk(store).plan.routines[-1].since == TODAY


async def test_the_strategy_form_warns_before_a_week_start_change(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("4", "S")
        form = app.screen
        assert isinstance(form, StrategyForm)
        note = form.query_one("#week-start-note", Label)
        assert not note.display
        form.query_one("#week_start", Select).value = "sunday"
        await pilot.pause()
        assert note.display
        assert "re-labels history" in str(note.content)
        form.query_one("#week_start", Select).value = "monday"
        await pilot.pause()
        assert not note.display
