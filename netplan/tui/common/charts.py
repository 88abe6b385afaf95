"""Chart widgets: a bar chart in the theme's colours, and the routine trends of the Week and
Month tabs (`WeekTrend`, `MonthTrend`), each a chart with a caption that gives the numbers.

The drawing is netplan.tui.common.charts_draw (why not plotext: see there). A chart repaints
when its numbers, its size or the theme change, and only then: a check-off that leaves the
rates as they were costs one comparison.
"""

from __future__ import annotations

from datetime import date

from rich.segment import Segment
from rich.text import Text
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Vertical
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from netplan.domain.periods import MONTH_ABBRS, week_label
from netplan.domain.routines import (
    PeriodFollowThrough,
    average_rate,
    recent_months,
    recent_weeks,
)
from netplan.models import WeekStart
from netplan.tui.common.charts_draw import NOTHING_GLYPH, TARGET_GLYPH, Chart, Series, draw
from netplan.tui.common.follow import FollowsData, netplan_app

TREND_WEEKS = 12
TREND_MONTHS = 12


def chart_colours(variables: dict[str, str]) -> dict[str, str]:
    """The theme's colours by name, plus "axis" (the foreground, muted toward the background,
    as $text-muted is) and "target" (a little less muted), so light themes read as well."""
    colours = {
        name: value for name, value in variables.items() if value.startswith("#")
    }  # "auto 60%" and the like are not colours
    foreground = Color.parse(variables.get("foreground", "#e0e0e0"))
    background = Color.parse(variables.get("background", "#121212"))
    colours["axis"] = foreground.blend(background, 0.4).hex
    colours["target"] = foreground.blend(background, 0.2).hex
    return colours


class BarChart(Widget):
    """Draws the Chart given to `show` at the widget's size in the theme's colours."""

    DEFAULT_CSS = """
    BarChart {
        height: 7;
        width: 1fr;
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.chart: Chart | None = None
        self._drawn: tuple[object, list[Strip]] = (None, [])

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self.refresh(), init=False)

    def show(self, chart: Chart | None) -> None:
        if chart != self.chart:
            self.chart = chart
            self.refresh()

    @property
    def data(self) -> list[float | None]:
        """The first series' values, as drawn (what a test or a caption may compare)."""
        return list(self.chart.series[0].values) if self.chart and self.chart.series else []

    def render_line(self, y: int) -> Strip:
        """One row of the chart, from strips made once per chart, size and theme: Rich's
        wrapping and cropping of the whole chart as one Text took 7 ms of every check-off."""
        width, height = self.size
        key = (self.chart, width, height, self.app.theme)
        if self._drawn[0] != key:
            lines: list[Strip] = []
            if self.chart is not None and self.chart.slots and width >= 4 and height >= 1:
                colours = chart_colours(netplan_app(self).theme_colors())
                console = self.app.console
                for text in draw(self.chart, width, height, colours):
                    base = console.get_style(text.style) if text.style else None
                    segments = Segment.apply_style(text.render(console, end=""), base)
                    strip = Strip(segments, text.cell_len)
                    lines.append(strip.extend_cell_length(width).crop(0, width))
            self._drawn = (key, lines)
        lines = self._drawn[1]
        strip = lines[y] if y < len(lines) else Strip.blank(width)
        return strip.apply_style(self.rich_style)


def rate_values(periods: list[PeriodFollowThrough]) -> tuple[float | None, ...]:
    """Percent per period; None where nothing was due (drawn as a dot, not as a miss)."""
    return tuple(round(p.rate * 100) if p.target else None for p in periods)


def legend(*parts: tuple[str, str, str]) -> Text:
    """ "█ done · ┄ target": each (glyph, colour, meaning) with the glyph in its colour."""
    text = Text()
    for index, (glyph, colour, meaning) in enumerate(parts):
        if index:
            text.append("   ")
        text.append(glyph, style=colour or None)
        text.append(f" {meaning}")
    return text


def short_week(start: date, week_start: WeekStart) -> str:
    """ "W48" of "2026-W48"."""
    return week_label(start, week_start).split("-")[-1]


class _RoutineTrend(FollowsData, Vertical):
    """A chart of routine completion against target by period, with a caption of numbers."""

    DEFAULT_CSS = """
    _RoutineTrend {
        height: auto;
    }
    _RoutineTrend > BarChart {
        height: 5;
    }
    _RoutineTrend > .trend-numbers {
        color: $text-muted;
        padding: 0 1;
    }
    """

    noun = "period"

    def compose(self) -> ComposeResult:
        yield Static("", classes="trend-numbers", markup=False)
        yield BarChart()

    def on_mount(self) -> None:
        self.watch(self.app, "theme", lambda _theme: self.refresh_view(), init=False)
        self.follow_data()

    def periods(self) -> tuple[list[PeriodFollowThrough], tuple[str, ...]]:
        raise NotImplementedError

    def refresh_view(self) -> None:
        data = self.current
        if data is None:
            return
        periods, labels = self.periods()
        values = rate_values(periods)
        self.query_one(BarChart).show(
            Chart(labels, (Series("done", values, "success"),), percent=True, target=100)
        )
        self._caption(periods)

    def _caption(self, periods: list[PeriodFollowThrough]) -> None:
        colours = chart_colours(self.netplan.theme_colors())
        now = periods[-1]
        head = f"{self.title} · this {self.noun} " + (
            f"{now.done}/{now.target} ({now.rate:.0%})" if now.target else "nothing due"
        )
        caption = Text.assemble(
            head,
            f" · average {average_rate(periods):.0%}\n",
            legend(
                ("█", colours.get("success", ""), "share of the targets done"),
                (TARGET_GLYPH, colours["target"], "target (100%)"),
                (NOTHING_GLYPH, colours["axis"], "nothing due"),
            ),
        )
        widget = self.query_one(".trend-numbers", Static)
        if widget.content != caption:
            # A check-off changes the numbers, not the height: no layout pass (a third of
            # the keypress) unless a line may now wrap or the lines are more or fewer.
            before = widget.content.plain if isinstance(widget.content, Text) else ""
            lines = caption.split()
            same = before.count("\n") == caption.plain.count("\n") and all(
                line.cell_len <= widget.size.width for line in lines
            )
            widget.update(caption, layout=not same)

    title = ""


class WeekTrend(_RoutineTrend):
    """The weekly routines' completions against their targets over the last 12 weeks."""

    noun = "week"
    title = f"Weekly routines, last {TREND_WEEKS} weeks"

    def periods(self) -> tuple[list[PeriodFollowThrough], tuple[str, ...]]:
        data = self.netplan.data
        weeks = recent_weeks(data.plan, self.netplan.today, TREND_WEEKS, data.activity)
        week_start = data.plan.settings.week_start
        return weeks, tuple(short_week(w.start, week_start) for w in weeks)


class MonthTrend(_RoutineTrend):
    """The monthly routines' completions against their targets over the last 12 months."""

    noun = "month"
    title = f"Monthly routines, last {TREND_MONTHS} months"

    def periods(self) -> tuple[list[PeriodFollowThrough], tuple[str, ...]]:
        data = self.netplan.data
        months = recent_months(data.plan, self.netplan.today, TREND_MONTHS, data.activity)
        return months, tuple(MONTH_ABBRS[m.start.month - 1] for m in months)
