"""`A` in a grid lists the archived routines of its kind; enter (or r) restores one as an
undoable edit, escape closes."""

from __future__ import annotations

from pathlib import Path

from app_helpers import TODAY, make_app, on_disk, settle, wait_for
from factories import plan, routine
from textual.widgets import OptionList, Static

from netplan.store import Store
from netplan.tui.week.archived_routines import EMPTY, ArchivedRoutines
from netplan.tui.week.panes import MonthPane, WeekPane


def store_with_archived(folder: Path) -> Store:
    store = Store(folder)
    store.ensure()
    store.load()
    store.save(
        plan=plan(
            routine("engage-posts", title="Engage with posts", target=3),
            routine("old-habit", title="Comment on ten posts", target=2, archived=True),
            routine("write-article", period="month", title="Write an industry article"),
            completions={"2026-10-05": {"old-habit": 2}, "2026-10-12": {"old-habit": 1}},
        )
    )
    return Store(folder)


def listed(app) -> list[str]:
    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def test_a_lists_enter_restores_and_u_undoes(tmp_path: Path) -> None:
    store = store_with_archived(tmp_path / "store")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        grid = app.query_one(WeekPane).grid
        assert grid.row_keys == ["engage-posts"]
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchivedRoutines), what="the list")
        [line] = listed(app)
        assert "Comment on ten posts" in line
        assert "target 2 a week" in line and "3 completions" in line, line
        assert "last done Oct 12, 2026" in line, line
        await pilot.press("enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ArchivedRoutines))
        await settle(pilot, app)
        assert grid.row_keys == ["engage-posts", "old-habit"]
        assert grid.current_row_key == "old-habit"  # the cursor on the routine back
        restored = next(r for r in on_disk(store).plan.routines if r.id == "old-habit")
        assert restored.archived is False
        assert "archived = true" not in (store.folder / "plan.toml").read_text()
        await pilot.press("u")
        await settle(pilot, app)
        assert grid.row_keys == ["engage-posts"]
        assert next(r for r in on_disk(store).plan.routines if r.id == "old-habit").archived


async def test_r_restores_and_escape_closes(tmp_path: Path) -> None:
    store = store_with_archived(tmp_path / "store")
    app = make_app(store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchivedRoutines))
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ArchivedRoutines))
        assert app.query_one(WeekPane).grid.row_keys == ["engage-posts"]
        await pilot.press("A", "r")
        await settle(pilot, app)
        assert app.query_one(WeekPane).grid.row_keys == ["engage-posts", "old-habit"]


async def test_the_month_grid_lists_only_monthly_routines(tmp_path: Path) -> None:
    store = store_with_archived(tmp_path / "store")
    app = make_app(store, TODAY)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("2")
        await wait_for(
            pilot, lambda: app.query(MonthPane) and app.focused is app.query_one(MonthPane).grid
        )
        await pilot.press("A")
        await wait_for(pilot, lambda: isinstance(app.screen, ArchivedRoutines))
        assert not app.screen.query(OptionList)
        assert str(app.screen.query_one(".archived-empty", Static).content) == EMPTY
        await pilot.press("enter", "escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ArchivedRoutines))
