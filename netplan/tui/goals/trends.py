"""Trends on the Goals tab: weekly follow-through, promises kept in time per month, and gave vs
asked, as bar charts with a scale and labelled weeks or months, and captions with the numbers:
this week, the average, this month's counts.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Static

from netplan.domain.periods import MONTH_ABBRS, MONTH_NAMES
from netplan.domain.trends import (
    MonthExchange,
    follow_through_summary,
    monthly_exchange,
    weekly_follow_through,
)
from netplan.tui.common.charts import BarChart, chart_colours, legend, short_week
from netplan.tui.common.charts_draw import NOTHING_GLYPH, TARGET_GLYPH, Chart, Series
from netplan.tui.common.follow import netplan_app
from netplan.workspace import Data


def _month(exchange: MonthExchange) -> str:
    return MONTH_ABBRS[exchange.month.month - 1]


def follow_through_texts(data: Data, today: date) -> tuple[Chart, str, str]:
    """A chart (percent per week), a heading and a caption with the numbers."""
    weeks = weekly_follow_through(data.plan, today, activity=data.activity)
    summary = follow_through_summary(weeks)
    current = weeks[-1]
    heading = f"Weekly routines vs targets · last {summary.weeks} week{'s' * (summary.weeks != 1)}"
    start = data.plan.settings.week_start
    chart = Chart(
        tuple(short_week(w.start, start) for w in weeks),
        (Series("done", tuple(round(w.rate * 100) for w in weeks), "success"),),
        percent=True,
        target=100,
    )
    if not current.target:
        return Chart((), ()), heading, "No weekly routines to follow through on."
    caption = (
        f"this week {current.done}/{current.target} ({summary.this_week:.0%})\n"
        f"{summary.weeks}-week average {summary.average:.0%} · "
        f"all met in {summary.met_weeks} of {summary.weeks}"
    )
    return chart, heading, caption


def exchange_texts(data: Data, today: date) -> tuple[Chart, str, str]:
    """Gave and asked per month side by side, a heading and a caption; empty while the
    journal loads."""
    if data.journal is None:
        return Chart((), ()), "Gave vs asked", "Waiting for the journal to load…"
    months = monthly_exchange(data.journal, today)
    span = _month(months[0]) if len(months) == 1 else f"{_month(months[0])}–{_month(months[-1])}"
    heading = f"Gave vs asked per month · {span}"
    now = months[-1]
    caption = (
        f"{MONTH_NAMES[now.month.month - 1]}: gave {now.gave} · asked {now.asked}\n"
        f"{len(months)} months: gave {sum(m.gave for m in months)} · "
        f"asked {sum(m.asked for m in months)}"
    )
    if now.asked > now.gave:
        caption += "\nmore asks than gives: offer help first"
    chart = Chart(
        tuple(_month(m) for m in months),
        (
            Series("gave", tuple(m.gave for m in months), "success"),
            Series("asked", tuple(m.asked for m in months), "warning"),
        ),
    )
    return chart, heading, caption


def promise_texts(data: Data, today: date) -> tuple[Chart, str, str]:
    """Promises kept by their due day, percent per month (spec 7.2), a heading, a caption."""
    from netplan.domain.promises import monthly_follow_through

    if data.journal is None:
        return Chart((), ()), "Promises kept in time", "Waiting for the journal to load…"
    months = monthly_follow_through(data.journal.interactions, today)
    span = f"{MONTH_ABBRS[months[0].month.month - 1]}–{MONTH_ABBRS[months[-1].month.month - 1]}"
    heading = f"Promises kept in time per month · {span}"
    due = sum(m.due for m in months)
    if not due:
        return Chart((), ()), heading, "No promises due yet: log one with l, mark it kept with K."
    kept = sum(m.kept for m in months)
    now = months[-1]
    this_month = (
        f"{MONTH_NAMES[now.month.month - 1]}: {now.kept} of {now.due} ({now.rate:.0%})"
        if now.rate is not None
        else f"{MONTH_NAMES[now.month.month - 1]}: none due yet"
    )
    caption = f"{this_month}\n{len(months)} months: {kept} of {due} kept in time ({kept / due:.0%})"
    chart = Chart(
        tuple(MONTH_ABBRS[m.month.month - 1] for m in months),
        # A month with nothing due draws as a dot, not as a broken promise.
        (
            Series(
                "kept",
                tuple(None if m.rate is None else round(m.rate * 100) for m in months),
                "accent",
            ),
        ),
        percent=True,
        target=100,
    )
    return chart, heading, caption


class TrendsPanel(Vertical):
    """Follow-through of the last 26 weeks, promises kept per month, and the give/ask
    balance of the last months, each a chart with its numbers."""

    def compose(self) -> ComposeResult:
        yield Label("Trends", classes="side-title")
        yield Static("", id="trends-legend", classes="caption", markup=False)
        yield Label("", id="weeks-heading", classes="trend-heading")
        # The id is the one the sparkline had: tests and keymaps know it.
        yield BarChart(id="weeks-spark", classes="trend-chart")
        yield Static("", id="weeks-caption", classes="caption", markup=False)
        yield Label("", id="promises-heading", classes="trend-heading")
        yield BarChart(id="promises-chart", classes="trend-chart")
        yield Static("", id="promises-caption", classes="caption", markup=False)
        yield Label("", id="exchange-heading", classes="trend-heading")
        yield Static("", id="exchange-legend", classes="caption", markup=False)
        yield BarChart(id="exchange-chart", classes="trend-chart")
        yield Static("", id="exchange-caption", classes="caption", markup=False)

    _exchange_for: tuple[object, date] | None = None
    _exchange: tuple[Chart, str, str] = (Chart((), ()), "", "")
    _promises: tuple[Chart, str, str] = (Chart((), ()), "", "")

    def show(self, data: Data, today: date) -> None:
        self._legends()
        chart, heading, caption = follow_through_texts(data, today)
        self._section("weeks", "#weeks-spark", chart, heading, caption)
        cached = self._exchange_for
        if (
            data.journal is None
            or cached is None
            or cached[0] is not data.journal
            or cached[1] != today
        ):
            self._exchange_for = (data.journal, today)
            self._exchange = exchange_texts(data, today)
            self._promises = promise_texts(data, today)
        self._section("promises", "#promises-chart", *self._promises)
        self._section("exchange", "#exchange-chart", *self._exchange)

    def _section(self, name: str, chart_id: str, chart: Chart, heading: str, caption: str) -> None:
        self.query_one(f"#{name}-heading", Label).update(heading)
        widget = self.query_one(chart_id, BarChart)
        widget.show(chart)
        widget.display = bool(chart.slots)
        self.query_one(f"#{name}-caption", Static).update(caption)

    def _legends(self) -> None:
        """What the glyphs mean, in the theme's colours (they follow a theme change)."""
        colours = chart_colours(netplan_app(self).theme_colors())
        self.query_one("#trends-legend", Static).update(
            legend(
                (TARGET_GLYPH, colours["target"], "target (100%)"),
                (NOTHING_GLYPH, colours["axis"], "nothing due"),
            )
        )
        self.query_one("#exchange-legend", Static).update(
            legend(
                ("█", colours.get("success", ""), "gave"),
                ("█", colours.get("warning", ""), "asked"),
            )
        )
