"""The Week and Month grids use the terminal's width: wider columns on a wide terminal,
titles whole at 120x36, everything reachable at 80x24; `t` keeps the cursor's routine."""

from __future__ import annotations

from pathlib import Path

from app_helpers import make_app, make_store, settle, wait_for
from factories import plan, routine
from textual.coordinate import Coordinate
from textual.widgets import Label

from netplan.store import Store
from netplan.tui.week.agenda import Agenda
from netplan.tui.week.grid import RoutineGrid, grid_widths, title_lines
from netplan.tui.week.panes import MonthPane, WeekPane
from netplan.tui.week.welcome import Welcome

LONG = "Send a thank-you note to a mentor who helped"  # 44 cells


def store_with_long_title(folder: Path) -> Store:
    store = Store(folder)
    store.ensure()
    store.load()
    store.save(
        plan=plan(
            routine("engage-posts", title="Engage with posts", target=3),
            routine("thank-mentor", title=LONG),
            routine("write-article", period="month", title=LONG + " this month"),
        )
    )
    return Store(folder)


def column_widths(grid: RoutineGrid) -> int:
    """The cells the grid's columns take, its titles' column included."""
    label = grid.widths.title + 4  # the mark before a title, a space after it
    return label + sum(column.get_render_width(grid) for column in grid.ordered_columns)


def screen_text(app, widget) -> str:
    strips = app.screen._compositor.render_strips()
    region = widget.region
    lines = [s.crop(region.x, region.right).text for s in strips[region.y : region.bottom]]
    return "\n".join(lines)


def words_shown(text: str, title: str, width: int) -> bool:
    """The title whole in the titles' column, on one line or over the next (ASCII text)."""
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if title[:10] in line)
    column = lines[start].index(title[:10])
    shown = " ".join(line[column : column + width].strip() for line in lines[start : start + 2])
    return shown.startswith(title)


async def widths_at(folder: Path, size: tuple[int, int]) -> tuple[int, int, str, int]:
    app = make_app(store_with_long_title(folder))
    async with app.run_test(size=size) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.05)
        grid = app.query_one(WeekPane).grid
        return grid.region.width, column_widths(grid), screen_text(app, grid), grid.widths.title


async def test_the_grid_grows_with_the_terminal(tmp_path: Path) -> None:
    narrow_region, narrow_columns, text, title = await widths_at(tmp_path / "a", (120, 36))
    wide_region, wide_columns, _, _ = await widths_at(tmp_path / "b", (200, 50))
    assert wide_region > narrow_region
    assert wide_columns > narrow_columns
    assert wide_columns >= wide_region - 6  # the columns fill the grid, no empty band
    assert words_shown(text, LONG, title), text  # whole, on two lines if need be
    assert "Progress" in text and "↑ best" in text and " Bar" not in text


async def test_the_month_title_is_whole_at_120(tmp_path: Path) -> None:
    app = make_app(store_with_long_title(tmp_path / "store"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        await pilot.press("2")
        await wait_for(
            pilot, lambda: bool(app.query(MonthPane)) and app.query_one(MonthPane).grid.row_keys
        )
        await pilot.pause(0.05)
        grid = app.query_one(MonthPane).grid
        text = screen_text(app, grid)
        # a title longer than two lines is shortened on its second, never hard-cut mid-word
        assert "Send a thank-you note" in text, text
        summary = str(app.query_one(".month-summary").render())
        assert "monthly routine" in summary, summary
        assert app.query_one("#month-chart")  # the chart's place


def test_the_share_of_the_width() -> None:
    assert grid_widths(77, 7, 4, 23).title == 23  # 80 columns: today's titles whole
    wide = grid_widths(117, 7, 4, 23)
    assert wide.title == 23 and wide.day > 4 and wide.bar > 6
    assert title_lines(LONG, 25) == ["Send a thank-you note to", "a mentor who helped"]


async def test_at_80x24_the_agenda_is_reachable(tmp_path: Path) -> None:
    app = make_app(make_store(tmp_path / "store", demo=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await pilot.pause(0.05)
        pane = app.query_one(WeekPane)
        agenda = app.query_one(Agenda)
        body = pane.query_one(".pane-body")
        assert agenda.region.y > pane.grid.region.y  # under the grid
        assert agenda.size.height >= 10
        body.scroll_end(animate=False)
        await pilot.pause(0.05)
        assert agenda.region.bottom <= app.screen.region.bottom
        assert pane.query_one(Welcome).parent.has_class("pane-main")


async def test_t_keeps_the_routine_and_goes_to_today(tmp_path: Path) -> None:
    app = make_app(make_store(tmp_path / "store"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        grid = app.query_one(WeekPane).grid
        title = app.query_one(WeekPane).query_one(".period-title", Label)
        await pilot.press("down", "down", "left", "left_square_bracket")
        assert grid.cursor_coordinate == Coordinate(2, 1)
        await pilot.press("t")
        assert grid.cursor_coordinate == Coordinate(2, 2)  # the same routine, Wed 25
        assert "Nov 23–29" in str(title.content)


async def test_on_a_light_theme_today_reads_in_the_primary_text_colour(tmp_path: Path) -> None:
    app = make_app(make_store(tmp_path / "store"))
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        app.theme = "textual-light"
        await settle(pilot, app)
        grid = app.query_one(WeekPane).grid
        today = next(c for c in grid.ordered_columns if str(c.key.value) == "2026-11-25")
        colour = today.label.style.color  # the orange accent is faint on a light background
        assert colour is not None
        assert colour.triplet.hex.lower() == app.theme_colors()["text-primary"].lower()
