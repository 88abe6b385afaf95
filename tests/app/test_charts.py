"""The charts (netplan.tui.common.charts): the Goals tab's trends with a scale and labelled weeks
and months, the Week and Month tabs' routine trends, theme colours, and goal bars that widen."""

from __future__ import annotations

import sys

from app_helpers import make_app, settle
from textual.geometry import Region
from textual.widget import Widget

from netplan.store import Store
from netplan.tui.common.charts import BarChart, MonthTrend, WeekTrend
from netplan.tui.goals.goal_list import GoalList
from netplan.tui.goals.pane import GoalsPane


def shown(widget: Widget) -> list[str]:
    """The lines the widget draws on screen, as text."""
    width, height = widget.size
    return [strip.text for strip in widget.render_lines(Region(0, 0, width, height))]


def colours_of(chart: BarChart, glyph: str) -> set[str]:
    """The colours of the cells drawn with `glyph`."""
    width, height = chart.size
    found = set()
    for strip in chart.render_lines(Region(0, 0, width, height)):
        for segment in strip:
            if glyph in segment.text and segment.style and segment.style.color:
                found.add(segment.style.color.get_truecolor().hex.lower())
    return found


async def open_goals(pilot, app) -> GoalsPane:
    await settle(pilot, app)
    await pilot.press("4")
    await pilot.pause()
    return app.query_one(GoalsPane)


async def test_the_goals_trends_have_a_scale_and_labelled_months(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_goals(pilot, app)
        await pilot.pause()
        weeks = shown(pane.query_one("#weeks-spark", BarChart))
        assert weeks[0].startswith("100%┤") and weeks[-2].startswith("  0%┤")
        assert "W48" in weeks[-1]  # the current week, labelled
        promises = shown(pane.query_one("#promises-chart", BarChart))
        assert "%" in promises[0] and "Nov" in promises[-1] and "Jun" in promises[-1]
        exchange = shown(pane.query_one("#exchange-chart", BarChart))
        assert exchange[-2].lstrip().startswith("0┤")  # a count scale from zero
        assert exchange[0].split("┤")[0].strip().isdigit()
        assert "Nov" in exchange[-1]
        legend = str(pane.query_one("#exchange-legend").render())
        assert "gave" in legend and "asked" in legend
        # Drawn in cells by netplan itself: nothing of plotext is loaded.
        assert not any(name.split(".")[0] in ("plotext", "textual_plotext") for name in sys.modules)


async def test_week_and_month_trends_label_their_periods(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot, app)
        main = app.query_one("#week-pane .pane-main")
        await main.mount(WeekTrend(classes="trend-test"))
        await main.mount(MonthTrend(classes="trend-test"))
        await pilot.pause()
        week = app.query_one(WeekTrend)
        lines = shown(week.query_one(BarChart))
        assert lines[0].startswith("100%┤")
        assert "W37" in lines[-1] and "W48" in lines[-1]  # twelve weeks up to this one
        caption = str(week.query_one(".trend-numbers").render())
        assert caption.startswith("Weekly routines, last 12 weeks · this week ")
        assert "average" in caption and "nothing due" in caption
        month = app.query_one(MonthTrend)
        labels = shown(month.query_one(BarChart))[-1]
        assert "Nov" in labels  # this month, last
        assert labels.rstrip().endswith("Nov")
        chart = week.query_one(BarChart)
        before = chart.chart
        await pilot.press("space")  # a check-off on the week grid
        await settle(pilot, app)
        assert chart.chart != before  # this week's bar moved


async def test_a_theme_change_repaints_the_charts(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(120, 36)) as pilot:
        pane = await open_goals(pilot, app)
        chart = pane.query_one("#weeks-spark", BarChart)
        dark = app.theme_colors()["success"].lower()
        assert colours_of(chart, "█") == {dark}
        dark_axis = colours_of(chart, "┤")
        app.theme = "catppuccin-latte"
        await settle(pilot, app)
        await pilot.pause()
        light = app.theme_colors()["success"].lower()
        assert light != dark
        assert colours_of(chart, "█") == {light}
        # The axis is the light theme's foreground, muted: dark on light.
        (axis,) = colours_of(chart, "┤")
        assert axis not in dark_axis and int(axis[1:3], 16) < 0x90


async def test_goal_bars_widen_with_the_terminal(demo_store: Store) -> None:
    widths = []
    for size in ((120, 36), (200, 50)):
        app = make_app(demo_store)
        async with app.run_test(size=size) as pilot:
            await open_goals(pilot, app)
            lines = shown(app.query_one(GoalList))
            bar = next(line for line in lines if "/5 people" in line)
            widths.append(bar.count("█") + bar.count("░") + bar.count("┆"))
    assert widths[0] > 24 and widths[1] > widths[0]


async def test_t_shows_the_trends_over_the_whole_tab_at_80x24(demo_store: Store) -> None:
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_goals(pilot, app)
        side = pane.query_one(".goals-side")
        assert not side.display or side.region.width == 0  # narrow: the goals take the room
        await pilot.press("t")
        await pilot.pause()
        assert side.region.width > 70 and app.focused is side
        assert not pane.query_one(GoalList).region.width
        await pilot.press("end")  # the last chart is reachable from the keyboard
        await pilot.pause()
        exchange = pane.query_one("#exchange-chart", BarChart)
        assert side.region.contains_region(exchange.region)
        await pilot.press("t")
        await pilot.pause()
        assert app.focused is pane.query_one(GoalList)
